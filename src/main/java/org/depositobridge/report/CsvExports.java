package org.depositobridge.report;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.depositobridge.dataset.DatasetService;
import org.depositobridge.security.ApiException;
import org.depositobridge.security.ApiResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code csvExports}: the {@code /api/export/<dataset>.csv} answers, after the route's {@code apiGuard} step.
 * Same rows, columns and parameter rules as the JSON twin; {@code text/csv; charset=utf-8} with a dated
 * {@code Content-Disposition}.
 *
 * <p>The CSV is written completely before the status goes out, so a failure half-way is a JSON error with an error
 * status, never a 200 with a truncated body that looks like CSV. That buffer is bounded: the API's clamping caps
 * every exported dataset (at most 1000 rows of critical stock, 100 of the others).
 */
public class CsvExports {

    public static final String CSV = "text/csv; charset=utf-8";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Logger LOG = LoggerFactory.getLogger(CsvExports.class);

    private final ReportSource source;
    private final Map<CsvDialect, CsvWriter> writers = new EnumMap<>(CsvDialect.class);
    private final XlsxWriter xlsx;
    private final ZoneId zone;
    private final Clock clock;

    /** Answers {@code rfc4180} unless the request asks for {@code ?dialect=excel-ar}; dates in {@code zone}. */
    public CsvExports(ReportSource source, ZoneId zone, Clock clock) {
        this.source = source;
        this.zone = zone;
        this.clock = clock;
        for (CsvDialect d : CsvDialect.values()) {
            writers.put(d, new CsvWriter(d, zone));
        }
        this.xlsx = new XlsxWriter(zone);
    }

    /** The {@code dialect} query parameter (default rfc4180); another value is a 400 naming the accepted ones. */
    static CsvDialect dialectOf(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("dialect=")) {
                    String value = URLDecoder.decode(pair.substring("dialect=".length()), StandardCharsets.UTF_8);
                    try {
                        return CsvDialect.of(value);
                    } catch (IllegalArgumentException e) {
                        throw ApiException.invalidParameter("dialect", "must be rfc4180 or excel-ar");
                    }
                }
            }
        }
        return CsvDialect.RFC4180;
    }

    public void summary(Exchange exchange) {
        export(exchange, "summary");
    }

    public void providers(Exchange exchange) {
        export(exchange, "providers");
    }

    public void topProducts(Exchange exchange) {
        export(exchange, "top-products");
    }

    public void stockTimeline(Exchange exchange) {
        export(exchange, "stock-timeline");
    }

    public void criticalStock(Exchange exchange) {
        export(exchange, "critical-stock");
    }

    /** The file name a download gets: {@code <dataset>-<yyyy-MM-dd>.<csv|xlsx>}, the date of today in the report zone. */
    String fileName(String dataset, ReportFormat format) {
        return dataset + "-" + LocalDate.ofInstant(clock.instant(), zone) + "." + format.extension();
    }

    /** The format the request's path asks for: {@code /api/export/<dataset>.xlsx} or {@code .csv}. */
    static ReportFormat formatOf(String path) {
        return path != null && path.endsWith(".xlsx") ? ReportFormat.XLSX : ReportFormat.CSV;
    }

    private void export(Exchange exchange, String dataset) {
        Message in = exchange.getMessage();
        String requestId = in.getHeader(ApiResponses.REQUEST_ID, String.class);
        try {
            String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
            ReportFormat format = formatOf(in.getHeader(Exchange.HTTP_PATH, String.class));
            CsvWriter writer = writers.get(dialectOf(query));
            DatasetService.Extract x = source.extract(dataset, query);
            if (x.asOfMillis() <= 0) {
                // a part never synced (first start, no warm snapshot): a CSV of zeros would read as an empty warehouse
                exchange.setProperty(ApiResponses.DATA_SOURCE_PROPERTY, x.source());
                throw ApiException.noDataYet();
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            CsvTable<?> table = ReportTables.table(dataset);
            long rows = format == ReportFormat.XLSX ? xlsx.writeRows(table, x.rows().iterator(), body)
                    : writer.writeRows(table, x.rows().iterator(), body);
            Message out = ApiResponses.reset(exchange, 200);
            out.setHeader(Exchange.CONTENT_TYPE, format == ReportFormat.XLSX ? XLSX : CSV);
            out.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(dataset, format) + "\"");
            ApiResponses.cacheControl(exchange, "no-store");
            out.setHeader("X-Data-As-Of", x.asOfMillis() > 0 ? Instant.ofEpochMilli(x.asOfMillis()).toString() : "none");
            out.setHeader("X-Data-Stale", Boolean.toString(x.stale()));
            out.setHeader("X-Data-Source", x.source());
            out.setBody(body.toByteArray());
            LOG.debug("event=exported dataset={} format={} rows={} bytes={} request_id={}", dataset, format.extension(), rows,
                    body.size(), requestId);
        } catch (ApiException e) {
            // answered by the route's onException (routeConfiguration dashboard-api-errors)
            throw e;
        } catch (Exception e) {
            LOG.error("event=export_failed dataset={} request_id={} error=\"{}\"", dataset, requestId, e.toString(), e);
            ApiResponses.internalError(exchange, requestId);
        }
    }
}
