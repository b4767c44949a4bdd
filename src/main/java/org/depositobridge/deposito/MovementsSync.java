package org.depositobridge.deposito;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/**
 * Movements sync (bean {@code movementsSync}, route {@code deposito-sync-movements}): incremental
 * {@code GET /stock/movements} from a watermark ({@link #watermark}, the route's {@code fecha_desde}).
 *
 * <p>The watermark is the newest movement held minus an overlap window (movements can commit late); the
 * first sync reaches back {@code dashboard.history-days}. Pages are parsed with Jackson's streaming parser
 * straight into the columnar {@link MovementLog} (no object per movement), de-duplicated by id, validated
 * against the contract's invariants, and published as one new log when the last page arrived. Retention
 * drops what is older than the history window, so the log is bounded by time.
 */
public class MovementsSync extends PagedSync {

    static final class Cycle {
        long fromMillis;
        volatile int lastPage = -1;
        volatile long total = -1;
        long maxIdAtStart;
        long lastIdThisCycle = Long.MIN_VALUE;
        Set<Long> recentIds;
        MovementLog.Appender appender;
        int added;
        final PageSequencer<PageBuffer> sequencer = new PageSequencer<>(this::apply);

        /** Runs in page order under the sequencer's lock: de-duplicates and appends. */
        private void apply(PageBuffer page) {
            for (int i = 0; i < page.n; i++) {
                long id = page.id[i];
                if (id <= lastIdThisCycle) {
                    continue; // a page boundary shifted under us: seen already in this cycle
                }
                lastIdThisCycle = id;
                if (id <= maxIdAtStart && recentIds.contains(id)) {
                    continue; // inside the overlap window and already held
                }
                appender.add(id, page.productoId[i], TipoMovimiento.ofOrdinal(page.tipo[i]), page.cantidad[i],
                        page.ts[i], page.precio[i], page.valor[i]);
                added++;
            }
        }
    }

    /** One page's movements, validated before any of them is appended. */
    private static final class PageBuffer {
        final long[] id;
        final int[] productoId;
        final byte[] tipo;
        final int[] cantidad;
        final long[] ts;
        final double[] precio;
        final double[] valor;
        int n;

        PageBuffer(int capacity) {
            id = new long[capacity];
            productoId = new int[capacity];
            tipo = new byte[capacity];
            cantidad = new int[capacity];
            ts = new long[capacity];
            precio = new double[capacity];
            valor = new double[capacity];
        }
    }

    private final SnapshotStore store;
    private final ObjectMapper json;
    private final Duration overlap;
    private final Duration history;
    private final ZoneId zone;
    private final Clock clock;

    public MovementsSync(SnapshotStore store, ObjectMapper json, int pageSize, Duration overlap, Duration history,
            ZoneId zone, Clock clock) {
        super("deposito.movements.page-size", pageSize);
        this.store = store;
        this.json = json;
        this.overlap = overlap;
        this.history = history;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void start(Exchange exchange) {
        MovementLog log = store.current().movements();
        Cycle c = new Cycle();
        long now = clock.millis();
        long historyStart = now - history.toMillis();
        c.fromMillis = log.size() == 0 ? historyStart : Math.max(historyStart, log.maxTimestampMillis() - overlap.toMillis());
        c.maxIdAtStart = log.maxId();
        c.recentIds = new HashSet<>();
        long windowStart = c.fromMillis - overlap.toMillis();
        for (int i = log.size() - 1; i >= 0 && log.timestampMillis(i) >= windowStart; i--) {
            c.recentIds.add(log.id(i));
        }
        c.appender = log.appender();
        exchange.setProperty(CYCLE, c);
    }

    /**
     * The cycle's watermark, as the deposito's {@code fecha_desde} wants it: the newest movement held minus the
     * overlap window, or {@code dashboard.history-days} back when none is held (set by {@link #start}).
     */
    public String watermark(Exchange exchange) {
        return DepositoTime.format(cycle(exchange).fromMillis);
    }

    @Override
    int lastPage(Exchange exchange) {
        return cycle(exchange).lastPage;
    }

    @Override
    public void acceptPage(Exchange exchange) {
        Cycle c = cycle(exchange);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String request = "GET /stock/movements?" + exchange.getMessage().getHeader(DepositoCalls.QUERY, String.class);
        int page = exchange.getProperty(PAGE, Integer.class);
        PageBuffer buffer = new PageBuffer(pageSize);
        long total = -1;
        int pages = -1;
        try (JsonParser p = json.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            boolean sawItems = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "items" -> {
                        readItems(p, t, buffer);
                        sawItems = true;
                    }
                    case "total" -> total = requireLong(p, t, "total");
                    case "pages" -> pages = (int) requireLong(p, t, "pages");
                    default -> p.skipChildren();
                }
            }
            if (!sawItems || total < 0 || pages < 0) {
                throw new IllegalArgumentException("page lacks items, total or pages");
            }
            if (page == 1) {
                if (pages > 10_000_000) {
                    throw new IllegalArgumentException("implausible page count " + pages);
                }
                // new movements may add pages while we read; they are picked up by the next cycle's overlap
                c.total = total;
                c.lastPage = pages;
            } else if (total < c.total) {
                throw new IllegalArgumentException("total shrank mid-sync: " + c.total + " then " + total);
            }
            if (buffer.n == 0 && page <= pages && total > 0) {
                throw new IllegalArgumentException("empty page " + page + " of " + pages);
            }
            c.sequencer.offer(page, buffer);
            // the page is parsed: drop its bytes now, the splitter keeps finished page exchanges until the end
            exchange.getMessage().setBody(null);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new DepositoContractException("movements", request, body, e.getMessage(), e);
        }
    }

    @Override
    public void publish(Exchange exchange) {
        Cycle c = cycle(exchange);
        if (c.lastPage > 0 && c.sequencer.applied() != c.lastPage) {
            throw new IllegalStateException("movements cycle incomplete: " + c.sequencer.applied() + " of " + c.lastPage + " pages");
        }
        long now = clock.millis();
        MovementLog log = c.appender.build().retainFrom(now - history.toMillis());
        store.publish(s -> s.withMovements(s.version() + 1, log, now));
        exchange.getMessage().setBody(c.added);
    }

    private void readItems(JsonParser p, JsonToken t, PageBuffer page) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("items must be an array");
        }
        long previousId = Long.MIN_VALUE;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("items[" + page.n + "] must be an object");
            }
            if (page.n == page.id.length) {
                throw new IllegalArgumentException("more items than the page size " + page.id.length);
            }
            readItem(p, page);
            long id = page.id[page.n];
            if (id <= previousId) {
                throw new IllegalArgumentException("items not ordered by id: " + id + " after " + previousId);
            }
            previousId = id;
            page.n++;
        }
    }

    private void readItem(JsonParser p, PageBuffer b) throws IOException {
        int i = b.n;
        long id = -1;
        long productoId = -1;
        TipoMovimiento tipo = null;
        Long cantidad = null;
        Long anterior = null;
        Long posterior = null;
        Long ts = null;
        double precio = Double.NaN;
        double valor = Double.NaN;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            t = p.nextToken();
            switch (f) {
                case "id" -> id = requireLong(p, t, "id");
                case "producto_id" -> productoId = requireLong(p, t, "producto_id");
                case "tipo_movimiento" -> {
                    if (t != JsonToken.VALUE_STRING || (tipo = TipoMovimiento.fromCode(p.getText())) == null) {
                        throw new IllegalArgumentException("tipo_movimiento must be entrada|salida|ajuste|transferencia");
                    }
                }
                case "cantidad" -> cantidad = requireLong(p, t, "cantidad");
                case "stock_anterior" -> anterior = requireLong(p, t, "stock_anterior");
                case "stock_posterior" -> posterior = requireLong(p, t, "stock_posterior");
                case "timestamp" -> {
                    if (t != JsonToken.VALUE_STRING) {
                        throw new IllegalArgumentException("timestamp must be a string");
                    }
                    ts = DepositoTime.parse(p.getText(), zone);
                }
                case "precio_unitario" -> precio = optionalDouble(p, t, "precio_unitario");
                case "valor_total" -> valor = optionalDouble(p, t, "valor_total");
                default -> p.skipChildren();
            }
        }
        if (id < 0 || productoId < 0 || tipo == null || cantidad == null || anterior == null || posterior == null
                || ts == null) {
            throw new IllegalArgumentException("movement " + id + " lacks a required field");
        }
        if (cantidad == 0 || (tipo == TipoMovimiento.ENTRADA && cantidad < 0) || (tipo == TipoMovimiento.SALIDA && cantidad > 0)) {
            throw new IllegalArgumentException("movement " + id + ": cantidad " + cantidad + " does not fit tipo " + tipo.code());
        }
        if (posterior != anterior + cantidad || posterior < 0) {
            throw new IllegalArgumentException("movement " + id + ": stock_posterior " + posterior
                    + " != stock_anterior " + anterior + " + cantidad " + cantidad);
        }
        if (productoId > Integer.MAX_VALUE || Math.abs(cantidad) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("movement " + id + ": value out of range");
        }
        b.id[i] = id;
        b.productoId[i] = (int) productoId;
        b.tipo[i] = (byte) tipo.ordinal();
        b.cantidad[i] = cantidad.intValue();
        b.ts[i] = ts;
        b.precio[i] = precio;
        b.valor[i] = valor;
    }

    private static long requireLong(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw new IllegalArgumentException(field + " must be an integer");
        }
        return p.getLongValue();
    }

    private static double optionalDouble(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new IllegalArgumentException(field + " must be a number");
        }
        return p.getDoubleValue();
    }

    private static Cycle cycle(Exchange exchange) {
        return exchange.getProperty(CYCLE, Cycle.class);
    }
}
