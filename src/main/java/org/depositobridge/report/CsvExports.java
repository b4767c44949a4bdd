package org.depositobridge.report;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

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
    private static final Logger LOG = LoggerFactory.getLogger(CsvExports.class);

    private final ReportSource source;
    private final CsvWriter writer;
    private final ZoneId zone;
    private final Clock clock;

    public CsvExports(ReportSource source, CsvWriter writer, ZoneId zone, Clock clock) {
        this.source = source;
        this.writer = writer;
        this.zone = zone;
        this.clock = clock;
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

    /** The file name a download gets: {@code <dataset>-<yyyy-MM-dd>.csv}, the date of today in the report zone. */
    String fileName(String dataset) {
        return dataset + "-" + LocalDate.ofInstant(clock.instant(), zone) + ".csv";
    }

    private void export(Exchange exchange, String dataset) {
        Message in = exchange.getMessage();
        String requestId = in.getHeader(ApiResponses.REQUEST_ID, String.class);
        try {
            DatasetService.Extract x = source.extract(dataset, in.getHeader(Exchange.HTTP_QUERY, String.class));
            if (x.asOfMillis() <= 0) {
                // a part never synced (first start, no warm snapshot): a CSV of zeros would read as an empty warehouse
                ApiResponses.refuse(exchange, ApiException.noDataYet());
                exchange.getMessage().setHeader("X-Data-Source", x.source());
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            long rows = writer.writeRows(ReportTables.table(dataset), x.rows().iterator(), body);
            Message out = ApiResponses.reset(exchange, 200);
            out.setHeader(Exchange.CONTENT_TYPE, CSV);
            out.setHeader("Content-Disposition", "attachment; filename=\"" + fileName(dataset) + "\"");
            ApiResponses.cacheControl(exchange, "no-store");
            out.setHeader("X-Data-As-Of", x.asOfMillis() > 0 ? Instant.ofEpochMilli(x.asOfMillis()).toString() : "none");
            out.setHeader("X-Data-Stale", Boolean.toString(x.stale()));
            out.setHeader("X-Data-Source", x.source());
            out.setBody(body.toByteArray());
            LOG.debug("event=csv_exported dataset={} rows={} bytes={} request_id={}", dataset, rows, body.size(), requestId);
        } catch (ApiException e) {
            ApiResponses.refuse(exchange, e);
        } catch (Exception e) {
            LOG.error("event=export_failed dataset={} request_id={} error=\"{}\"", dataset, requestId, e.toString(), e);
            ApiResponses.internalError(exchange, requestId);
        }
    }
}
