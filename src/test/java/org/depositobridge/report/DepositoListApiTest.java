package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.depositobridge.deposito.DepositoLists;
import org.depositobridge.security.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Serving a raw deposito list (recipe (d)): 503 before the first publish, ETag/304, CSV with guard and dialect. */
class DepositoListApiTest {

    final DefaultCamelContext ctx = new DefaultCamelContext();
    final Clock clock = Clock.fixed(Instant.parse("2026-03-18T15:00:00Z"), ZoneOffset.UTC);
    final DepositoLists lists = new DepositoLists(10, 2, new ObjectMapper(), () -> "deposito", 60_000, clock);
    final DepositoListApi api = new DepositoListApi(lists, ZoneId.of("America/Argentina/Buenos_Aires"), clock);

    @AfterEach
    void close() throws Exception {
        ctx.close();
    }

    Exchange request(String query) {
        Exchange e = new DefaultExchange(ctx);
        e.getMessage().setHeader(Exchange.HTTP_QUERY, query);
        return e;
    }

    void publish(String json) {
        Exchange e = new DefaultExchange(ctx);
        e.getMessage().setBody(json.getBytes(StandardCharsets.UTF_8));
        lists.accept(e, "l");
        lists.publish(e, "l");
    }

    /** Before the list's first publication both forms answer 503 no_data_yet (never an empty list). */
    @Test
    void should_answer_no_data_yet_before_the_first_publish() {
        assertThatThrownBy(() -> api.json(request(null), "l")).isInstanceOf(ApiException.class)
                .satisfies(t -> assertThat(((ApiException) t).status()).isEqualTo(503))
                .satisfies(t -> assertThat(((ApiException) t).json()).contains("no_data_yet"));
        assertThatThrownBy(() -> api.csv(request(null), "l")).isInstanceOf(ApiException.class)
                .satisfies(t -> assertThat(((ApiException) t).status()).isEqualTo(503));
    }

    /** JSON with its ETag and data headers; If-None-Match with that tag is a 304 without body. */
    @Test
    void should_answer_json_with_etag_and_304() {
        publish("[{\"id\":1,\"nombre\":\"Yerba\"}]");
        Exchange first = request(null);
        api.json(first, "l");
        assertThat(first.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(200);
        assertThat(first.getMessage().getBody(String.class)).isEqualTo("[{\"id\":1,\"nombre\":\"Yerba\"}]");
        assertThat(first.getMessage().getHeader("X-Data-As-Of")).isEqualTo("2026-03-18T15:00:00Z");
        assertThat(first.getMessage().getHeader("X-Data-Source")).isEqualTo("deposito");
        assertThat(first.getMessage().getHeader("X-Data-Stale")).isEqualTo("false");
        String etag = first.getMessage().getHeader("ETag", String.class);

        Exchange again = request(null);
        again.getMessage().setHeader("If-None-Match", "W/" + etag);
        api.json(again, "l");
        assertThat(again.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(304);
        assertThat(again.getMessage().getBody()).isNull();
    }

    /** CSV: header of the field names, integers and amounts by column, text guarded, excel-ar, a bad dialect 400. */
    @Test
    void should_write_csv_with_guard_and_dialect() {
        publish("[{\"id\":1,\"nombre\":\"=HYPERLINK(1)\",\"precio\":1.5},{\"id\":2,\"nombre\":\"Mate, grande\",\"precio\":2}]");
        Exchange plain = request(null);
        api.csv(plain, "l");
        assertThat(plain.getMessage().getBody(String.class))
                .isEqualTo("id,nombre,precio\r\n1,'=HYPERLINK(1),1.50\r\n2,\"Mate, grande\",2.00\r\n");
        assertThat(plain.getMessage().getHeader("Content-Disposition", String.class))
                .isEqualTo("attachment; filename=\"l-2026-03-18.csv\"");

        Exchange excel = request("dialect=excel-ar");
        api.csv(excel, "l");
        assertThat(excel.getMessage().getBody(String.class))
                .isEqualTo("\uFEFFid;nombre;precio\r\n1;'=HYPERLINK(1);1,50\r\n2;Mate, grande;2,00\r\n");
        assertThatThrownBy(() -> api.csv(request("dialect=lotus"), "l")).isInstanceOf(ApiException.class)
                .satisfies(t -> assertThat(((ApiException) t).status()).isEqualTo(400));
    }
}
