package org.depositobridge.dataset;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.depositobridge.dataset.DatasetQueries.CriticalQuery;
import org.depositobridge.dataset.DatasetQueries.ProviderSort;
import org.depositobridge.dataset.DatasetQueries.ProvidersQuery;
import org.depositobridge.dataset.DatasetQueries.TimelineQuery;
import org.depositobridge.dataset.DatasetQueries.TopProductsQuery;
import org.depositobridge.dataset.DatasetQueries.TopSort;
import org.depositobridge.dataset.DatasetQueries.TrendsQuery;
import org.depositobridge.deposito.DepositoSnapshot;
import org.depositobridge.deposito.SnapshotStore;
import org.depositobridge.deposito.TipoMovimiento;
import org.depositobridge.security.ApiException;
import org.depositobridge.security.ApiResponses;
import org.depositobridge.stats.StatsView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code dashboardDatasets}: the dataset endpoints the REST routes call, one method per path.
 *
 * <p>On every published snapshot it builds the {@link Datasets} once and serialises the default-parameter
 * answers once. Every answer (default or parameterised) is kept as a {@link PreparedResponse} in a bounded
 * cache keyed by snapshot version and the validated parameters, so a repeated question costs a map lookup,
 * and an unchanged answer a 304.
 *
 * <p>Until the snapshot is complete (products, critical stock and movements each synced once, or a warm-start
 * snapshot loaded) every dataset answers 503 {@code no_data_yet} with {@code Retry-After}: zeros or a partial
 * dataset would read as an empty warehouse.
 */
public class DatasetService {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetService.class);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private volatile SnapshotStore store;
    private final ZoneId zone;
    private final int maxDays;
    private final String cacheControl;
    private final Clock clock;
    private final Cache<String, PreparedResponse> responses;
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(PlainNumbers.MODULE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private volatile Datasets current;
    private volatile StatsView stats;
    /** The data source of the resolved deposito target; labels answers before a snapshot carries its own. */
    private volatile Supplier<String> targetSource = () -> null;

    public DatasetService(SnapshotStore store, ZoneId zone, int maxDays, int cacheSize, int maxAgeSeconds, Clock clock) {
        this.zone = zone;
        this.maxDays = maxDays;
        this.clock = clock;
        this.cacheControl = "private, max-age=" + maxAgeSeconds;
        this.responses = Caffeine.newBuilder().maximumSize(cacheSize).build();
        attach(store);
    }

    /** Follows this store from now on: its current snapshot at once, then every publication. */
    private synchronized void attach(SnapshotStore newStore) {
        if (newStore == store) {
            return;
        }
        store = newStore;
        current = null;
        rebuild(newStore.current());
        newStore.onPublish(s -> {
            if (store == newStore) {
                rebuild(s);
            }
        });
    }

    /** Where {@code X-Data-Source} comes from while no complete snapshot says it ("deposito" or "simulator"). */
    public void setTargetSource(Supplier<String> targetSource) {
        this.targetSource = targetSource;
    }

    /** The source to label an answer from these datasets with. */
    private String sourceOf(Datasets d) {
        String target = d.snapshot.complete() ? null : targetSource.get();
        return target != null ? target : d.snapshot.source();
    }

    /** Where {@code /api/stats} reads from; without one it answers 501. */
    public void setStats(StatsView stats) {
        this.stats = stats;
    }

    /** Rolls a newly published snapshot up and prepares its default answers; older snapshots never win. */
    synchronized void rebuild(DepositoSnapshot snapshot) {
        if (current != null && snapshot.version() < current.snapshot.version()) {
            return;
        }
        try {
            build(snapshot);
        } catch (RuntimeException e) {
            // the publisher (a poller) must not fail because of the datasets: keep serving the previous ones
            LOG.error("event=datasets_build_failed version={} error={}", snapshot.version(), e.toString(), e);
            if (current == null) {
                build(DepositoSnapshot.empty(snapshot.source()));
            }
        }
    }

    private void build(DepositoSnapshot snapshot) {
        long started = System.nanoTime();
        long ref = snapshot.movementsAsOfMillis() > 0 ? snapshot.movementsAsOfMillis() : clock.millis();
        long asOf = snapshot.asOfMillis();
        Datasets next = Datasets.next(current, snapshot, zone, ref, maxDays,
                HTTP_DATE.format(Instant.ofEpochMilli(asOf > 0 ? asOf : clock.millis())),
                asOf > 0 ? Instant.ofEpochMilli(asOf).toString() : "none");
        current = next;
        responses.invalidateAll();
        warmDefaults(next);
        LOG.info("event=datasets_built version={} productos={} movimientos={} rollup_entries={} millis={}",
                snapshot.version(), snapshot.productos().size(), snapshot.movements().size(), next.rollup.entries(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void warmDefaults(Datasets d) {
        boolean stale = store.stale();
        prepared(d, "summary", "", stale);
        prepared(d, "providers", ProvidersQuery.DEFAULT, stale);
        prepared(d, "stock-timeline", TimelineQuery.DEFAULT, stale);
        prepared(d, "top-products", TopProductsQuery.DEFAULT, stale);
        prepared(d, "trends", TrendsQuery.DEFAULT, stale);
        prepared(d, "stock-by-provider", 10, stale);
        prepared(d, "weekly-sales", 8, stale);
        prepared(d, "critical-stock", CriticalQuery.DEFAULT, stale);
    }

    /** The datasets now served (tests look at what was rebuilt). */
    Datasets current() {
        return current;
    }

    /** Responses currently held (bounded by dashboard.dataset-cache-size). */
    public long cachedResponses() {
        responses.cleanUp();
        return responses.estimatedSize();
    }

    // ------------------------------------------------------------------ endpoints (one per REST path)

    /**
     * Exchange property a route may set before serving: a query string of default parameters (e.g.
     * {@code start_date=...}) under the request's own, so a YAML route can offer a dataset with other defaults.
     */
    public static final String DEFAULTS_PROPERTY = "datasetDefaults";

    public void summary(Exchange exchange) {
        serve(exchange, "summary", q -> "");
    }

    public void providers(Exchange exchange) {
        serve(exchange, "providers", DatasetService::providersQuery);
    }

    public void stockTimeline(Exchange exchange) {
        serve(exchange, "stock-timeline", DatasetService::timelineQuery);
    }

    public void topProducts(Exchange exchange) {
        serve(exchange, "top-products", DatasetService::topProductsQuery);
    }

    public void trends(Exchange exchange) {
        serve(exchange, "trends", q -> {
            int months = q.intParam("months", 6, 1, 24);
            var range = q.dateRange();
            return new TrendsQuery(months, range[0], range[1], q.textParam("proveedor"));
        });
    }

    public void stockByProvider(Exchange exchange) {
        serve(exchange, "stock-by-provider", q -> q.intParam("limit", 10, 1, 100));
    }

    public void weeklySales(Exchange exchange) {
        serve(exchange, "weekly-sales", q -> q.intParam("weeks", 8, 1, 52));
    }

    public void criticalStock(Exchange exchange) {
        serve(exchange, "critical-stock", DatasetService::criticalQuery);
    }

    // The parameter rules of the datasets that also have a CSV twin: one definition for JSON and CSV.

    static ProvidersQuery providersQuery(QueryParams q) {
        ProviderSort sort = q.enumParam("sort", ProviderSort.class, ProviderSort.VALOR_STOCK);
        return new ProvidersQuery(q.textParam("q"), sort, q.ascending("order", sort == ProviderSort.NOMBRE),
                q.intParam("limit", 100, 1, 100));
    }

    static TimelineQuery timelineQuery(QueryParams q) {
        int days = q.intParam("days", 7, 1, 90);
        var range = q.dateRange();
        return new TimelineQuery(days, range[0], range[1], q.tipoParam("tipo", null));
    }

    static TopProductsQuery topProductsQuery(QueryParams q) {
        int limit = q.intParam("limit", 10, 1, 100);
        var range = q.dateRange();
        return new TopProductsQuery(limit, range[0], range[1], q.textParam("proveedor"),
                q.enumParam("sort", TopSort.class, TopSort.CANTIDAD), q.tipoParam("tipo", TipoMovimiento.SALIDA));
    }

    static CriticalQuery criticalQuery(QueryParams q) {
        return new CriticalQuery(q.intParam("limit", 100, 1, 1000), q.textParam("categoria"), q.textParam("proveedor"));
    }

    /**
     * The rows of one dataset of the current snapshot, as its JSON twin would answer them.
     *
     * @param rows    the row records of {@link DatasetRows} ({@code summary}: a list of its one object)
     * @param asOfMillis when the data was fetched complete (0 = never)
     */
    public record Extract(String dataset, List<?> rows, long version, long asOfMillis, boolean stale, String source) {
    }

    /**
     * The rows of {@code summary}, {@code providers}, {@code top-products}, {@code stock-timeline} or
     * {@code critical-stock} for a raw query string, read by exactly the rules of the JSON twin (the CSV exports
     * and report drops use it). A rule broken -> {@link ApiException} 400; an unknown dataset ->
     * IllegalArgumentException.
     */
    public Extract extract(String dataset, String rawQuery) {
        QueryParams q = new QueryParams(rawQuery);
        Object query = switch (dataset) {
            case "summary" -> "";
            case "providers" -> providersQuery(q);
            case "stock-timeline" -> timelineQuery(q);
            case "top-products" -> topProductsQuery(q);
            case "critical-stock" -> criticalQuery(q);
            default -> throw new IllegalArgumentException("no CSV twin for dataset " + dataset);
        };
        Datasets d = current;
        boolean stale = store.stale();
        Object body = body(d, dataset, query, stale);
        List<?> rows = body instanceof List<?> list ? list : List.of(body);
        DepositoSnapshot s = d.snapshot;
        return new Extract(dataset, rows, s.version(), s.asOfMillis(), stale, sourceOf(d));
    }

    /** {@code /api/stats}: the stats capability's snapshot, or 501 while there is none. */
    public void stats(Exchange exchange) {
        String requestId = exchange.getMessage().getHeader(ApiResponses.REQUEST_ID, String.class);
        try {
            StatsView source = stats;
            if (source == null) {
                notImplemented(exchange, "statistics are not available yet");
                return;
            }
            byte[] body = mapper.writeValueAsBytes(source.snapshot());
            Message m = ApiResponses.reset(exchange, 200);
            ApiResponses.cacheControl(exchange, "no-store");
            m.setBody(body);
        } catch (Exception e) {
            LOG.warn("event=stats_failed request_id={} error={}", requestId, e.getClass().getName());
            ApiResponses.internalError(exchange, requestId);
        }
    }

    private static void notImplemented(Exchange exchange, String message) {
        Message m = ApiResponses.reset(exchange, 501);
        ApiResponses.cacheControl(exchange, "no-store");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "not_implemented");
        body.put("message", message);
        m.setBody(ApiResponses.json(body));
    }

    // ------------------------------------------------------------------ serving

    @FunctionalInterface
    interface QueryReader {
        Object read(QueryParams q);
    }

    private void serve(Exchange exchange, String dataset, QueryReader reader) {
        Message in = exchange.getMessage();
        String requestId = in.getHeader(ApiResponses.REQUEST_ID, String.class);
        Datasets d = current;
        try {
            if (!d.snapshot.complete()) {
                throw ApiException.noDataYet();
            }
            Object query = reader.read(new QueryParams(withDefaults(in.getHeader(Exchange.HTTP_QUERY, String.class),
                    exchange.getProperty(DEFAULTS_PROPERTY, String.class))));
            String ifNoneMatch = in.getHeader("If-None-Match", String.class);
            boolean gzip = ApiResponses.acceptsGzip(in.getHeader("Accept-Encoding", String.class));
            boolean stale = store.stale();
            PreparedResponse r = prepared(d, dataset, query, stale);
            boolean notModified = r.matches(ifNoneMatch);
            Message out = ApiResponses.reset(exchange, notModified ? 304 : 200);
            boolean zipped = gzip && r.gzip() != null;
            out.setHeader("ETag", zipped ? r.gzipEtag() : r.etag());
            ApiResponses.cacheControl(exchange, cacheControl);
            out.setHeader("Vary", "Accept-Encoding");
            out.setHeader("Last-Modified", d.lastModified);
            out.setHeader("X-Data-As-Of", d.asOfText);
            out.setHeader("X-Data-Stale", Boolean.toString(stale));
            out.setHeader("X-Data-Source", sourceOf(d));
            if (notModified) {
                out.setBody(null);
            } else if (zipped) {
                out.setHeader("Content-Encoding", "gzip");
                out.setBody(r.gzip());
            } else {
                out.setBody(r.json());
            }
        } catch (ApiException e) {
            // answered by the route's onException (routeConfiguration dashboard-api-errors)
            if (e.status() == 503) {
                exchange.setProperty(ApiResponses.DATA_SOURCE_PROPERTY, sourceOf(d));
            }
            throw e;
        } catch (RuntimeException e) {
            LOG.error("event=dataset_failed dataset={} request_id={} error={}", dataset, requestId, e.toString(), e);
            ApiResponses.internalError(exchange, requestId);
        }
    }

    /**
     * The request's query followed by the route's defaults: the first occurrence of a parameter counts, so what the
     * caller sends wins and the defaults fill in the rest.
     */
    static String withDefaults(String query, String defaults) {
        if (defaults == null || defaults.isEmpty()) {
            return query;
        }
        return query == null || query.isEmpty() ? defaults : query + "&" + defaults;
    }

    private PreparedResponse prepared(Datasets d, String dataset, Object query, boolean stale) {
        // only the summary's body carries the stale flag; other answers are shared across it
        String key = d.snapshot.version() + "|" + dataset + "|" + query + ("summary".equals(dataset) ? "|" + stale : "");
        return responses.get(key, k -> PreparedResponse.of(serialise(d, dataset, query, stale)));
    }

    private byte[] serialise(Datasets d, String dataset, Object query, boolean stale) {
        Object body = body(d, dataset, query, stale);
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + dataset, e);
        }
    }

    private Object body(Datasets d, String dataset, Object query, boolean stale) {
        return switch (dataset) {
            case "summary" -> d.summary(clock.millis(), stale);
            case "providers" -> d.providers((ProvidersQuery) query);
            case "stock-timeline" -> d.stockTimeline((TimelineQuery) query);
            case "top-products" -> d.topProducts((TopProductsQuery) query);
            case "trends" -> d.trends((TrendsQuery) query);
            case "stock-by-provider" -> d.stockByProvider((Integer) query);
            case "weekly-sales" -> d.weeklySales((Integer) query);
            case "critical-stock" -> d.criticalStock((CriticalQuery) query);
            default -> throw new IllegalArgumentException("unknown dataset " + dataset);
        };
    }
}
