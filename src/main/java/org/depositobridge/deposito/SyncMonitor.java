package org.depositobridge.deposito;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the sync cycles are going (bean {@code syncMonitor}): last success and failure per poller, whether the
 * deposito answered at all, and counters. Fed by the poller routes; read by health checks and {@code /health}.
 */
public class SyncMonitor {

    /** Exchange property naming the poller (productos, critical, movements). */
    public static final String POLLER = "depositoPoller";

    private static final Logger LOG = LoggerFactory.getLogger(SyncMonitor.class);

    /** One poller's record; the map of them is bounded by the fixed set of pollers. */
    public static final class PollerState {
        volatile long lastSuccessMillis;
        volatile long lastFailureMillis;
        volatile String lastError;
        final AtomicLong cycles = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        volatile long consecutiveFailures;
        volatile long lastDurationMillis;
        volatile long lastItems;
        volatile long firstFailureMillis;
        /** Start of the last cycle (or when watching began); 0 when the poller is not watched. */
        volatile long lastStartMillis;
        /** Time without a cycle start after which the poller counts as stalled; 0 = not watched. */
        volatile long stallAfterMillis;
        volatile boolean stalled;
    }

    /** Exchange property: epoch ms by which the cycle must be over (checked by every deposito call of the cycle). */
    public static final String DEADLINE = "depositoCycleDeadline";

    private final Map<String, PollerState> pollers = new ConcurrentHashMap<>();
    private final SnapshotStore store;
    private final Clock clock;
    private volatile boolean reachable;
    private volatile long lastAnswerMillis;
    private volatile BiConsumer<String, Long> onSuccess = (poller, at) -> { };

    /** Called after each completed cycle with the poller and the time (metrics hook). */
    public void onSuccess(BiConsumer<String, Long> hook) {
        this.onSuccess = hook;
    }

    public SyncMonitor(SnapshotStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Start of a cycle (first step of the poller route): records the attempt for the stall watchdog and sets the
     * cycle's deadline, which every call of the cycle honours (a dribbling deposito cannot hold a cycle for ever).
     */
    public void started(Exchange exchange, long cycleTimeoutMillis) {
        PollerState p = state(exchange.getProperty(POLLER, "unknown", String.class));
        long now = clock.millis();
        p.lastStartMillis = now;
        exchange.setProperty(DEADLINE, now + cycleTimeoutMillis);
    }

    /**
     * Watches a poller: if no cycle starts for {@code stallAfterMillis} while its route runs, it is stalled (its
     * schedule died or a cycle hangs) and readiness goes DOWN.
     */
    public void watch(String poller, long stallAfterMillis) {
        PollerState p = state(poller);
        p.lastStartMillis = clock.millis();
        p.stallAfterMillis = stallAfterMillis;
    }

    /**
     * Re-evaluates every watched poller; {@code running} says whether its route is meant to run (a stopped route
     * is not stalled, and restarts its clock). Logs only changes: {@code poller_stalled}, {@code poller_resumed}.
     */
    public void checkStalls(Predicate<String> running) {
        long now = clock.millis();
        pollers.forEach((name, p) -> {
            if (p.stallAfterMillis <= 0) {
                return;
            }
            if (!running.test(name)) {
                p.lastStartMillis = now;
            }
            long silent = now - p.lastStartMillis;
            boolean stalled = silent > p.stallAfterMillis;
            if (stalled && !p.stalled) {
                LOG.error("event=poller_stalled poller={} last_attempt={} silent_ms={} limit_ms={} readiness=DOWN",
                        name, Instant.ofEpochMilli(p.lastStartMillis), silent, p.stallAfterMillis);
            } else if (!stalled && p.stalled) {
                LOG.info("event=poller_resumed poller={}", name);
            }
            p.stalled = stalled;
        });
    }

    /** Pollers found stalled by the last {@link #checkStalls}, with how long they have been silent (ms). */
    public Map<String, Long> stalled() {
        long now = clock.millis();
        Map<String, Long> m = new TreeMap<>();
        pollers.forEach((name, p) -> {
            if (p.stalled) {
                m.put(name, now - p.lastStartMillis);
            }
        });
        return m;
    }

    public void succeeded(Exchange exchange) {
        String poller = exchange.getProperty(POLLER, "unknown", String.class);
        PollerState p = state(poller);
        store.recordSuccess(poller);
        long now = clock.millis();
        if (p.consecutiveFailures > 0) {
            LOG.info("event=poller_recovered poller={} failed_cycles={} failing_ms={}", poller, p.consecutiveFailures,
                    now - p.firstFailureMillis);
        }
        p.lastSuccessMillis = now;
        p.cycles.incrementAndGet();
        p.consecutiveFailures = 0;
        p.lastDurationMillis = exchange.getClock().elapsed();
        Object items = exchange.getMessage().getBody();
        p.lastItems = items instanceof Number n ? n.longValue() : -1;
        reachable = true;
        lastAnswerMillis = now;
        onSuccess.accept(poller, now);
        LOG.info("event=sync_completed poller={} items={} version={} ms={}", exchange.getProperty(POLLER),
                exchange.getMessage().getBody(), store.current().version(), p.lastDurationMillis);
    }

    public void failed(Exchange exchange) {
        failed(exchange.getProperty(POLLER, "unknown", String.class), DepositoCalls.cause(exchange));
    }

    /** A cycle ended by an Error that escaped the route ({@link PollerScheduler}): a failure like any other. */
    public void crashed(String poller, Throwable error) {
        failed(poller, error);
    }

    private void failed(String poller, Throwable e) {
        PollerState p = state(poller);
        long now = clock.millis();
        p.lastFailureMillis = now;
        p.lastError = describe(e);
        p.cycles.incrementAndGet();
        p.failures.incrementAndGet();
        p.consecutiveFailures++;
        boolean answered = e instanceof HttpOperationFailedException || e instanceof DepositoContractException
                || e instanceof DepositoResponseTooLargeException;
        reachable = answered;
        if (answered) {
            lastAnswerMillis = now;
        }
        store.recordFailure(poller, p.lastError);
        // an outage logs its start and its end (poller_recovered), not a line per cycle
        if (p.consecutiveFailures == 1) {
            p.firstFailureMillis = now;
            LOG.warn("event=poller_failing poller={} reachable={} error=\"{}\" serving_version={} stale=true",
                    poller, answered, p.lastError, store.current().version());
        } else {
            LOG.debug("event=sync_failed poller={} reachable={} consecutive={} error=\"{}\" serving_version={} stale=true",
                    poller, answered, p.consecutiveFailures, p.lastError, store.current().version());
        }
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "unknown";
        }
        if (e instanceof HttpOperationFailedException h) {
            return "HTTP " + h.getStatusCode();
        }
        if (e instanceof DepositoCycleTimeoutException) {
            return "timeout: " + e.getMessage();
        }
        if (e instanceof TimeoutException) {
            return "timeout: " + e.getMessage();
        }
        if (e instanceof CallNotPermittedException) {
            return "circuit open";
        }
        if (e instanceof DepositoResponseTooLargeException) {
            return "response too large: more than " + ((DepositoResponseTooLargeException) e).limit() + " bytes";
        }
        if (e instanceof Error) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (e instanceof IOException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private PollerState state(String poller) {
        return pollers.computeIfAbsent(poller, k -> new PollerState());
    }

    /** Whether the deposito answered the last call (with anything, even an error status). */
    public boolean reachable() {
        return reachable;
    }

    /** Newest successful cycle of any poller, or null. */
    public Long lastSuccessMillis() {
        long max = 0;
        for (PollerState p : pollers.values()) {
            max = Math.max(max, p.lastSuccessMillis);
        }
        return max == 0 ? null : max;
    }

    /** Duration of the poller's last successful cycle (ms), or -1. */
    public long lastDurationMillis(String poller) {
        PollerState p = pollers.get(poller);
        return p == null ? -1 : p.lastDurationMillis;
    }

    /** Items of the poller's last successful cycle (new movements, products, critical entries), or -1. */
    public long lastItems(String poller) {
        PollerState p = pollers.get(poller);
        return p == null ? -1 : p.lastItems;
    }

    public long failures(String poller) {
        PollerState p = pollers.get(poller);
        return p == null ? 0 : p.failures.get();
    }

    public long successes(String poller) {
        PollerState p = pollers.get(poller);
        return p == null ? 0 : p.cycles.get() - p.failures.get();
    }

    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        pollers.forEach((name, p) -> {
            d.put(name + ".last_success", p.lastSuccessMillis == 0 ? null : Instant.ofEpochMilli(p.lastSuccessMillis).toString());
            d.put(name + ".consecutive_failures", p.consecutiveFailures);
            if (p.lastError != null) {
                d.put(name + ".last_error", p.lastError);
            }
        });
        return d;
    }
}
