package org.depositobridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Property: whatever text a deposito name holds, the CSV writer's output parses back (strict RFC 4180, not Jackson)
 * to the same cells, one record per row. Seeded, so a failure reproduces.
 */
class CsvQuotingPropertyTest {

    record Row(String a, String b, String c, long n) {
    }

    static final CsvTable<Row> TABLE = CsvTable.<Row>named("property")
            .text("a", Row::a).text("b", Row::b).integer("n", Row::n).text("c", Row::c).build();

    /** 5,000 rows of random hostile text: every row comes back whole, every text cell unguards to the original. */
    @Test
    void should_parse_back_to_the_same_cells_for_random_text() throws Exception {
        Random random = new Random(4180);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(new Row(Rfc4180.hostile(random, 12), Rfc4180.hostile(random, 3), Rfc4180.hostile(random, 30),
                    random.nextLong()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvWriter().write(TABLE, rows.iterator(), out);

        List<List<String>> parsed = Rfc4180.parse(out.toString(StandardCharsets.UTF_8), ',');
        assertThat(parsed).hasSize(rows.size() + 1);
        assertThat(parsed.get(0)).containsExactly("a", "b", "n", "c");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            List<String> cells = parsed.get(i + 1);
            assertThat(cells).as("row %d", i).hasSize(4);
            assertThat(CsvWriter.unguard(cells.get(0))).as("row %d a", i).isEqualTo(r.a());
            assertThat(CsvWriter.unguard(cells.get(1))).as("row %d b", i).isEqualTo(r.b());
            assertThat(Long.parseLong(cells.get(2))).isEqualTo(r.n());
            assertThat(CsvWriter.unguard(cells.get(3))).as("row %d c", i).isEqualTo(r.c());
        }
    }

    /** The probe's case: a bare LF inside a name is quoted, so the row stays one record. */
    @Test
    void should_quote_a_bare_line_feed_and_a_bare_carriage_return() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvWriter().write(TABLE, List.of(new Row("Pan dulce\nc/ frutas", "x\ry", "", 1)).iterator(), out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("a,b,n,c\r\n\"Pan dulce\nc/ frutas\",\"x\ry\",1,\r\n");
    }
}
