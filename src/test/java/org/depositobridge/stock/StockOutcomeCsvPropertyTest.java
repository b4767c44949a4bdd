package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.depositobridge.report.Rfc4180;
import org.junit.jupiter.api.Test;

/**
 * Property: the stock-update result and rejected files (written with the inbox file's own separator) parse back,
 * strict RFC 4180, to exactly the cells written, whatever a line's text or the deposito's error message holds.
 */
class StockOutcomeCsvPropertyTest {

    @Test
    void should_parse_back_to_the_same_cells_for_random_text_with_either_separator() throws Exception {
        Random random = new Random(600);
        for (char separator : new char[] {',', ';'}) {
            List<String[]> rows = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                rows.add(new String[] {Integer.toString(i), Rfc4180.hostile(random, 10), Rfc4180.hostile(random, 25)});
            }
            String text = new String(StockFileOutcome.csv(rows, separator), StandardCharsets.UTF_8);
            List<List<String>> parsed = Rfc4180.parse(text, separator);
            assertThat(parsed).as("separator %s", separator).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(parsed.get(i)).as("row %d, separator %s", i, separator).containsExactly(rows.get(i));
            }
        }
    }

    /** A rejected line whose error text carries a bare LF stays one record. */
    @Test
    void should_quote_a_bare_line_feed_in_an_error_message() throws Exception {
        String text = new String(StockFileOutcome.csv(List.<String[]>of(new String[] {"1", "stock\ninsuficiente"}), ';'),
                StandardCharsets.UTF_8);
        assertThat(Rfc4180.parse(text, ';')).containsExactly(Arrays.asList("1", "stock\ninsuficiente"));
    }
}
