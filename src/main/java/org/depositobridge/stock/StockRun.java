package org.depositobridge.stock;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One attempt at one file, carried by the exchange (property {@value #PROPERTY}; the route's splits copy the exchange
 * per wave and per line, and every copy holds this same object): the lines, the lines in hand, each settled line's
 * outcome and this attempt's counts. The lines of one wave run concurrently (no product twice in a wave), so every
 * method is synchronized; a wave is handed out only when every line before it is settled ({@link #startWave}), which
 * keeps one product's lines in file order. The first transient failure ends the attempt ({@link #interrupt}).
 */
final class StockRun {

    static final String PROPERTY = "stockRun";

    private final Path path;
    private final StockFile file;
    private final StockJournal journal;
    /** By position in the file; null while the line is unsettled. */
    private final LineOutcome[] outcomes;
    private final Map<LineOutcome.Status, Integer> counts = new EnumMap<>(LineOutcome.Status.class);
    /** Position of the first unsettled line: every line before it is settled. */
    private int firstUnsettled;
    private int settledCount;
    /** Lines begun and not settled (at most one wave): their exchanges failed (a transient failure) or still run. */
    private final TreeSet<Integer> inHand = new TreeSet<>();
    private String failure;
    private boolean handedOver;
    private final long startedNanos = System.nanoTime();
    /** The deposito's codes, read at most once per attempt, when the snapshot did not know a code. */
    private Map<String, Long> catalogue;

    StockRun(Path path, StockFile file, StockJournal journal) {
        this.path = path;
        this.file = file;
        this.journal = journal;
        this.outcomes = new LineOutcome[file.lines().size()];
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

    /**
     * The wave starting at position {@code from} is handed out: every line before it must be settled (the route runs
     * the waves one after another and the next one only once the previous one is committed).
     */
    synchronized void startWave(int from) {
        if (from != firstUnsettled) {
            throw new IllegalStateException("a wave from line " + file.lines().get(from).number() + " handed out while line "
                    + file.lines().get(firstUnsettled).number() + " is unsettled: waves must run one after another");
        }
    }

    /** The attempt goes on with {@code line}: it must be unsettled and not already in hand. */
    synchronized void begin(StockLine line) {
        int i = position(line);
        if (outcomes[i] != null || !inHand.add(line.number())) {
            throw new IllegalStateException("line " + line.number() + " handed out twice");
        }
    }

    /** Whether a line was begun and not settled (its exchange failed or still runs). */
    synchronized boolean lineInHand() {
        return !inHand.isEmpty();
    }

    /** The lines begun and not settled, in file order. */
    synchronized List<Integer> linesInHand() {
        return new ArrayList<>(inHand);
    }

    /** Settles a line begun with {@link #begin}. */
    synchronized void settle(LineOutcome o) {
        int i = position(o.line());
        if (outcomes[i] != null) {
            throw new IllegalStateException("line " + o.line() + " settled twice");
        }
        outcomes[i] = o;
        inHand.remove(o.line());
        settledCount++;
        counts.merge(o.status(), 1, Integer::sum);
        while (firstUnsettled < outcomes.length && outcomes[firstUnsettled] != null) {
            firstUnsettled++;
        }
    }

    /** A transient failure: the rest of the file waits for the next attempt. */
    synchronized void interrupt(String why, int failedLines) {
        counts.merge(LineOutcome.Status.FAILED, failedLines, Integer::sum);
        failure = why;
    }

    /** The bridge is stopping: end the attempt before the next line, nothing failed. */
    synchronized void stop(String why) {
        if (failure == null) {
            failure = why;
        }
    }

    /** This replica no longer leads: end the attempt before the next line; the leader continues, no back-off. */
    synchronized void handOver(String why) {
        if (failure == null) {
            failure = why;
        }
        handedOver = true;
    }

    synchronized boolean handedOver() {
        return handedOver;
    }

    synchronized boolean interrupted() {
        return failure != null;
    }

    synchronized String failure() {
        return failure;
    }

    /** Every line's outcome in file order (complete once every line is settled). */
    synchronized List<LineOutcome> outcomes() {
        return Arrays.stream(outcomes).filter(o -> o != null).toList();
    }

    synchronized int count(LineOutcome.Status s) {
        return counts.get(s);
    }

    synchronized int pending() {
        return outcomes.length - settledCount;
    }

    synchronized Map<String, Long> catalogue() {
        return catalogue;
    }

    synchronized void catalogue(Map<String, Long> codes) {
        this.catalogue = codes;
    }

    long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private int position(StockLine line) {
        return position(line.number());
    }

    /** Line numbers grow along the file: a binary search, no index to keep per line. */
    private int position(int number) {
        List<StockLine> lines = file.lines();
        int lo = 0;
        int hi = lines.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int n = lines.get(mid).number();
            if (n < number) {
                lo = mid + 1;
            } else if (n > number) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        throw new IllegalStateException("line " + number + " is not a line of " + path.getFileName());
    }
}
