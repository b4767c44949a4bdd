package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Parsing rules of a stock file, without a bridge. */
class StockFileReaderTest {

    private final StockFileReader reader = new StockFileReader(5);

    private StockFile read(String text) throws StockFileException {
        return reader.read(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The same bytes give the same keys, different bytes different keys: the basis of exactly once. */
    @Test
    void should_derive_the_same_keys_from_the_same_content_only() throws Exception {
        String csv = "codigo,tipo_movimiento,cantidad\nA1,entrada,1\nA1,entrada,1\n";
        StockFile a = read(csv);
        StockFile b = read(csv);
        StockFile c = read(csv + "A2,entrada,1\n");

        assertThat(a.lines()).extracting(StockLine::key).containsExactlyElementsOf(b.lines().stream().map(StockLine::key).toList());
        assertThat(a.lines().get(0).key()).isNotEqualTo(a.lines().get(1).key()).startsWith("csv:" + a.sha256() + ":");
        assertThat(c.lines().get(0).key()).isNotEqualTo(a.lines().get(0).key());
    }

    /** A BOM, CRLF, a semicolon header, case and blank lines do not matter; a decimal comma is a price. */
    @Test
    void should_read_bom_crlf_semicolons_and_decimal_commas() throws Exception {
        StockFile f = read("\uFEFFCodigo;TIPO_MOVIMIENTO;Cantidad;precio_unitario\r\nA1;Entrada;+5;\"12,50\"\r\n\r\n");

        assertThat(f.separator()).isEqualTo(';');
        assertThat(f.lines()).hasSize(1);
        StockLine l = f.lines().get(0);
        assertThat(l.codigo()).isEqualTo("A1");
        assertThat(l.tipo()).isEqualTo("entrada");
        assertThat(l.cantidad()).isEqualTo(5L);
        assertThat(l.precioUnitario()).isEqualByComparingTo("12.50");
        assertThat(l.problem()).isNull();
    }

    /** A row with a different number of fields, a missing product or quantity is a problem of that line only. */
    @Test
    void should_flag_line_problems_without_failing_the_file() throws Exception {
        StockFile f = read("codigo,producto_id,tipo_movimiento,cantidad\nA1,,entrada\n,,entrada,3\nA1,x,entrada,3\nA1,,entrada,\n");

        assertThat(f.lines()).extracting(StockLine::problem).containsExactly("expected 4 fields, found 3",
                "codigo or producto_id is required", "producto_id is not a positive integer: 'x'", "cantidad is required");
    }

    /** More data lines than the limit make the whole file an error (the memory one file takes is bounded). */
    @Test
    void should_refuse_more_lines_than_the_limit() throws Exception {
        String five = "producto_id,tipo_movimiento,cantidad\n" + "1,entrada,1\n".repeat(5);
        assertThat(read(five).lines()).hasSize(5);
        assertThatThrownBy(() -> read(five + "1,entrada,1\n")).isInstanceOf(StockFileException.class)
                .hasMessageContaining("too many lines: more than 5 data lines");
    }

    /** An unclosed quote makes the file unreadable as a whole. */
    @Test
    void should_refuse_broken_quoting() {
        assertThatThrownBy(() -> read("codigo,tipo_movimiento,cantidad\nA1,\"entrada,3\n"))
                .isInstanceOf(StockFileException.class).hasMessageContaining("malformed CSV");
    }
}
