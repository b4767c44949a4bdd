package org.depositobridge.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Money in the JSON answers is a plain decimal, never scientific notation, and reads back to the same value. */
class PlainNumbersTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(PlainNumbers.MODULE);

    /** Large, small and whole amounts keep their value without an exponent; NaN becomes null. */
    @Test
    void should_write_plain_decimals() throws Exception {
        String json = mapper.writeValueAsString(Map.of("a", 8.25285935E7, "b", 0.0001, "c", 1500.0, "d", Double.NaN));
        assertThat(json).doesNotContain("E").contains("\"a\":82528593.5").contains("\"c\":1500.0")
                .contains("\"d\":null");
        assertThat(mapper.readTree(json).get("a").asDouble()).isEqualTo(8.25285935E7);
        assertThat(mapper.readTree(json).get("b").asDouble()).isEqualTo(0.0001);
    }
}
