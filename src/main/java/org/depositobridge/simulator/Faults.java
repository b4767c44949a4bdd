package org.depositobridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The faults active in a running simulator, changeable at run time (Java API, admin endpoint).
 *
 * <p>For each request, {@link #plan(Endpoint)} walks the active faults in the order they were injected:
 * latency faults add up; the first answering fault (status, reset, silence, token) replaces the answer; data
 * faults (schema, invariant, total drift) all apply; the first wire fault (dribble, malformed, truncated)
 * decides how the bytes go out. A fault with {@code times(n)} retires after hitting n requests; at most
 * {@value #MAX_ACTIVE} faults can be active at once.
 */
public final class Faults {

    /** Bound on simultaneously active faults (each one is checked on every request). */
    public static final int MAX_ACTIVE = 64;

    /** An injected fault with its live counters. */
    public static final class Active {
        private final long id;
        private final Fault fault;
        private final AtomicInteger remaining;
        private final AtomicLong fired = new AtomicLong();

        Active(long id, Fault fault) {
            this.id = id;
            this.fault = fault;
            this.remaining = new AtomicInteger(fault.times());
        }

        public long id() { return id; }
        public Fault fault() { return fault; }
        /** Hits left, or -1 when unlimited. */
        public int remaining() { return remaining.get(); }
        public long fired() { return fired.get(); }

        /** Takes one use; false when the fault is used up. */
        boolean take() {
            if (fault.times() < 0) {
                fired.incrementAndGet();
                return true;
            }
            while (true) {
                int r = remaining.get();
                if (r <= 0) {
                    return false;
                }
                if (remaining.compareAndSet(r, r - 1)) {
                    fired.incrementAndGet();
                    return true;
                }
            }
        }

        boolean usedUp() {
            return fault.times() > 0 && remaining.get() <= 0;
        }
    }

    /** What happens to one request. */
    record Plan(long delayMs, Fault answer, List<Fault> data, Fault wire) {
        static final Plan NONE = new Plan(0, null, List.of(), null);

        boolean none() {
            return this == NONE;
        }
    }

    private final CopyOnWriteArrayList<Active> active = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final SimulatorMetrics metrics;

    Faults(SimulatorMetrics metrics) {
        this.metrics = metrics;
    }

    /** Activates a fault; fails when {@value #MAX_ACTIVE} are already active. */
    public synchronized Active inject(Fault fault) {
        active.removeIf(Active::usedUp);
        if (active.size() >= MAX_ACTIVE) {
            throw new IllegalStateException("at most " + MAX_ACTIVE + " faults can be active; clear some first");
        }
        Active a = new Active(ids.incrementAndGet(), fault);
        active.add(a);
        return a;
    }

    public void clear() {
        active.clear();
    }

    /** Removes one fault by id; false when no such fault is active. */
    public boolean remove(long id) {
        return active.removeIf(a -> a.id == id);
    }

    /** Snapshot of the active faults (used-up ones are dropped). */
    public List<Active> active() {
        active.removeIf(Active::usedUp);
        return new ArrayList<>(active);
    }

    Plan plan(Endpoint endpoint) {
        if (active.isEmpty()) {
            return Plan.NONE;
        }
        long delay = 0;
        Fault answer = null;
        Fault wire = null;
        List<Fault> data = null;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        boolean any = false;
        for (Active a : active) {
            Fault f = a.fault;
            if (!f.endpoint().matches(endpoint)) {
                continue;
            }
            FaultKind.Stage stage = f.kind().stage;
            if ((stage == FaultKind.Stage.ANSWER && answer != null) || (stage == FaultKind.Stage.WIRE && wire != null)) {
                continue;
            }
            if (f.ratio() < 1.0 && r.nextDouble() >= f.ratio()) {
                continue;
            }
            if (!a.take()) {
                continue;
            }
            any = true;
            metrics.faultFired(f.kind());
            switch (stage) {
                case DELAY -> delay += f.latencyMs() + (f.jitterMs() > 0 ? r.nextLong(f.jitterMs() + 1) : 0);
                case ANSWER -> answer = f;
                case WIRE -> wire = f;
                case DATA -> {
                    if (data == null) {
                        data = new ArrayList<>(2);
                    }
                    data.add(f);
                }
            }
        }
        if (!any) {
            return Plan.NONE;
        }
        return new Plan(delay, answer, data == null ? List.of() : data, wire);
    }
}
