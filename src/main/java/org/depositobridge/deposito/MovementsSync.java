package org.depositobridge.deposito;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/**
 * Movements sync (bean {@code movementsSync}, route {@code deposito-sync-movements}): incremental
 * {@code GET /stock/movements} from a watermark ({@link #window}, the route's {@code fecha_desde}).
 *
 * <p>The watermark is the newest movement held minus an overlap window (movements can commit late); the
 * first sync reaches back {@code dashboard.history-days}. Pages are parsed with Jackson's streaming parser
 * straight into the columnar {@link MovementLog} (no object per movement), de-duplicated by id, validated
 * against the contract's invariants, and published as one new log when the last page arrived. Retention
 * drops what is older than the history window, so the log is bounded by time.
 *
 * <p>A cycle runs one or two passes (the route's loop over {@link #passes}). The first sync with nothing held asks
 * for the newest {@code deposito.movements.first-sync-days} first and publishes them (the dashboards' week and month
 * figures, and readiness, need no more), then, in a second pass of the same cycle, back-fills the older history up to
 * {@code dashboard.history-days} and publishes the whole log again. Until the back-fill is in, the snapshot is
 * flagged stale ({@link SnapshotStore#historyBackfilling}); a back-fill that fails is tried again by the next cycles,
 * after their incremental pass.
 */
public class MovementsSync extends PagedSync {

    /** What one pass of a cycle asks for. */
    enum Pass {
        /** From the watermark (newest held minus the overlap), or the whole history when nothing is held. */
        INCREMENTAL,
        /** Nothing held yet: the newest first-sync-days only. */
        RECENT,
        /** The history older than what the RECENT pass fetched, merged in front of the log held. */
        BACKFILL
    }

    static final class Cycle {
        List<Pass> passes;
        Pass pass;
        long fromMillis;
        /** fecha_hasta of the pass (inclusive), or Long.MAX_VALUE for none. */
        long untilMillis = Long.MAX_VALUE;
        volatile int lastPage = -1;
        volatile long total = -1;
        long maxIdAtStart;
        long lastIdThisCycle = Long.MIN_VALUE;
        Set<Long> recentIds;
        MovementLog.Appender appender;
        /** The log an INCREMENTAL pass started from (its appender holds these rows, then the pass's new ones). */
        MovementLog base;
        int added;
        /** Movements added by the passes published so far in this cycle. */
        int addedInCycle;
        volatile PageSequencer<MovementPage> sequencer;

        /** Runs in page order under the sequencer's lock: de-duplicates and appends. */
        private void apply(MovementPage page) {
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

    /** Longest a cycle waits for the warm-start file's load (a 2,000,000-movement file reads in a few seconds). */
    private static final Duration WARM_LOAD_WAIT = Duration.ofSeconds(60);

    private final SnapshotStore store;
    private final ObjectMapper json;
    private final Duration overlap;
    private final Duration history;
    private final ZoneId zone;
    private final Clock clock;
    private final Duration firstSync;

    /**
     * @param firstSync how far back the first pass of a first sync reaches ({@code deposito.movements.first-sync-days});
     *                  zero, or not shorter than the history, fetches the whole history in one pass
     */
    public MovementsSync(SnapshotStore store, ObjectMapper json, int pageSize, Duration overlap, Duration history,
            Duration firstSync, ZoneId zone, Clock clock) {
        super("deposito.movements.page-size", pageSize);
        if (firstSync.isNegative()) {
            throw new IllegalArgumentException("deposito.movements.first-sync-days must be >= 0, not " + firstSync.toDays());
        }
        this.store = store;
        this.json = json;
        this.overlap = overlap;
        this.history = history;
        this.firstSync = firstSync;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public void start(Exchange exchange) {
        Cycle c = new Cycle();
        // the warm-start file, read on its own thread while the routes start, holds the history: deciding before it is
        // in would take this for a first sync, publish 35 days over the file's history and fetch it all again
        store.awaitWarmLoad(WARM_LOAD_WAIT);
        // never published (nor loaded warm), not merely empty: a deposito with no movements in the window publishes
        // an empty log, and every later cycle must then be incremental, not another first sync
        DepositoSnapshot held = store.current();
        boolean empty = held.movementsAsOfMillis() == 0;
        boolean split = !firstSync.isZero() && firstSync.compareTo(history) < 0;
        if (empty && split) {
            c.passes = List.of(Pass.RECENT, Pass.BACKFILL);
        } else if (!empty && held.historyBackfilling()) {
            c.passes = List.of(Pass.INCREMENTAL, Pass.BACKFILL);
        } else {
            c.passes = List.of(Pass.INCREMENTAL);
        }
        exchange.setProperty(CYCLE, c);
    }

    /** How many passes this cycle runs (the route's loop count): 2 while the history is to be back-filled, else 1. */
    public int passes(Exchange exchange) {
        return cycle(exchange).passes.size();
    }

    /**
     * Starts pass number {@code CamelLoopIndex} of the cycle: its time window (fecha_desde, and fecha_hasta for a
     * back-fill), the ids near the window's edge already held, and a new log to append to.
     */
    public void startPass(Exchange exchange) {
        Cycle c = cycle(exchange);
        int index = exchange.getProperty(Exchange.LOOP_INDEX, 0, Integer.class);
        Pass pass = c.passes.get(index);
        MovementLog log = store.current().movements();
        long now = clock.millis();
        long historyStart = now - history.toMillis();
        c.pass = pass;
        c.lastPage = -1;
        c.total = -1;
        c.lastIdThisCycle = Long.MIN_VALUE;
        c.added = 0;
        c.sequencer = new PageSequencer<>(c::apply);
        c.recentIds = new HashSet<>();
        switch (pass) {
            case INCREMENTAL -> {
                c.fromMillis = log.size() == 0 ? historyStart
                        : Math.max(historyStart, log.maxTimestampMillis() - overlap.toMillis());
                c.untilMillis = Long.MAX_VALUE;
                c.maxIdAtStart = log.maxId();
                long windowStart = c.fromMillis - overlap.toMillis();
                for (int i = log.size() - 1; i >= 0 && log.timestampMillis(i) >= windowStart; i--) {
                    c.recentIds.add(log.id(i));
                }
                c.appender = log.appender();
                c.base = log;
            }
            case RECENT -> {
                c.fromMillis = Math.max(historyStart, now - firstSync.toMillis());
                c.untilMillis = Long.MAX_VALUE;
                c.maxIdAtStart = -1;
                c.appender = MovementLog.empty().appender();
            }
            case BACKFILL -> {
                long before = store.current().backfillBeforeMillis();
                c.fromMillis = historyStart;
                c.untilMillis = before - 1;
                // a movement stamped at the edge could come in both windows: the held ones near it are skipped
                c.maxIdAtStart = Long.MAX_VALUE;
                for (int i = 0; i < log.size() && log.timestampMillis(i) <= before + overlap.toMillis(); i++) {
                    c.recentIds.add(log.id(i));
                }
                c.appender = MovementLog.empty().appender();
            }
            default -> throw new IllegalStateException(pass.name());
        }
    }

    /**
     * The pass's window as the deposito's query wants it: {@code fecha_desde=<from>}, plus {@code &fecha_hasta=<until>}
     * for a back-fill. From is the newest movement held minus the overlap window, or {@code dashboard.history-days}
     * back when none is held, or {@code first-sync-days} back on a first sync's first pass (set by {@link #startPass}).
     */
    public String window(Exchange exchange) {
        Cycle c = cycle(exchange);
        String from = "fecha_desde=" + DepositoTime.format(c.fromMillis);
        return c.untilMillis == Long.MAX_VALUE ? from : from + "&fecha_hasta=" + DepositoTime.format(c.untilMillis);
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
        try {
            MovementPage movements = MovementPage.read(json.getFactory(), body, pageSize, zone);
            long total = movements.total;
            int pages = movements.pages;
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
            if (movements.n == 0 && page <= pages && total > 0) {
                throw new IllegalArgumentException("empty page " + page + " of " + pages);
            }
            c.sequencer.offer(page, movements);
            // the page is parsed: drop its bytes now, the splitter keeps finished page exchanges until the end
            exchange.getMessage().setBody(null);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new DepositoContractException("movements", request, body, e.getMessage(), e);
        }
    }

    /**
     * Publishes the pass's log. After a RECENT pass the snapshot is complete but its history partial (flagged stale
     * until the back-fill is in); a BACKFILL pass puts the older movements in front of those held (the RECENT pass's
     * and any incremental pass's since) and clears the flag. The body is the number of movements added so far in
     * this cycle.
     */
    @Override
    public void publish(Exchange exchange) {
        Cycle c = cycle(exchange);
        if (c.lastPage > 0 && c.sequencer.applied() != c.lastPage) {
            throw new IllegalStateException("movements cycle incomplete: " + c.sequencer.applied() + " of " + c.lastPage + " pages");
        }
        long now = clock.millis();
        long historyStart = now - history.toMillis();
        if (c.pass == Pass.BACKFILL) {
            // movements are published only by this poller, one cycle at a time: the log held is the one to merge
            MovementLog held = store.current().movements();
            MovementLog.Appender merged = c.appender;
            for (int i = 0; i < held.size(); i++) {
                merged.add(held.id(i), held.productoId(i), held.tipo(i), held.cantidad(i), held.timestampMillis(i),
                        held.precioUnitario(i), held.valorTotal(i));
            }
            MovementLog log = merged.build().retainFrom(historyStart);
            // the history is whole again: this snapshot says so (stale no more, saved for a warm start)
            store.publish(s -> s.withMovements(s.version() + 1, log, s.movementsAsOfMillis(), 0));
        } else {
            // an incremental pass that found nothing new publishes the very log it started from (the same rows its
            // appender holds), so the datasets keep their roll-ups instead of rebuilding them every period from
            // identical rows; retainFrom still drops what left the history window
            MovementLog log = (c.pass == Pass.INCREMENTAL && c.added == 0 ? c.base : c.appender.build())
                    .retainFrom(historyStart);
            if (c.pass == Pass.RECENT) {
                // the newest days only: the snapshot carries what is still to fetch (served stale, never saved)
                long before = c.fromMillis;
                store.publish(s -> s.withMovements(s.version() + 1, log, now, before));
            } else {
                store.publish(s -> s.withMovements(s.version() + 1, log, now));
            }
        }
        c.addedInCycle += c.added;
        exchange.getMessage().setBody(c.addedInCycle);
    }

    private static Cycle cycle(Exchange exchange) {
        return exchange.getProperty(CYCLE, Cycle.class);
    }
}
