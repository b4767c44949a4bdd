package org.depositobridge.report;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;

import org.depositobridge.report.CsvTable.Column;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes a report as an XLSX workbook (one sheet named after the report), streaming with fastexcel: rows are flushed
 * to the output every {@value #FLUSH_ROWS}, and text goes in inline strings rather than the shared-string table, so
 * memory stays flat whatever the row count.
 *
 * <p>Cells are typed, so a spreadsheet user needs no import step and no guard: integers and money are numeric cells
 * (money with two decimals, integers in General), dates and timestamps are date cells (timestamps in the report zone), flags are booleans,
 * and text, including text that looks like a formula ({@code =Promo 2x1}), is a text cell that is never evaluated and
 * shows no apostrophe. The header row is bold, frozen and carries an autofilter; a text column is as wide as its
 * longest value in the first rows (at most 60 characters), other columns by kind.
 */
public final class XlsxWriter {

    static final int FLUSH_ROWS = 1000;
    /** Deflate level 1: a report's repetitive XML compresses well even so, at several times the speed of the default. */
    private static final int COMPRESSION = 1;
    private static final String MONEY = "#,##0.00";
    private static final String DATE = "dd/mm/yyyy";
    private static final String TIMESTAMP = "dd/mm/yyyy hh:mm:ss";
    /** Excel's limit of characters in one cell; a longer deposito text is cut rather than making a broken file. */
    private static final int MAX_CELL_CHARS = 32_767;

    private final ZoneId zone;

    /** @param zone where a timestamp is shown ({@code reports.timezone}) */
    public XlsxWriter(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Writes the header and every row to {@code out} (finished, not closed) and returns the number of data rows. An
     * exception from the rows or the stream propagates; what was written is then incomplete and must not be published.
     */
    public <T> long write(CsvTable<T> table, Iterator<? extends T> rows, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(new NonClosing(out), "deposito-bridge", "1.0");
        workbook.setCompressionLevel(COMPRESSION);
        Worksheet sheet = workbook.newWorksheet(table.name());
        List<Column<T>> columns = table.columns();
        // widths from the header and the text of the first FLUSH_ROWS rows: the column list is written at the first flush
        int[] longest = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            sheet.inlineString(0, c, columns.get(c).name());
            sheet.style(0, c).bold().set();
            longest[c] = columns.get(c).name().length();
        }
        sheet.freezePane(0, 1);
        sheet.setAutoFilter(0, 0, columns.size() - 1);
        int r = 0;
        while (rows.hasNext()) {
            T row = rows.next();
            r++;
            for (int c = 0; c < columns.size(); c++) {
                String text = writeCell(sheet, r, c, columns.get(c), row);
                if (r <= FLUSH_ROWS && text != null) {
                    longest[c] = Math.max(longest[c], text.length());
                }
            }
            if (r == FLUSH_ROWS) {
                setWidths(sheet, columns, longest);
            }
            if (r % FLUSH_ROWS == 0) {
                sheet.flush();
            }
        }
        if (r < FLUSH_ROWS) {
            setWidths(sheet, columns, longest);
        }
        sheet.finish();
        workbook.finish();
        out.flush();
        return r;
    }

    /** {@link #write} for rows whose type is known only at run time (a mismatch fails as ClassCastException). */
    @SuppressWarnings("unchecked")
    public long writeRows(CsvTable<?> table, Iterator<?> rows, OutputStream out) throws IOException {
        return write((CsvTable<Object>) table, (Iterator<Object>) rows, out);
    }

    private static <T> void setWidths(Worksheet sheet, List<Column<T>> columns, int[] longest) {
        for (int c = 0; c < columns.size(); c++) {
            sheet.width(c, width(columns.get(c), longest[c]));
        }
    }

    /** Writes one cell; returns its text when it is a text cell (for the column width), else null. */
    private <T> String writeCell(Worksheet sheet, int r, int c, Column<T> column, T row) {
        switch (column.kind()) {
            case TEXT -> {
                String v = column.text().apply(row);
                if (v != null && !v.isEmpty()) {
                    sheet.inlineString(r, c, v.length() > MAX_CELL_CHARS ? v.substring(0, MAX_CELL_CHARS) : v);
                }
                return v;
            }
            case ISO_DATE -> writeDate(sheet, r, c, column.text().apply(row));
            case INTEGER -> {
                Number n = column.boxed() == null ? (Number) column.integer().applyAsLong(row) : column.boxed().apply(row);
                if (n != null) {
                    // General shows an integer as it is: no style to set per cell
                    sheet.value(r, c, n.longValue());
                }
            }
            case MONEY -> {
                Number boxed = column.boxed() == null ? null : column.boxed().apply(row);
                double v = column.boxed() == null ? column.money().applyAsDouble(row)
                        : boxed == null ? Double.NaN : boxed.doubleValue();
                if (Double.isFinite(v)) {
                    // the same two decimals, rounded half up, as the CSV shows
                    sheet.value(r, c, Math.round(v * 100.0) / 100.0);
                    sheet.style(r, c).format(MONEY).set();
                }
            }
            case BOOLEAN -> sheet.value(r, c, column.flag().test(row));
            default -> throw new IllegalStateException("unknown column kind " + column.kind());
        }
        return null;
    }

    /** An ISO-8601 date or instant as the bridge formats it, as a date cell; another shape stays text. */
    private void writeDate(Worksheet sheet, int r, int c, String iso) {
        if (iso == null || iso.isEmpty()) {
            return;
        }
        try {
            if (iso.length() == 10) {
                sheet.value(r, c, LocalDate.parse(iso));
                sheet.style(r, c).format(DATE).set();
            } else {
                LocalDateTime local = OffsetDateTime.parse(iso).atZoneSameInstant(zone).toLocalDateTime();
                sheet.value(r, c, local);
                sheet.style(r, c).format(TIMESTAMP).set();
            }
        } catch (DateTimeParseException e) {
            sheet.inlineString(r, c, iso);
        }
    }

    /** Characters of width: text as its longest sampled value (at most 60), others by kind and header. */
    private static double width(Column<?> column, int longest) {
        return switch (column.kind()) {
            case TEXT -> Math.min(60, Math.max(10, longest + 2));
            case ISO_DATE -> 20;
            case MONEY -> Math.max(16, column.name().length() + 2);
            default -> Math.max(10, column.name().length() + 2);
        };
    }

    /** fastexcel closes the stream it was given when it finishes; the caller owns {@code out} (fsync, rename). */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
