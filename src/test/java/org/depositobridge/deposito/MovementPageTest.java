package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import org.junit.jupiter.api.Test;

/**
 * One page of movements read into columns, and each way a page can break the contract refused with what is wrong
 * (the poller turns that into a dead letter and a failed cycle: nothing of the page is appended).
 */
class MovementPageTest {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");

    private static String movement(long id, String tipo, int cantidad, int anterior, String extra) {
        return "{\"id\":" + id + ",\"producto_id\":7,\"tipo_movimiento\":\"" + tipo + "\",\"cantidad\":" + cantidad
                + ",\"stock_anterior\":" + anterior + ",\"stock_posterior\":" + (anterior + cantidad)
                + ",\"motivo\":\"Venta\",\"referencia\":null,\"precio_unitario\":12.5,\"origen\":null,\"destino\":null"
                + ",\"usuario\":\"caja1\",\"timestamp\":\"2026-06-01T10:00:00-03:00\",\"valor_total\":25.0" + extra + "}";
    }

    private static MovementPage read(String items, int capacity) throws Exception {
        String body = "{\"items\":[" + items + "],\"total\":2,\"page\":1,\"size\":" + capacity + ",\"pages\":1}";
        return MovementPage.read(JSON, body.getBytes(StandardCharsets.UTF_8), capacity, ZONE);
    }

    @Test
    void should_read_a_page_into_columns() throws Exception {
        MovementPage page = read(movement(10, "salida", -2, 5, "") + ","
                + movement(11, "entrada", 3, 3, ",\"campo_nuevo\":{\"x\":[1,2]}").replace("12.5", "null"), 1000);
        assertThat(page.n).isEqualTo(2);
        assertThat(page.total).isEqualTo(2);
        assertThat(page.pages).isEqualTo(1);
        assertThat(page.id).startsWith(10, 11);
        assertThat(page.productoId).startsWith(7, 7);
        assertThat(page.cantidad).startsWith(-2, 3);
        assertThat(TipoMovimiento.ofOrdinal(page.tipo[0])).isEqualTo(TipoMovimiento.SALIDA);
        assertThat(page.ts[0]).isEqualTo(Instant.parse("2026-06-01T13:00:00Z").toEpochMilli());
        assertThat(page.precio[0]).isEqualTo(12.5);
        assertThat(page.precio[1]).isNaN();
        assertThat(page.valor[1]).isEqualTo(25.0);
    }

    @Test
    void should_refuse_each_breach_of_the_contract_saying_what_it_is() {
        String ok = movement(10, "salida", -2, 5, "");
        assertRefused(ok.replace("\"tipo_movimiento\":\"salida\"", "\"tipo_movimiento\":\"venta\""),
                "tipo_movimiento must be entrada|salida|ajuste|transferencia");
        assertRefused(ok.replace("\"producto_id\":7,", ""), "movement 10 lacks a required field");
        assertRefused(ok.replace("\"id\":10", "\"id\":\"10\""), "id must be an integer");
        assertRefused(movement(10, "salida", 2, 5, ""), "movement 10: cantidad 2 does not fit tipo salida");
        assertRefused(ok.replace("\"stock_posterior\":3", "\"stock_posterior\":4"),
                "movement 10: stock_posterior 4 != stock_anterior 5 + cantidad -2");
        assertRefused(ok + "," + movement(9, "salida", -1, 5, ""), "items not ordered by id: 9 after 10");
        assertRefused(ok.replace("12.5", "\"12.5\""), "precio_unitario must be a number");
        assertRefused(ok.replace("\"2026-06-01T10:00:00-03:00\"", "20260601"), "timestamp must be a string");
        assertRefused("7", "items[0] must be an object");
        assertThatThrownBy(() -> read(ok + "," + movement(11, "salida", -1, 3, ""), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("more items than the page size 1");
    }

    @Test
    void should_refuse_a_page_that_is_not_a_page() {
        assertThatThrownBy(() -> MovementPage.read(JSON, "[]".getBytes(StandardCharsets.UTF_8), 10, ZONE))
                .hasMessage("expected a JSON object");
        assertThatThrownBy(() -> MovementPage.read(JSON, "{\"items\":[]}".getBytes(StandardCharsets.UTF_8), 10, ZONE))
                .hasMessage("page lacks items, total or pages");
        assertThatThrownBy(() -> MovementPage.read(JSON, "{\"items\":[{\"id\":".getBytes(StandardCharsets.UTF_8), 10,
                ZONE)).isInstanceOf(JsonParseException.class);
    }

    private static void assertRefused(String items, String message) {
        assertThatThrownBy(() -> read(items, 1000)).as(message).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
