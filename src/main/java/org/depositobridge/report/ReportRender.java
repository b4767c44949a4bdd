package org.depositobridge.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.camel.ExchangeProperty;

/**
 * Bean {@code reportRender}: one report's rows as the bytes of its file, CSV ({@link CsvWriter}, formula guard
 * included) or XLSX ({@link XlsxWriter}). In memory: a report holds at most what its JSON twin serves (the API's
 * clamping), so a file is a few hundred KB at most.
 */
public class ReportRender {

    private final CsvWriter csv;
    private final XlsxWriter xlsx;

    public ReportRender(CsvWriter csv, XlsxWriter xlsx) {
        this.csv = csv;
        this.xlsx = xlsx;
    }

    public CsvWriter csvWriter() {
        return csv;
    }

    public byte[] csv(@ExchangeProperty("reportFile") SetFile file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        CsvTable<?> table = ReportTables.table(file.extract().dataset());
        file.rendered(csv.writeRows(table, file.extract().rows().iterator(), out));
        return out.toByteArray();
    }

    public byte[] xlsx(@ExchangeProperty("reportFile") SetFile file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        CsvTable<?> table = ReportTables.table(file.extract().dataset());
        file.rendered(xlsx.writeRows(table, file.extract().rows().iterator(), out));
        return out.toByteArray();
    }
}
