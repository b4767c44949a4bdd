package org.depositobridge.report;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.depositobridge.deposito.DepositoLists;
import org.depositobridge.deposito.DepositoLists.Published;
import org.depositobridge.security.ApiException;
import org.depositobridge.security.ApiResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code depositoListApi}: serves the lists of {@link DepositoLists} (docs/routes.md "Recipes" (d)) the way the
 * datasets and their exports answer: JSON with ETag/304 and the {@code X-Data-*} headers, or a CSV through
 * {@link CsvWriter} (formula guard, {@code ?dialect=excel-ar}). Before the list's first publication: 503
 * {@code no_data_yet}, an {@link ApiException} answered by routeConfiguration dashboard-api-errors. It lives here, not in
 * {@code deposito}, because the deposito package must not depend on the API's error conventions or the CSV writer.
 */
public class DepositoListApi {

    private static final Logger LOG = LoggerFactory.getLogger(DepositoListApi.class);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final DepositoLists lists;
    private final ZoneId zone;
    private final Clock clock;

    public DepositoListApi(DepositoLists lists, ZoneId zone, Clock clock) {
        this.lists = lists;
        this.zone = zone;
        this.clock = clock;
    }

    /** The list as a JSON array; 304 when If-None-Match names its ETag. */
    public void json(Exchange exchange, String name) {
        Message in = exchange.getMessage();
        String requestId = in.getHeader(ApiResponses.REQUEST_ID, String.class);
        try {
            Published list = require(exchange, name);
            boolean notModified = ApiResponses.ifNoneMatch(in.getHeader("If-None-Match", String.class), list.etag());
            Message out = ApiResponses.reset(exchange, notModified ? 304 : 200);
            out.setHeader("ETag", list.etag());
            // revalidated on every use: the ETag makes that a 304 while the list is unchanged
            ApiResponses.cacheControl(exchange, "private, no-cache");
            out.setHeader("Last-Modified", HTTP_DATE.format(Instant.ofEpochMilli(list.asOfMillis())));
            dataHeaders(out, list);
            out.setBody(notModified ? null : list.json());
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("event=deposito_list_failed list={} request_id={} error=\"{}\"", name, requestId, e.toString(), e);
            ApiResponses.internalError(exchange, requestId);
        }
    }

    /**
     * The list as a CSV file: a header of the field names (first-seen order), one line per row. A column whose values
     * are all whole numbers is an integer column, all numbers a two-decimal amount, anything else text (guarded).
     */
    public void csv(Exchange exchange, String name) {
        Message in = exchange.getMessage();
        String requestId = in.getHeader(ApiResponses.REQUEST_ID, String.class);
        try {
            CsvDialect dialect = CsvExports.dialectOf(in.getHeader(Exchange.HTTP_QUERY, String.class));
            Published list = require(exchange, name);
            ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
            long rows = new CsvWriter(dialect, zone).write(table(list), list.rows().iterator(), body);
            Message out = ApiResponses.reset(exchange, 200);
            out.setHeader(Exchange.CONTENT_TYPE, CsvExports.CSV);
            out.setHeader("Content-Disposition",
                    "attachment; filename=\"" + name + "-" + LocalDate.ofInstant(clock.instant(), zone) + ".csv\"");
            ApiResponses.cacheControl(exchange, "no-store");
            dataHeaders(out, list);
            out.setBody(body.toByteArray());
            LOG.debug("event=exported dataset={} format=csv rows={} bytes={} request_id={}", name, rows, body.size(),
                    requestId);
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            LOG.error("event=export_failed dataset={} request_id={} error=\"{}\"", name, requestId, e.toString(), e);
            ApiResponses.internalError(exchange, requestId);
        }
    }

    private Published require(Exchange exchange, String name) {
        return lists.current(name).orElseThrow(() -> {
            exchange.setProperty(ApiResponses.DATA_SOURCE_PROPERTY, "none");
            return ApiException.noDataYet();
        });
    }

    private void dataHeaders(Message out, Published list) {
        out.setHeader("X-Data-As-Of", Instant.ofEpochMilli(list.asOfMillis()).toString());
        out.setHeader("X-Data-Stale", Boolean.toString(lists.stale(list)));
        out.setHeader("X-Data-Source", list.source());
    }

    static CsvTable<Map<String, Object>> table(Published list) {
        CsvTable.Builder<Map<String, Object>> b = CsvTable.named(list.name());
        if (list.columns().isEmpty()) {
            // an empty list (or rows without fields) still answers a file a spreadsheet opens
            return b.text("(no rows)", r -> "").build();
        }
        for (String column : list.columns()) {
            switch (kindOf(list.rows(), column)) {
                case INTEGER -> b.optionalInteger(column, r -> (Number) r.get(column));
                case MONEY -> b.optionalMoney(column, r -> (Number) r.get(column));
                default -> b.text(column, r -> {
                    Object v = r.get(column);
                    return v == null ? null : v.toString();
                });
            }
        }
        return b.build();
    }

    private static CsvTable.Kind kindOf(List<Map<String, Object>> rows, String column) {
        boolean integral = true;
        boolean numeric = true;
        boolean any = false;
        for (Map<String, Object> r : rows) {
            Object v = r.get(column);
            if (v == null) {
                continue;
            }
            any = true;
            integral &= v instanceof Long;
            numeric &= v instanceof Number;
        }
        if (!any || !numeric) {
            return CsvTable.Kind.TEXT;
        }
        return integral ? CsvTable.Kind.INTEGER : CsvTable.Kind.MONEY;
    }
}
