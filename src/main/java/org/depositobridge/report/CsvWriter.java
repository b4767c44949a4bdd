package org.depositobridge.report;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.depositobridge.report.CsvTable.Column;

/**
 * The bridge's one CSV writer (one per dialect, for exports and drops): streams rows through Jackson's CSV generator, so memory
 * stays flat whatever the row count.
 *
 * <p>Output in one {@link CsvDialect}: {@code "} quoting only where a cell needs it (the separator, a quote, CR or LF),
 * quotes doubled, CRLF line ends, UTF-8 (with a BOM in {@code excel-ar}), a header row of the column names, money
 * with exactly two decimals after the dialect's decimal separator, dates as ISO-8601 ({@code rfc4180}) or
 * {@code dd/mm/yyyy} in the report zone ({@code excel-ar}), empty cells for nulls.
 *
 * <p>Formula injection: a {@link CsvTable.Kind#TEXT} cell starting with {@code = + - @}, TAB, CR or LF gets a
 * leading {@code '}, which spreadsheets treat as "this is text" and hide. Quoting alone does not stop a
 * spreadsheet from evaluating a cell. A text cell that itself starts with {@code '} is guarded too, so the guard
 * is reversible: a consumer strips exactly one leading {@code '} from a guarded cell and gets the original.
 * Numbers the bridge formats itself (a negative count, say) are never touched.
 */
public final class CsvWriter {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** Doubles up to this magnitude are formatted through exact long cents; larger ones through BigDecimal. */
    private static final double FAST_MONEY_LIMIT = 1e13;

    private static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter LOCAL_TIMESTAMP = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss");

    private final CsvDialect dialect;
    private final ZoneId zone;
    private final CsvFactory factory;
    private final CsvSchema schema;

    /** An {@code rfc4180} writer (dates stay ISO-8601, so the zone is never used). */
    public CsvWriter() {
        this(CsvDialect.RFC4180, ZoneOffset.UTC);
    }

    /** @param zone where {@code excel-ar} shows a timestamp ({@code reports.timezone}) */
    public CsvWriter(CsvDialect dialect, ZoneId zone) {
        this.dialect = dialect;
        this.zone = zone;
        this.factory = CsvFactory.builder()
                .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
        this.schema = CsvSchema.emptySchema()
                .withColumnSeparator(dialect.separator())
                .withQuoteChar('"')
                .withoutEscapeChar()
                .withLineSeparator("\r\n")
                .withNullValue("")
                .withoutHeader();
    }

    public CsvDialect dialect() {
        return dialect;
    }

    public boolean bom() {
        return dialect.bom();
    }

    /**
     * Writes the header and every row to {@code out} (flushed, not closed) and returns the number of data rows.
     * An exception from the rows or the stream propagates; what was written so far is then incomplete and the
     * caller must not publish it.
     */
    public <T> long write(CsvTable<T> table, Iterator<? extends T> rows, OutputStream out) throws IOException {
        if (dialect.bom()) {
            out.write(BOM);
        }
        long count = 0;
        try (CsvGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.setSchema(schema);
            gen.writeStartArray();
            for (Column<T> c : table.columns()) {
                gen.writeString(c.name());
            }
            gen.writeEndArray();
            StringBuilder scratch = new StringBuilder(32);
            while (rows.hasNext()) {
                T row = rows.next();
                gen.writeStartArray();
                for (Column<T> c : table.columns()) {
                    writeCell(gen, c, row, scratch);
                }
                gen.writeEndArray();
                count++;
            }
            gen.flush();
        }
        return count;
    }

    /** {@link #write} for rows whose type is known only at run time (a mismatch fails as ClassCastException). */
    @SuppressWarnings("unchecked")
    public long writeRows(CsvTable<?> table, Iterator<?> rows, OutputStream out) throws IOException {
        return write((CsvTable<Object>) table, (Iterator<Object>) rows, out);
    }

    private <T> void writeCell(CsvGenerator gen, Column<T> c, T row, StringBuilder scratch) throws IOException {
        switch (c.kind()) {
            case TEXT -> {
                String v = c.text().apply(row);
                writeText(gen, v == null ? "" : guard(v));
            }
            case ISO_DATE -> {
                String v = c.text().apply(row);
                writeText(gen, v == null ? "" : date(v));
            }
            case INTEGER -> {
                if (c.boxed() == null) {
                    gen.writeNumber(c.integer().applyAsLong(row));
                } else {
                    Number n = c.boxed().apply(row);
                    if (n == null) {
                        gen.writeString("");
                    } else {
                        gen.writeNumber(n.longValue());
                    }
                }
            }
            case MONEY -> {
                Number boxed = c.boxed() == null ? null : c.boxed().apply(row);
                if (c.boxed() != null && boxed == null) {
                    gen.writeString("");
                    return;
                }
                double v = boxed != null ? boxed.doubleValue() : c.money().applyAsDouble(row);
                if (Double.isFinite(v)) {
                    scratch.setLength(0);
                    String amount = money(v, scratch);
                    gen.writeNumber(dialect.decimalSeparator() == '.' ? amount : amount.replace('.', dialect.decimalSeparator()));
                } else {
                    gen.writeString("");
                }
            }
            case BOOLEAN -> gen.writeString(c.flag().test(row) ? "true" : "false");
            default -> throw new IllegalStateException("unknown column kind " + c.kind());
        }
    }

    /**
     * A date or timestamp the bridge formatted as ISO-8601 ({@code 2026-03-18}, {@code 2026-03-18T15:00:00Z}), in the
     * dialect's shape: unchanged, or {@code 18/03/2026} / {@code 18/03/2026 12:00:00} (the instant in the report zone).
     * A value of another shape is written as it is.
     */
    String date(String iso) {
        if (!dialect.localDates() || iso.isEmpty()) {
            return iso;
        }
        try {
            if (iso.length() == 10) {
                return LocalDate.parse(iso).format(LOCAL_DATE);
            }
            return OffsetDateTime.parse(iso).atZoneSameInstant(zone).format(LOCAL_TIMESTAMP);
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /**
     * Writes a text cell, quoted whenever it holds a CR or LF. Jackson's strict quoting check (2.19) looks only at
     * the first character of the line separator, so with CRLF rows a bare LF inside a cell went out unquoted and
     * split the row in two; such a cell is written already quoted (quotes doubled) instead. Every other cell is left
     * to Jackson, which quotes the separator and the quote character.
     */
    private static void writeText(CsvGenerator gen, String v) throws IOException {
        if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            gen.writeRawValue('"' + v.replace("\"", "\"\"") + '"');
        } else {
            gen.writeString(v);
        }
    }

    /** True when a text cell would be read as a formula (or starts with the guard itself). */
    static boolean needsGuard(String v) {
        if (v.isEmpty()) {
            return false;
        }
        char c = v.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\n' || c == '\'';
    }

    /** The cell as written: with a leading {@code '} when {@link #needsGuard} says so. */
    public static String guard(String v) {
        return needsGuard(v) ? "'" + v : v;
    }

    /** Reverses {@link #guard}: what a consumer does to get the original text back. */
    public static String unguard(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && needsGuard(cell.substring(1)) ? cell.substring(1) : cell;
    }

    /** {@code v} with a decimal point and exactly two decimals, rounded half up (1234.5 -> "1234.50"). */
    static String money(double v, StringBuilder b) {
        if (Math.abs(v) >= FAST_MONEY_LIMIT) {
            return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).toPlainString();
        }
        long cents = Math.round(v * 100.0);
        if (cents < 0) {
            b.append('-');
            cents = -cents;
        }
        b.append(cents / 100).append('.');
        long frac = cents % 100;
        if (frac < 10) {
            b.append('0');
        }
        b.append(frac);
        return b.toString();
    }
}
