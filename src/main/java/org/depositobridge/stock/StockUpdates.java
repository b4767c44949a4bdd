package org.depositobridge.stock;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.depositobridge.deposito.DepositoCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bean {@code stockUpdates}: the steps of {@code routes/stock-updates.camel.yaml}, one file at a time.
 *
 * <ol>
 *   <li>{@link #open}: size limit, read and check the file ({@link StockFileReader}); a file that cannot be processed
 *       goes to {@code rejected/} with its reason at once. Otherwise the file's journal is opened.</li>
 *   <li>wave by wave, in file order (the route splits the file into {@link #waves}: consecutive lines, at most
 *       {@code stock-updates.concurrency}, no product twice), and the lines of a wave concurrently, one exchange per
 *       line: {@link #nextLine} settles it from the journal or from its own problem, or prepares the
 *       {@code POST /stock/update} (header {@code depositoPath}, {@code depositoMethod}, property
 *       {@code depositoEndpoint=stock_update}, JSON body with the line's {@code idempotency_key}); the route sends it
 *       to {@code direct:deposito-call}; {@link #answered} or {@link #rejected} (400/404/422: the deposito's business
 *       answer) settles it. {@link #commit} forces the wave's journal entries to disk before the next wave. Anything
 *       else, after the call's own retries, stops the file after its wave, and {@link #failed} records it.</li>
 *   <li>{@link #finish}: every line settled: result and rejected files, the original to {@code processed/}, journal
 *       deleted. A transient failure: nothing moves, the file stays in the inbox and is tried again after a back-off
 *       (doubling from {@code stock-updates.retry.initial-delay-ms} to {@code stock-updates.retry.max-delay-ms}).</li>
 * </ol>
 */
public class StockUpdates {

    private static final Logger LOG = LoggerFactory.getLogger(StockUpdates.class);
    static final String SEND = "stockSend";
    /** The line an exchange of the inner split carries (its body becomes the request, then the answer). */
    static final String LINE = "stockLine";
    private static final int MAX_DEFERRED = 1000;

    /** Where and how the files are handled. */
    public record Settings(Path journalDir, long maxFileBytes, int maxLines, long retryInitialMillis,
            long retryMaxMillis, String doneFileName, int concurrency) {
    }

    private record Deferral(int attempts, long notBeforeMillis) {
    }

    private final Settings settings;
    private final StockFileReader reader;
    private final ProductCodes codes;
    private final StockMetrics metrics;
    private final BooleanSupplier leading;
    private final ObjectMapper json = new ObjectMapper();
    /** Files waiting for their next attempt, bounded: the oldest entry gives way (its file is then simply retried). */
    private final Map<Path, Deferral> deferred = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Deferral> eldest) {
            return size() > MAX_DEFERRED;
        }
    };

    StockUpdates(Settings settings, ProductCodes codes, StockMetrics metrics) {
        this(settings, codes, metrics, () -> true);
    }

    /** @param leading whether this replica leads the writers' group (always true for a single bridge) */
    StockUpdates(Settings settings, ProductCodes codes, StockMetrics metrics, BooleanSupplier leading) {
        this.settings = settings;
        this.reader = new StockFileReader(settings.maxLines());
        this.codes = codes;
        this.metrics = metrics;
        this.leading = leading;
    }

    /** Reads and checks the picked-up file; sets property {@code stockRun} unless the file waits for its back-off. */
    public void open(Exchange exchange) throws IOException {
        Path path = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
        synchronized (deferred) {
            Deferral d = deferred.get(path);
            if (d != null && System.currentTimeMillis() < d.notBeforeMillis()) {
                return;
            }
        }
        StockFile file;
        try {
            file = reader.read(readBounded(path));
        } catch (StockFileException e) {
            Path moved = StockFileOutcome.error(path, e.getMessage());
            deleteDoneFile(path);
            forget(path);
            metrics.file("error");
            LOG.warn("event=stock_file_error file=\"{}\" moved_to=\"{}\" reason=\"{}\"", printable(path.getFileName()),
                    printable(moved), printable(e.getMessage()));
            return;
        }
        StockJournal journal = StockJournal.open(settings.journalDir(), file.sha256());
        if (journal.size() > 0) {
            LOG.info("event=stock_file_resumed file=\"{}\" lines={} settled_before={}", printable(path.getFileName()),
                    file.lines().size(), journal.size());
        }
        exchange.setProperty(StockRun.PROPERTY, new StockRun(path, file, journal));
    }

    /**
     * The outer split's waves (body of each wave's exchange, split again line by line): the file's lines in order, cut
     * into runs of consecutive lines, at most {@code stock-updates.concurrency} each, in which no product appears twice
     * (a wave closes before a line whose product it already holds). The waves run one after another, so one product's
     * lines are sent in file order while the lines of a wave, all of different products, run concurrently. A line
     * whose product only a call can tell (a code neither the snapshot nor this attempt's catalogue knows) goes alone.
     *
     * <p>None when the file was refused or waits for its back-off. It yields no more once the attempt has ended (a
     * stop or a lost lead, seen by {@link #nextLine}), while a line of the last wave is unsettled, or while the last
     * wave's journal entries are not committed: when a wave fails, {@code stopOnException} makes Camel read a streaming
     * split's iterator to its end to release what it would hand out, and a file of 200,000 lines would otherwise have
     * its remaining lines copied into exchanges that never run. (The exchange given here is a copy the failure never
     * reaches, so the run's own state decides.) Camel asks {@code hasNext} right after taking a wave too, before it
     * runs; the wave before is settled and committed then.
     */
    public Iterator<List<StockLine>> waves(Exchange exchange) {
        StockRun run = run(exchange);
        if (run == null) {
            return Collections.emptyIterator();
        }
        List<StockLine> lines = run.file().lines();
        int concurrency = concurrency();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < lines.size() && !run.interrupted() && !run.lineInHand()
                        && !run.journal().uncommitted();
            }

            @Override
            public List<StockLine> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                run.startWave(next);
                List<StockLine> wave = new ArrayList<>(Math.min(concurrency, lines.size() - next));
                Set<Long> products = new HashSet<>();
                while (next < lines.size() && wave.size() < concurrency) {
                    StockLine line = lines.get(next);
                    boolean needsCall = line.problem() == null && run.journal().settled(line.number()) == null;
                    Long product = needsCall ? productOf(line, run) : null;
                    if (needsCall && product == null && run.catalogue() == null) {
                        // only its call (through the catalogue, read once) can tell the product: alone in its wave.
                        // Once the catalogue is read, a code it lacks is refused without a call and joins any wave
                        if (wave.isEmpty()) {
                            wave.add(line);
                            next++;
                        }
                        break;
                    }
                    if (product != null && !products.add(product)) {
                        break;
                    }
                    wave.add(line);
                    next++;
                }
                return wave;
            }
        };
    }

    /** Lines of a file in flight at once: the most lines in a wave (the route tests vary it per test). */
    int concurrency() {
        return settings.concurrency();
    }

    /** The line's product id when known without a call, else null. */
    private Long productOf(StockLine line, StockRun run) {
        return line.productoId() != null ? line.productoId() : codes.known(line.codigo(), run);
    }

    /**
     * Takes the line in the body: settles it from the journal or its own problem, or prepares its call (property
     * {@code stockSend}). Before that, a bridge that is stopping or a replica that no longer leads ends the attempt
     * before this line, with this line unsent (the lines of its wave already sent run to their end): a long file must not hold a shutdown until the shutdown timeout
     * cuts it off mid-call, nor keep a replica that lost the leadership writing while the new leader starts on the same
     * file (the new leader waits its lease time, a line takes seconds); the journal has the lines settled so far.
     */
    public void nextLine(Exchange exchange) throws Exception {
        StockRun run = run(exchange);
        StockLine line = exchange.getMessage().getBody(StockLine.class);
        exchange.setProperty(SEND, false);
        exchange.setProperty(LINE, line);
        if (exchange.getContext().isStopping()) {
            run.stop("the bridge is stopping");
            return;
        }
        if (!leading.getAsBoolean()) {
            run.handOver("this replica no longer leads (bridge.cluster): the leader continues the file");
            return;
        }
        run.begin(line);
        LineOutcome before = run.journal().settled(line.number());
        if (before != null) {
            run.settle(before);
            return;
        }
        if (line.problem() != null) {
            settle(run, new LineOutcome(line.number(), LineOutcome.Status.REJECTED, null, null, null, line.problem()));
            return;
        }
        Long productoId = line.productoId();
        if (productoId == null) {
            productoId = codes.resolve(line.codigo(), run);
            if (productoId == null) {
                settle(run, new LineOutcome(line.number(), LineOutcome.Status.REJECTED, null, null, null,
                        "producto_no_encontrado: no product with codigo " + line.codigo()));
                return;
            }
        }
        ObjectNode body = json.createObjectNode();
        body.put("producto_id", productoId);
        body.put("tipo_movimiento", line.tipo());
        body.put("cantidad", line.cantidad());
        body.put("motivo", line.motivo());
        body.put("referencia", line.referencia());
        if (line.precioUnitario() != null) {
            body.put("precio_unitario", line.precioUnitario());
        }
        if (line.usuario() != null) {
            body.put("usuario", line.usuario());
        }
        body.put("idempotency_key", line.key());
        var msg = exchange.getMessage();
        msg.removeHeaders("*");
        msg.setHeader(DepositoCalls.PATH, "/stock/update");
        msg.setHeader(DepositoCalls.METHOD, "POST");
        msg.setBody(json.writeValueAsString(body));
        exchange.setProperty(DepositoCalls.ENDPOINT, "stock_update");
        exchange.setProperty(SEND, true);
    }

    /** A 200 from the deposito: applied, or replayed when the key was already used. */
    public void answered(Exchange exchange) throws IOException {
        StockRun run = run(exchange);
        JsonNode r = json.readTree(exchange.getMessage().getBody(String.class));
        if (r == null || !r.path("success").asBoolean(false) || !r.path("movimiento_id").canConvertToLong()) {
            throw new IOException("unexpected answer from POST /stock/update: " + abbreviate(r));
        }
        boolean replay = r.path("mensaje").asText("").contains("idempotente");
        settle(run, new LineOutcome(line(exchange).number(), replay ? LineOutcome.Status.REPLAYED : LineOutcome.Status.APPLIED,
                r.path("movimiento_id").asLong(), r.path("stock_anterior").asInt(), r.path("stock_nuevo").asInt(), null));
    }

    /**
     * 400 (stock_insuficiente), 404 (producto_no_encontrado), 422 (validation): the line is wrong, not the moment (the
     * route's doCatch {@code stock-line-rejected} decides which statuses those are).
     */
    public void rejected(Exchange exchange) throws IOException {
        StockRun run = run(exchange);
        HttpOperationFailedException h = httpFailure(exchange);
        settle(run, new LineOutcome(line(exchange).number(), LineOutcome.Status.REJECTED, null, null, null,
                BusinessError.describe(h.getStatusCode(), h.getResponseBody(), json)));
    }

    /**
     * The wave's lines are settled: their journal entries go to disk before the next wave is sent (one force per wave
     * instead of one per line; the journal's class comment says why that keeps every line exactly once).
     */
    public void commit(Exchange exchange) throws IOException {
        run(exchange).journal().commit();
    }

    /**
     * Anything else after the call's retries (timeouts, 5xx, circuit open, 401/403 that would not clear, a journal
     * that cannot be written): the file stopped after the wave in hand (its other lines ran to their end), and is
     * tried later; the lines in hand are the wave's unsettled ones.
     */
    public void failed(Exchange exchange) {
        StockRun run = run(exchange);
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // the split wraps a line's failure in a CamelExchangeException ("Multicast processing failed for number n"),
        // the breaker the HTTP failure in a RuntimeCamelException: name the real one
        while ((e instanceof CamelExchangeException || e instanceof RuntimeCamelException) && e.getCause() != null
                && e.getCause() != e) {
            e = e.getCause();
        }
        String why = e == null ? "unknown" : e.getClass().getSimpleName() + ": " + e.getMessage();
        List<Integer> inHand = run.linesInHand();
        String where = inHand.isEmpty() ? "no line in hand"
                : inHand.size() == 1 ? "line " + inHand.get(0)
                : "lines " + inHand.stream().map(String::valueOf).collect(Collectors.joining(", "));
        // every unsettled line of the wave failed, not only the one whose failure ended it (a circuit open fails all)
        int failedLines = Math.max(1, inHand.size());
        run.interrupt(where + ": " + StockFileReader.abbreviate(why, 300), failedLines);
        metrics.lines(LineOutcome.Status.FAILED, failedLines);
    }

    /** Every line settled: write the outcome files and move the original; otherwise leave the file for later. */
    public void finish(Exchange exchange) throws IOException {
        StockRun run = run(exchange);
        if (run == null) {
            return;
        }
        String name = printable(run.path().getFileName());
        if (run.handedOver()) {
            // not a failure: no back-off, so this replica takes the file up at once if it leads again
            run.journal().close();
            forget(run.path());
            metrics.file("handed_over");
            LOG.info("event=stock_file_handed_over file=\"{}\" applied={} replayed={} rejected={} pending={} reason=\"{}\"",
                    name, run.count(LineOutcome.Status.APPLIED), run.count(LineOutcome.Status.REPLAYED),
                    run.count(LineOutcome.Status.REJECTED), run.pending(), printable(run.failure()));
            return;
        }
        if (run.interrupted()) {
            run.journal().close();
            long delay = defer(run.path());
            metrics.file("deferred");
            LOG.warn("event=stock_file_deferred file=\"{}\" applied={} replayed={} rejected={} failed={} pending={} "
                    + "retry_in_ms={} reason=\"{}\"", name, run.count(LineOutcome.Status.APPLIED),
                    run.count(LineOutcome.Status.REPLAYED), run.count(LineOutcome.Status.REJECTED),
                    run.count(LineOutcome.Status.FAILED), run.pending(), delay, printable(run.failure()));
            return;
        }
        Path moved;
        try {
            moved = StockFileOutcome.complete(run.path(), run.file(), run.outcomes());
        } finally {
            // on failure (disk full ...) the file stays and the next poll completes it from the journal
            run.journal().close();
        }
        deleteDoneFile(run.path());
        run.journal().delete();
        forget(run.path());
        metrics.file("done");
        LOG.info("event=stock_file_done file=\"{}\" lines={} applied={} replayed={} rejected={} failed={} millis={} "
                + "moved_to=\"{}\"", name, run.file().lines().size(), run.count(LineOutcome.Status.APPLIED),
                run.count(LineOutcome.Status.REPLAYED), run.count(LineOutcome.Status.REJECTED),
                run.count(LineOutcome.Status.FAILED), run.elapsedMillis(), printable(moved));
    }

    private void settle(StockRun run, LineOutcome o) throws IOException {
        run.journal().record(o);
        run.settle(o);
        metrics.line(o.status());
    }

    long defer(Path path) {
        synchronized (deferred) {
            Deferral d = deferred.get(path);
            int attempts = d == null ? 1 : d.attempts() + 1;
            long delay = settings.retryInitialMillis();
            for (int i = 1; i < attempts && delay < settings.retryMaxMillis(); i++) {
                delay *= 2;
            }
            delay = Math.min(delay, settings.retryMaxMillis());
            deferred.put(path, new Deferral(attempts, System.currentTimeMillis() + delay));
            return delay;
        }
    }

    private void forget(Path path) {
        synchronized (deferred) {
            deferred.remove(path);
        }
    }

    /** Reads at most max + 1 bytes, so a file growing past the limit while read is still refused. */
    private byte[] readBounded(Path path) throws IOException, StockFileException {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            // a link planted in the inbox must not make the bridge read (and post) a file from elsewhere
            throw new StockFileException("not a regular file (a symbolic link?): only plain files are read");
        }
        long size = Files.size(path);
        if (size > settings.maxFileBytes()) {
            throw new StockFileException(tooLarge(size));
        }
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.maxFileBytes() + 1));
            if (bytes.length > settings.maxFileBytes()) {
                throw new StockFileException(tooLarge(bytes.length));
            }
            return bytes;
        }
    }

    private String tooLarge(long size) {
        return "file too large: " + size + " bytes, the limit is " + settings.maxFileBytes()
                + " bytes (stock-updates.max-file-bytes); split it into smaller files";
    }

    private void deleteDoneFile(Path path) throws IOException {
        String pattern = settings.doneFileName();
        if (pattern == null || pattern.isBlank()) {
            return;
        }
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String done = pattern.replace("${file:name.noext}", dot > 0 ? name.substring(0, dot) : name)
                .replace("${file:name}", name);
        Files.deleteIfExists(path.resolveSibling(done));
    }

    /** File names and reasons go into one log line: no line breaks, no quotes that would end the value early. */
    static String printable(Object o) {
        String s = String.valueOf(o);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? '?' : c == '"' ? '\'' : c);
        }
        return sb.toString();
    }

    private static StockRun run(Exchange exchange) {
        return exchange.getProperty(StockRun.PROPERTY, StockRun.class);
    }

    private static StockLine line(Exchange exchange) {
        return exchange.getProperty(LINE, StockLine.class);
    }

    /** The failure a doCatch handles: inside the doCatch the property {@code CamelExceptionCaught} holds it. */
    private static HttpOperationFailedException httpFailure(Exchange exchange) {
        Throwable e = exchange.getException();
        if (e == null) {
            e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        while (e != null) {
            if (e instanceof HttpOperationFailedException h) {
                return h;
            }
            e = e.getCause() == e ? null : e.getCause();
        }
        return null;
    }

    private static String abbreviate(JsonNode n) {
        return n == null ? "empty body" : StockFileReader.abbreviate(n.toString(), 200);
    }

    /** Files waiting for a retry (bounded by {@value #MAX_DEFERRED}). */
    int deferredCount() {
        synchronized (deferred) {
            return deferred.size();
        }
    }
}
