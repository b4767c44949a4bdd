package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SplitDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.support.RoutePolicySupport;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock route fast: the real {@code routes/stock-updates.camel.yaml} in a bare Camel context with the
 * {@code stockUpdates} bean and a stand-in for the cluster's route policy, the call to {@code direct:deposito-call}
 * ({@code stock-update-call}) woven into {@code mock:deposito}, real files in a temp inbox. No bridge, no simulator,
 * no HTTP: what the route does with each answer, in one to two seconds per test. The full bridge over real HTTP is
 * covered by the other {@code Stock*Test} classes.
 */
@CamelMainTest(
        // the stock placeholders only: keeps the bundle's application.properties (servers, every route) out
        propertyPlaceholderLocations = "classpath:org/depositobridge/stock/stock-route-test.properties",
        properties = "camel.main.routesIncludePattern=file:routes/stock-updates.camel.yaml")
class StockRouteTest implements CamelContextAware {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern KEY = Pattern.compile("\"idempotency_key\":\"csv:[0-9a-f]{64}:(\\d+)\"");

    @TempDir
    Path temp;

    @EndpointInject("mock:deposito")
    MockEndpoint deposito;

    CamelContext context;
    final MeterRegistry metrics = new SimpleMeterRegistry();
    final AtomicBoolean leading = new AtomicBoolean(true);
    /** The mock's answer per line number; a line without one is applied (200). */
    final Map<Integer, Processor> answers = new ConcurrentHashMap<>();
    /** Runs before the mock (which takes one exchange at a time): where a test holds calls to see them together. */
    volatile Processor gate = e -> { };
    /** The line numbers the split took from stockUpdates.waves, in order. */
    final List<Integer> handedOut = new CopyOnWriteArrayList<>();
    /** The waves the split took, as line numbers. */
    final List<List<Integer>> waves = new CopyOnWriteArrayList<>();
    /** stock-updates.concurrency for this test: 1 (one line after the other) unless the test sets more. */
    final AtomicInteger concurrency = new AtomicInteger(1);

    /**
     * Camel hands the test its context after reading the route file and before building the route: bind the beans the
     * route refers to, point the inbox at this test's folder, and weave the deposito call ({@code stock-update-call})
     * into {@code mock:deposito}. (No CamelConfiguration or advice RouteBuilder class: the full-bridge tests scan
     * org.depositobridge for those and would load them.)
     */
    @Override
    public void setCamelContext(CamelContext camel) {
        context = camel;
        camel.getPropertiesComponent().addOverrideProperty("stock-updates.inbox", inbox().toString());
        StockUpdates.Settings settings = new StockUpdates.Settings(journalDir(), 1_000_000, 1000, 200, 1000, null, 1);
        // producto_id lines only: the product codes (snapshot, catalogue call) are not needed
        camel.getRegistry().bind("stockUpdates",
                new StockUpdates(settings, null, new StockMetrics(() -> metrics), leading::get) {
                    @Override
                    int concurrency() {
                        return concurrency.get();
                    }

                    // records which lines the split takes from the iterator
                    @Override
                    public Iterator<List<StockLine>> waves(Exchange exchange) {
                        Iterator<List<StockLine>> lines = super.waves(exchange);
                        return new Iterator<>() {
                            @Override
                            public boolean hasNext() {
                                return lines.hasNext();
                            }

                            @Override
                            public List<StockLine> next() {
                                List<StockLine> wave = lines.next();
                                List<Integer> numbers = wave.stream().map(StockLine::number).toList();
                                handedOut.addAll(numbers);
                                waves.add(numbers);
                                return wave;
                            }
                        };
                    }
                });
        camel.getRegistry().bind("stockLineThreads",
                camel.getExecutorServiceManager().newFixedThreadPool(this, "stock-lines", 8));
        camel.getRegistry().bind("leaderOnly", new RoutePolicySupport() {
            // a single bridge: the route runs here
        });
        try {
            AdviceWith.adviceWith(camel, "stock-updates-file",
                    a -> {
                        a.weaveById("stock-update-call").replace().to("mock:deposito").id("stock-update-call");
                        a.weaveById("stock-update-call").before().process(e -> gate.process(e)).id("stock-update-gate");
                    });
        } catch (Exception e) {
            throw new IllegalStateException("cannot weave the mock into stock-updates-file", e);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }

    /** The mock answers 200 (applied, movimiento_id = 1000 + line) unless the test set another answer for the line. */
    @BeforeEach
    void answerEveryLine() {
        deposito.whenAnyExchangeReceived(e -> {
            int line = line(e);
            Processor answer = answers.get(line);
            if (answer != null) {
                answer.process(e);
            } else {
                e.getMessage().setBody("{\"success\":true,\"movimiento_id\":" + (1000 + line)
                        + ",\"stock_anterior\":5,\"stock_nuevo\":6,\"mensaje\":\"ok\"}");
            }
        });
    }

    /** Lines 1..3 in file order, one call each; the file moves to processed/ with its result and the journal goes. */
    @Test
    void should_send_every_line_once_in_file_order_and_move_the_file() throws Exception {
        NotifyBuilder done = fileAttempts(1);

        drop("orden.csv", 3);

        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sentLines()).containsExactly(1, 2, 3);
        // stock-updates.concurrency=1 is the one-line-after-the-other behaviour: a wave per line
        assertThat(waves).containsExactly(List.of(1), List.of(2), List.of(3));
        assertThat(statuses("orden.csv")).containsExactly("applied", "applied", "applied");
        assertThat(inbox().resolve("orden.csv")).doesNotExist();
        assertThat(inbox().resolve("processed/orden.csv")).exists();
        assertThat(journalDir()).isEmptyDirectory();
        assertThat(count(StockMetrics.FILES, "done")).isEqualTo(1);
    }

    /** A 422 rejects its line only: the split goes on, and the line is in rejected/ with the deposito's reason. */
    @Test
    void should_reject_a_line_answered_422_and_go_on_with_the_next() throws Exception {
        answers.put(2, e -> {
            throw httpFailure(422, "{\"detail\":[{\"loc\":[\"body\",\"cantidad\"],\"msg\":\"must not be 0\"}]}");
        });
        NotifyBuilder done = fileAttempts(1);

        drop("rechazo.csv", 3);

        assertThat(done.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sentLines()).containsExactly(1, 2, 3);
        List<Map<String, String>> result = StockInbox.readCsv(inbox().resolve("processed/rechazo.csv.result.csv"), ',');
        assertThat(result).extracting(r -> r.get("status")).containsExactly("applied", "rejected", "applied");
        assertThat(result.get(1).get("error")).isEqualTo("422 validation: cantidad: must not be 0");
        List<Map<String, String>> rejected = StockInbox.readCsv(inbox().resolve("rejected/rechazo.csv.rejected.csv"), ',');
        assertThat(rejected).singleElement().satisfies(r -> {
            assertThat(r.get("cantidad")).isEqualTo("2");
            assertThat(r.get("error")).isEqualTo("422 validation: cantidad: must not be 0");
        });
        assertThat(count(StockMetrics.LINES, "rejected")).isEqualTo(1);
    }

    /**
     * A timeout after a rejected line stops the split at that line (the earlier 422 does not turn it into a
     * rejection): line 4 is not sent, the file stays in the inbox with lines 1 and 2 in its journal. The next attempt
     * (after the back-off) sends lines 3 and 4 only and completes the file with line 1 still applied and line 2 still
     * rejected.
     */
    @Test
    void should_stop_at_a_transient_failure_and_resume_from_the_journal() throws Exception {
        answers.put(2, e -> {
            throw httpFailure(404, "{\"error\":\"producto_no_encontrado\",\"message\":\"Producto 2 no existe\"}");
        });
        answers.put(3, e -> {
            throw new SocketTimeoutException("Read timed out");
        });
        NotifyBuilder first = fileAttempts(1);

        drop("corte.csv", 4);

        assertThat(first.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sentLines()).containsExactly(1, 2, 3);
        // line 4 was not even handed out: Camel reads a stopped streaming split's iterator to its end
        assertThat(handedOut).containsExactly(1, 2, 3);
        assertThat(inbox().resolve("corte.csv")).exists();
        assertThat(inbox().resolve("processed")).doesNotExist();
        assertThat(journalLines()).containsExactly("1:applied", "2:rejected");
        assertThat(count(StockMetrics.FILES, "deferred")).isEqualTo(1);
        assertThat(count(StockMetrics.LINES, "failed")).isEqualTo(1);

        answers.remove(3);
        NotifyBuilder completed = fileCompleted("corte.csv");
        assertThat(completed.matches(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sentLines()).containsExactly(1, 2, 3, 3, 4);
        List<Map<String, String>> result = StockInbox.readCsv(inbox().resolve("processed/corte.csv.result.csv"), ',');
        assertThat(result).extracting(r -> r.get("status")).containsExactly("applied", "rejected", "applied", "applied");
        assertThat(result).extracting(r -> r.get("movimiento_id")).containsExactly("1001", "", "1003", "1004");
        assertThat(journalDir()).isEmptyDirectory();
    }

    /** A replica that loses the lead after line 1 sends nothing more, hands the file over without a back-off. */
    @Test
    void should_stop_between_lines_when_the_lead_is_lost_and_finish_when_regained() throws Exception {
        answers.put(1, e -> {
            e.getMessage().setBody("{\"success\":true,\"movimiento_id\":1001,\"mensaje\":\"ok\"}");
            leading.set(false);
        });
        NotifyBuilder first = fileAttempts(1);

        drop("relevo.csv", 3);

        assertThat(first.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sentLines()).containsExactly(1);
        assertThat(inbox().resolve("relevo.csv")).exists();
        assertThat(journalLines()).containsExactly("1:applied");
        assertThat(count(StockMetrics.FILES, "handed_over")).isEqualTo(1);
        assertThat(count(StockMetrics.FILES, "deferred")).isZero();

        answers.clear();
        NotifyBuilder completed = fileCompleted("relevo.csv");
        leading.set(true);
        assertThat(completed.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sentLines()).containsExactly(1, 2, 3);
        assertThat(statuses("relevo.csv")).containsExactly("applied", "applied", "applied");
    }

    /**
     * Concurrency 4: a wave holds consecutive lines of different products, at most 4, and closes before a product it
     * already holds; the lines of the first wave are in the deposito at the same time (each answer waits for the other
     * two: one after the other, the first would time out), and each product's lines arrive in file order.
     */
    @Test
    void should_send_a_waves_lines_together_and_each_products_lines_in_file_order() throws Exception {
        concurrency.set(4);
        CyclicBarrier together = new CyclicBarrier(3);
        gate = e -> {
            if (line(e) <= 3) {
                together.await(5, TimeUnit.SECONDS);
            }
        };
        NotifyBuilder done = fileAttempts(1);

        // products of lines 1..9
        dropProducts("olas.csv", 1, 2, 3, 1, 4, 5, 2, 2, 6);

        assertThat(done.matches(20, TimeUnit.SECONDS)).isTrue();
        assertThat(waves).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6, 7), List.of(8, 9));
        assertThat(statuses("olas.csv")).hasSize(9).containsOnly("applied");
        assertThat(StockInbox.readCsv(inbox().resolve("processed/olas.csv.result.csv"), ','))
                .extracting(r -> r.get("line")).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        List<Integer> sent = sentLines();
        assertThat(sent).hasSize(9).doesNotHaveDuplicates();
        assertThat(sent.stream().filter(l -> l == 1 || l == 4).toList()).containsExactly(1, 4);
        assertThat(sent.stream().filter(l -> l == 2 || l == 7 || l == 8).toList()).containsExactly(2, 7, 8);
        assertThat(journalDir()).isEmptyDirectory();
    }

    /**
     * Concurrency 4, a timeout on line 2 in the middle of the first wave: the wave's other lines run to their end and
     * are journaled, no later wave is even handed out, the file is deferred. The next attempt sends line 2 and the
     * rest only, and the file completes with every line applied once.
     */
    @Test
    void should_finish_the_wave_of_a_failed_line_and_send_no_later_wave() throws Exception {
        concurrency.set(4);
        answers.put(2, e -> {
            throw new SocketTimeoutException("Read timed out");
        });
        NotifyBuilder first = fileAttempts(1);

        drop("ola-rota.csv", 8);

        assertThat(first.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sentLines()).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(handedOut).containsExactly(1, 2, 3, 4);
        assertThat(journalLines()).containsExactlyInAnyOrder("1:applied", "3:applied", "4:applied");
        assertThat(inbox().resolve("ola-rota.csv")).exists();
        assertThat(count(StockMetrics.FILES, "deferred")).isEqualTo(1);
        assertThat(count(StockMetrics.LINES, "failed")).isEqualTo(1);

        answers.remove(2);
        NotifyBuilder completed = fileCompleted("ola-rota.csv");
        assertThat(completed.matches(10, TimeUnit.SECONDS)).isTrue();

        List<Integer> sent = sentLines();
        assertThat(sent).hasSize(9);
        assertThat(sent.subList(4, 9)).containsExactlyInAnyOrder(2, 5, 6, 7, 8);
        List<Map<String, String>> result = StockInbox.readCsv(inbox().resolve("processed/ola-rota.csv.result.csv"), ',');
        assertThat(result).extracting(r -> r.get("status")).hasSize(8).containsOnly("applied");
        assertThat(result).extracting(r -> r.get("movimiento_id"))
                .containsExactly("1001", "1002", "1003", "1004", "1005", "1006", "1007", "1008");
        assertThat(journalDir()).isEmptyDirectory();
    }

    /** Two lines of one wave fail (as a circuit open fails them all): both count as failed, not only the first. */
    @Test
    void should_count_every_failed_line_of_a_wave() throws Exception {
        concurrency.set(4);
        answers.put(2, e -> {
            throw new SocketTimeoutException("Read timed out");
        });
        answers.put(3, e -> {
            throw new SocketTimeoutException("Read timed out");
        });
        NotifyBuilder first = fileAttempts(1);

        drop("ola-doble.csv", 8);

        assertThat(first.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(journalLines()).containsExactlyInAnyOrder("1:applied", "4:applied");
        assertThat(inbox().resolve("ola-doble.csv")).exists();
        assertThat(count(StockMetrics.FILES, "deferred")).isEqualTo(1);
        assertThat(count(StockMetrics.LINES, "failed")).isEqualTo(2);
    }

    /** The route is read as two splits (waves, then a wave's lines); every step has its own id, the two catches included. */
    @Test
    void should_give_every_step_of_the_route_an_id() {
        RouteDefinition route = ((ModelCamelContext) context).getRouteDefinition("stock-updates-file");
        assertThat(route.getInput().hasCustomIdAssigned()).isTrue();
        List<ProcessorDefinition<?>> steps = steps(route.getOutputs()).toList();
        assertThat(steps).allSatisfy(s -> assertThat(s.hasCustomIdAssigned()).as(s.toString()).isTrue());
        assertThat(steps).filteredOn(s -> s instanceof CatchDefinition).extracting(ProcessorDefinition::getId)
                .containsExactlyInAnyOrder("stock-line-rejected", "stock-line-failed");
        assertThat(steps).filteredOn(s -> s instanceof SplitDefinition).extracting(ProcessorDefinition::getId)
                .containsExactly("stock-file-waves", "stock-wave-lines");
    }

    /** Every step below these, depth first; a doTry's catch clauses are not among its outputs when read from YAML. */
    private static Stream<ProcessorDefinition<?>> steps(List<? extends ProcessorDefinition<?>> outputs) {
        return outputs.stream().flatMap(s -> Stream.concat(Stream.of(s), Stream.concat(steps(s.getOutputs()),
                s instanceof TryDefinition t ? steps(t.getCatchClauses()) : Stream.empty())));
    }

    /** Completes after n file attempts: exchanges of the inbox route, not the split's one exchange per line. */
    private NotifyBuilder fileAttempts(int n) {
        return new NotifyBuilder(context).fromRoute("stock-updates-file")
                .filter(e -> e.getProperty(Exchange.SPLIT_INDEX) == null).whenDone(n).create();
    }

    /** Completes once an attempt has moved the file to processed/. */
    private NotifyBuilder fileCompleted(String name) {
        return new NotifyBuilder(context).fromRoute("stock-updates-file")
                .filter(e -> Files.exists(inbox().resolve("processed").resolve(name))).whenDone(1).create();
    }

    private Path inbox() {
        return temp.resolve("inbox");
    }

    private Path journalDir() {
        return temp.resolve("journal");
    }

    /** n lines by producto_id (1..n), quantity = line number, renamed into the inbox complete. */
    private void drop(String name, int n) throws IOException {
        StringBuilder csv = new StringBuilder("producto_id,tipo_movimiento,cantidad\n");
        for (int i = 1; i <= n; i++) {
            csv.append(i).append(",entrada,").append(i).append('\n');
        }
        new StockInbox(Files.createDirectories(inbox())).drop(name, csv.toString());
    }

    /** One line per product id given (line n: quantity n), renamed into the inbox complete. */
    private void dropProducts(String name, long... products) throws IOException {
        StringBuilder csv = new StringBuilder("producto_id,tipo_movimiento,cantidad\n");
        for (int i = 0; i < products.length; i++) {
            csv.append(products[i]).append(",entrada,").append(i + 1).append('\n');
        }
        new StockInbox(Files.createDirectories(inbox())).drop(name, csv.toString());
    }

    /** The line number of each call the mock received, in order. */
    private List<Integer> sentLines() {
        return deposito.getReceivedExchanges().stream().map(StockRouteTest::line).toList();
    }

    private static int line(Exchange e) {
        Matcher m = KEY.matcher(e.getMessage().getBody(String.class));
        assertThat(m.find()).as("idempotency key in the body").isTrue();
        return Integer.parseInt(m.group(1));
    }

    private List<String> statuses(String name) throws IOException {
        return StockInbox.readCsv(inbox().resolve("processed/" + name + ".result.csv"), ',').stream()
                .map(r -> r.get("status")).toList();
    }

    /** "line:status" of every journal entry (one journal: one file in progress). */
    private List<String> journalLines() throws IOException {
        try (Stream<Path> files = Files.list(journalDir())) {
            Path journal = files.filter(p -> p.toString().endsWith(StockJournal.SUFFIX)).findFirst().orElseThrow();
            return Files.readAllLines(journal).stream().map(l -> {
                try {
                    JsonNode n = JSON.readTree(l);
                    return n.path("line").asInt() + ":" + n.path("status").asText();
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            }).toList();
        }
    }

    private double count(String meter, String result) {
        return metrics.counter(meter, "result", result).count();
    }

    private static HttpOperationFailedException httpFailure(int status, String body) {
        return new HttpOperationFailedException("http://deposito/stock/update", status, "refused", null, null, body);
    }
}
