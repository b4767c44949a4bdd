package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The simulator's JSON writer: what it writes reads back, through Jackson, as exactly what was written. */
class JsonOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void should_write_strings_that_read_back_unchanged_whatever_needs_escaping_and_where() throws Exception {
        List<String> values = List.of("", "Venta mostrador", "Devolución de góndola ñandú", "\"al principio",
                "al final\\", "en \"el\" medio", "línea\nnueva", "tab\tu\r", "\u0001control\u001f", "€ 1.234,50 \uD83D\uDE00",
                "\\\"\\\"");
        JsonOut out = new JsonOut(64).beginArray();
        for (String v : values) {
            out.value(v);
        }
        JsonNode read = JSON.readTree(out.endArray().toString());
        assertThat(read).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            assertThat(read.get(i).textValue()).as("value %d", i).isEqualTo(values.get(i));
        }
    }

    @Test
    void should_write_members_with_commas_and_nulls() throws Exception {
        String json = new JsonOut(64).beginObject().field("a", "x").field("n", 5L).name("p").nullValue()
                .name("c").cents(123_456).field("b", true).endObject().toString();
        assertThat(json).isEqualTo("{\"a\":\"x\",\"n\":5,\"p\":null,\"c\":1234.56,\"b\":true}");
    }
}
