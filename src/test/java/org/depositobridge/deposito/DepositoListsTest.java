package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded store of raw deposito lists behind recipe (d): what it keeps, what it refuses and how it says so. */
class DepositoListsTest {

    final DefaultCamelContext ctx = new DefaultCamelContext();
    final Clock clock = Clock.fixed(Instant.parse("2026-03-18T15:00:00Z"), ZoneOffset.UTC);

    @AfterEach
    void close() throws Exception {
        ctx.close();
    }

    DepositoLists lists(int maxRows, int maxLists) {
        return new DepositoLists(maxRows, maxLists, new ObjectMapper(), () -> "simulator", 60_000, clock);
    }

    Exchange answer(String json) {
        Exchange e = new DefaultExchange(ctx);
        e.getMessage().setBody(json.getBytes(StandardCharsets.UTF_8));
        e.getMessage().setHeader("depositoPath", "/productos");
        return e;
    }

    /** A list of objects becomes rows of scalars in the answer's order, served only once published. */
    @Test
    void should_keep_the_rows_of_a_list_once_published() {
        DepositoLists lists = lists(10, 2);
        Exchange e = answer("{\"total\":2,\"productos\":[{\"id\":1,\"nombre\":\"Yerba\",\"precio\":1.5,\"activo\":true,"
                + "\"baja\":null},{\"id\":2,\"codigo\":\"=SUM(A1)\"}]}");
        lists.accept(e, "active", "productos");
        assertThat(lists.current("active")).as("nothing served before publish").isEmpty();
        lists.publish(e, "active");

        DepositoLists.Published p = lists.current("active").orElseThrow();
        assertThat(e.getMessage().getBody()).isEqualTo(2);
        assertThat(p.rows()).hasSize(2);
        assertThat(p.rows().get(0).keySet()).containsExactly("id", "nombre", "precio", "activo", "baja");
        assertThat(p.rows().get(0)).containsEntry("id", 1L).containsEntry("nombre", "Yerba").containsEntry("precio", 1.5)
                .containsEntry("activo", true).containsEntry("baja", null);
        assertThat(p.columns()).containsExactly("id", "nombre", "precio", "activo", "baja", "codigo");
        assertThat(new String(p.json(), StandardCharsets.UTF_8)).startsWith("[{\"id\":1,\"nombre\":\"Yerba\",\"precio\":1.5,");
        assertThat(p.source()).isEqualTo("simulator");
        assertThat(p.asOfMillis()).isEqualTo(clock.millis());
        assertThat(p.etag()).matches("\"[0-9a-f]{16}-[0-9a-f]+\"");
        assertThat(lists.stale(p)).isFalse();
    }

    /** A plain array is accepted without a field; the same rows give the same ETag, other rows another. */
    @Test
    void should_tag_a_list_by_its_content() {
        DepositoLists lists = lists(10, 2);
        Exchange a = answer("[{\"id\":1}]");
        lists.accept(a, "l");
        lists.publish(a, "l");
        String first = lists.current("l").orElseThrow().etag();
        Exchange b = answer("[{\"id\":1}]");
        lists.accept(b, "l");
        lists.publish(b, "l");
        assertThat(lists.current("l").orElseThrow().etag()).isEqualTo(first);
        Exchange c = answer("[{\"id\":2}]");
        lists.accept(c, "l");
        lists.publish(c, "l");
        assertThat(lists.current("l").orElseThrow().etag()).isNotEqualTo(first);
    }

    /** More rows than max-rows: refused whole as a contract breach naming the limit; the published list stays. */
    @Test
    void should_refuse_more_rows_than_max_rows() {
        DepositoLists lists = lists(2, 4);
        Exchange ok = answer("[{\"id\":1},{\"id\":2}]");
        lists.accept(ok, "l");
        lists.publish(ok, "l");
        assertThatThrownBy(() -> lists.accept(answer("[{\"id\":1},{\"id\":2},{\"id\":3}]"), "l"))
                .isInstanceOf(DepositoContractException.class)
                .hasMessage("list l: 3 rows, more than deposito.lists.max-rows=2")
                .satisfies(t -> assertThat(((DepositoContractException) t).endpoint()).isEqualTo("l"))
                .satisfies(t -> assertThat(((DepositoContractException) t).request()).isEqualTo("GET /productos"));
        assertThat(lists.current("l").orElseThrow().rows()).hasSize(2);
    }

    /** One list name more than max-lists is a fault of the routes, refused with the names held; old names still publish. */
    @Test
    void should_refuse_more_lists_than_max_lists() {
        DepositoLists lists = lists(10, 2);
        for (String name : List.of("a", "b", "a")) {
            Exchange e = answer("[{\"id\":1}]");
            lists.accept(e, name);
            lists.publish(e, name);
        }
        Exchange third = answer("[{\"id\":1}]");
        lists.accept(third, "c");
        assertThatThrownBy(() -> lists.publish(third, "c")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("list c refused: already 2 lists, the most deposito.lists.max-lists=2 allows");
        assertThat(lists.names()).containsExactlyInAnyOrder("a", "b");
    }

    /** Anything but a list of objects of scalars is a contract breach with the payload kept for the dead letter. */
    @Test
    void should_refuse_an_answer_that_is_not_a_list_of_objects() {
        DepositoLists lists = lists(10, 2);
        Map<String, String> bad = Map.of(
                "{\"total\":0}", "list l: expected a JSON object with a list in field 'productos'",
                "{\"productos\":{\"id\":1}}", "list l: expected a JSON list of objects in field 'productos', got object",
                "[1,2]", "list l: row 0 is not an object",
                "[{\"id\":1,\"proveedor\":{\"cuit\":\"x\"}}]",
                "list l: row 0 field 'proveedor' is object, only text, numbers, true/false and null are kept",
                "", "list l: empty answer, expected a JSON list of objects");
        bad.forEach((body, message) -> {
            String field = body.startsWith("[") || body.isEmpty() ? null : "productos";
            assertThatThrownBy(() -> lists.accept(answer(body), "l", field)).as(body)
                    .isInstanceOf(DepositoContractException.class).hasMessage(message)
                    .satisfies(t -> assertThat(((DepositoContractException) t).payload())
                            .isEqualTo(body.getBytes(StandardCharsets.UTF_8)));
        });
        assertThatThrownBy(() -> lists.accept(answer("not json"), "l")).isInstanceOf(DepositoContractException.class)
                .hasMessageStartingWith("list l: Unrecognized token 'not'").hasMessageNotContaining("\n");
        assertThat(lists.names()).isEmpty();
    }

    /** publish without an accepted answer in the cycle (a route with its steps out of order) says so. */
    @Test
    void should_refuse_a_publish_without_an_accepted_answer() {
        DepositoLists lists = lists(10, 2);
        assertThatThrownBy(() -> lists.publish(answer("[]"), "l")).isInstanceOf(IllegalStateException.class)
                .hasMessage("list l: publish without an accepted answer in this cycle");
        assertThatThrownBy(() -> lists(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("deposito.lists.max-rows");
    }
}
