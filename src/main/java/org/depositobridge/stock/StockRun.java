package org.depositobridge.stock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt at one file, carried by the exchange (property {@value #PROPERTY}; the route's split copies the
 * exchange per line, and every copy holds this same object): the lines, the line in hand, each settled line's outcome
 * and this attempt's counts. Lines are settled strictly in file order; the first transient failure ends the attempt
 * ({@link #interrupt}).
 */
final class StockRun {

    static final String PROPERTY = "stockRun";

    private final Path path;
    private final StockFile file;
    private final StockJournal journal;
    private final List<LineOutcome> outcomes;
    private final Map<LineOutcome.Status, Integer> counts = new EnumMap<>(LineOutcome.Status.class);
    private int next;
    private StockLine current;
    /** A line begun and not settled: its exchange failed (a transient failure) or is still running. */
    private boolean inHand;
    private String failure;
    private boolean handedOver;
    private final long startedNanos = System.nanoTime();
    /** The deposito's codes, read at most once per attempt, when the snapshot did not know a code. */
    private Map<String, Long> catalogue;

    StockRun(Path path, StockFile file, StockJournal journal) {
        this.path = path;
        this.file = file;
        this.journal = journal;
        this.outcomes = new ArrayList<>(file.lines().size());
        for (LineOutcome.Status s : LineOutcome.Status.values()) {
            counts.put(s, 0);
        }
    }

    Path path() {
        return path;
    }

    StockFile file() {
        return file;
    }

    StockJournal journal() {
        return journal;
    }

    /** The attempt goes on with {@code line}: it must be the next unsettled line (the split hands them out in order). */
    void begin(StockLine line) {
        StockLine expected = file.lines().get(next);
        if (line.number() != expected.number()) {
            throw new IllegalStateException("line " + line.number() + " handed out while line " + expected.number()
                    + " is the next to settle: the lines of a file must be taken one at a time, in order");
        }
        current = line;
        inHand = true;
    }

    boolean lineInHand() {
        return inHand;
    }

    /** The line in hand (the last one begun), null before the first. */
    StockLine current() {
        return current;
    }

    /** Settles the current line and moves on. */
    void settle(LineOutcome o) {
        outcomes.add(o);
        counts.merge(o.status(), 1, Integer::sum);
        next++;
        inHand = false;
    }

    /** A transient failure: the rest of the file waits for the next attempt. */
    void interrupt(String why) {
        counts.merge(LineOutcome.Status.FAILED, 1, Integer::sum);
        failure = why;
    }

    /** The bridge is stopping: end the attempt between two lines, nothing failed. */
    void stop(String why) {
        failure = why;
    }

    /** This replica no longer leads: end the attempt between two lines; the leader continues, no back-off. */
    void handOver(String why) {
        failure = why;
        handedOver = true;
    }

    boolean handedOver() {
        return handedOver;
    }

    boolean interrupted() {
        return failure != null;
    }

    String failure() {
        return failure;
    }

    List<LineOutcome> outcomes() {
        return outcomes;
    }

    int count(LineOutcome.Status s) {
        return counts.get(s);
    }

    int pending() {
        return file.lines().size() - next;
    }

    Map<String, Long> catalogue() {
        return catalogue;
    }

    void catalogue(Map<String, Long> codes) {
        this.catalogue = codes;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
