package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.depositobridge.simulator.Endpoint;
import org.depositobridge.simulator.Fault;
import org.depositobridge.support.RunningBridge;
import org.depositobridge.support.SimulatedDeposito;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix over real HTTP: for each way the deposito can misbehave, the bridge stays up, keeps serving
 * the previous snapshot flagged stale, writes exactly the dead letters that fault deserves, and recovers by
 * itself once the fault is cleared.
 */
class DepositoFaultsTest {

    static SimulatedDeposito deposito;
    static RunningBridge bridge;
    static SnapshotStore store;
    static SyncMonitor monitor;
    static DeadLetters deadLetters;
    static int baselineThreads;

    @BeforeAll
    static void start() throws Exception {
        deposito = SimulatedDeposito.start(250, 20, 40);
        bridge = RunningBridge.start(deposito.bridgeSettings());
        store = bridge.context().getRegistry().lookupByNameAndType("snapshotStore", SnapshotStore.class);
        monitor = bridge.context().getRegistry().lookupByNameAndType("syncMonitor", SyncMonitor.class);
        deadLetters = bridge.context().getRegistry().lookupByNameAndType("deadLetters", DeadLetters.class);
        awaitFresh();
        // one fault round first, so pools that grow on demand (breaker timeouts, retries) are at their working size
        long failures = monitor.failures("critical");
        deposito.simulator().faults().inject(Fault.status(500).on(Endpoint.CRITICAL));
        await().atMost(Duration.ofSeconds(20)).until(() -> monitor.failures("critical") > failures);
        deposito.simulator().faults().clear();
        awaitFresh();
        baselineThreads = Thread.activeCount();
    }

    @AfterAll
    static void stop() throws Exception {
        bridge.close();
        deposito.close();
    }

    @BeforeEach
    void healthy() {
        deposito.simulator().faults().clear();
        awaitFresh();
    }

    @AfterEach
    void recovers() {
        deposito.simulator().faults().clear();
        // recovery within one wait-in-open period (1 s) plus a poll period (0.3 s), with slack for a loaded CI machine
        awaitFresh();
        assertThat(DepositoHealthCheck.circuitState(bridge.context())).isEqualTo("CLOSED");
        await("connection pool back to idle").atMost(Duration.ofSeconds(10)).until(() -> leasedConnections() == 0);
        await("threads back to baseline").atMost(Duration.ofSeconds(10))
                .until(() -> Thread.activeCount() <= baselineThreads + 8);
    }

    static void awaitFresh() {
        await("fresh snapshot").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> store.current().complete() && !store.stale());
    }

    static int leasedConnections() {
        return bridge.context().getEndpoints().stream()
                .filter(e -> e instanceof org.apache.camel.component.http.HttpEndpoint)
                .mapToInt(e -> ((PoolingHttpClientConnectionManager) ((org.apache.camel.component.http.HttpEndpoint) e)
                        .getClientConnectionManager()).getTotalStats().getLeased())
                .sum();
    }

    /** Injects the fault, waits for a failed cycle of the poller, checks the served data did not change. */
    private void assertCycleFailsAndOldDataIsServed(Fault fault, String poller, Supplier<Object> part,
            int expectedNewDeadLetters) throws IOException {
        Object before = part.get();
        long failures = monitor.failures(poller);
        int letters = deadLetters.list().size();
        deposito.simulator().faults().inject(fault);
        await(poller + " cycle fails").atMost(Duration.ofSeconds(20)).until(() -> monitor.failures(poller) > failures);
        assertThat(store.stale()).as("flagged stale").isTrue();
        // content, not identity: a cycle already in flight when the fault was injected may complete first
        assertThat(content(part.get())).as("previous data still served").isEqualTo(content(before));
        assertThat(bridge.context().getStatus().isStarted()).isTrue();
        deposito.simulator().faults().clear();
        if (expectedNewDeadLetters == 0) {
            assertThat(deadLetters.list()).hasSize(letters);
        } else {
            assertThat(deadLetters.list().size()).isGreaterThanOrEqualTo(letters + expectedNewDeadLetters);
            assertThat(deadLetters.list().get(deadLetters.list().size() - 1)).contains(endpointLabel(poller));
        }
    }

    private static Object content(Object part) {
        return part instanceof MovementLog log ? log.size() + "@" + log.maxId() : part;
    }

    private static String endpointLabel(String poller) {
        return poller;
    }

    private static Supplier<Object> productos() {
        return () -> store.current().productos();
    }

    private static Supplier<Object> movements() {
        return () -> store.current().movements();
    }

    private static Supplier<Object> critical() {
        return () -> store.current().critical();
    }

    /** Accept-then-silence: the response timeout ends the call, retries fail, the cycle fails. */
    @Test
    void should_survive_a_silent_deposito() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.silence().on(Endpoint.PRODUCTOS), "productos", productos(), 0);
    }

    /** A response slower than the timeout is cut off. */
    @Test
    void should_survive_responses_slower_than_the_timeout() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.latency(Duration.ofMillis(1500)).on(Endpoint.CRITICAL), "critical",
                critical(), 0);
    }

    /** A body dribbled byte by byte hits the circuit breaker's hard timeout. */
    @Test
    void should_survive_a_dribbling_body() throws IOException {
        // 10 KB/s on a ~40 KB page: slower than the 1.5 s cap allows, yet the dribbling answer ends within seconds,
        // so the connection it holds is back in the pool by the time the test checks (see docs/routes.md)
        assertCycleFailsAndOldDataIsServed(Fault.dribble(10_000).on(Endpoint.PRODUCTOS), "productos", productos(), 0);
    }

    /** 500 on every call: retried, then the cycle fails. */
    @Test
    void should_survive_500() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.status(500).on(Endpoint.MOVEMENTS), "movements", movements(), 0);
    }

    /** 503 on every call. */
    @Test
    void should_survive_503() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.status(503).on(Endpoint.PRODUCTOS), "productos", productos(), 0);
    }

    /** 429 with Retry-After: honoured (capped), then the cycle fails while it lasts. */
    @Test
    void should_survive_429_with_retry_after() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.status(429).retryAfterSeconds(1).on(Endpoint.CRITICAL), "critical",
                critical(), 0);
    }

    /** A 429 burst shorter than the retries is absorbed: the cycle completes without failing. */
    @Test
    void should_absorb_a_short_429_burst_by_retrying() {
        long failures = monitor.failures("critical");
        long successes = monitor.successes("critical");
        deposito.simulator().faults().inject(Fault.status(429).retryAfterSeconds(0).on(Endpoint.CRITICAL).times(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> monitor.successes("critical") > successes + 1);
        assertThat(monitor.failures("critical")).isEqualTo(failures);
    }

    /** Connection reset mid-answer. */
    @Test
    void should_survive_connection_resets() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.reset().on(Endpoint.MOVEMENTS), "movements", movements(), 0);
    }

    /** A body cut short is a transport failure (retried), not a dead letter. */
    @Test
    void should_survive_a_truncated_body() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.truncatedBody().on(Endpoint.PRODUCTOS), "productos", productos(), 0);
    }

    /** Malformed JSON: the payload goes to a dead letter, the cycle fails cleanly. */
    @Test
    void should_dead_letter_malformed_json() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.malformedJson().on(Endpoint.CRITICAL), "critical", critical(), 1);
    }

    /** Missing or mistyped fields: dead letter. */
    @Test
    void should_dead_letter_a_schema_violation() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.wrongSchema().on(Endpoint.PRODUCTOS), "productos", productos(), 1);
    }

    /** stock_posterior != stock_anterior + cantidad: dead letter, nothing of that page published. */
    @Test
    void should_dead_letter_a_broken_stock_invariant() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.brokenInvariant().on(Endpoint.MOVEMENTS), "movements", movements(), 1);
    }

    /** total changing between pages of the products listing: the half-read listing is thrown away. */
    @Test
    void should_dead_letter_a_total_that_changes_mid_sync() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.totalDrift(7).on(Endpoint.PRODUCTOS), "productos", productos(), 1);
    }

    /** An expired-token answer on every call: re-authentication is tried once, then the cycle fails. */
    @Test
    void should_survive_a_deposito_that_rejects_every_token() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.expiredToken().on(Endpoint.CRITICAL), "critical", critical(), 0);
    }

    /** One expired-token answer: the bridge mints a new token, retries once and the cycle succeeds. */
    @Test
    void should_renew_the_token_once_on_401() {
        long failures = monitor.failures("critical");
        long successes = monitor.successes("critical");
        deposito.simulator().faults().inject(Fault.expiredToken().on(Endpoint.CRITICAL).times(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> monitor.successes("critical") > successes + 1);
        assertThat(monitor.failures("critical")).isEqualTo(failures);
    }

    /** Persistent 500s open the circuit; calls are then refused without reaching the deposito. */
    @Test
    void should_open_the_circuit_and_close_it_again_once_the_fault_is_cleared() {
        deposito.simulator().faults().inject(Fault.status(500).on(Endpoint.ALL));
        await("circuit opens").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> "OPEN".equals(DepositoHealthCheck.circuitState(bridge.context())));
        await("a poller gives up and flags the data stale").atMost(Duration.ofSeconds(20)).until(store::stale);
        assertThat(store.current().complete()).isTrue();
        // @AfterEach clears the fault and asserts CLOSED and fresh again
    }

    /** Lists every fault this class covers, so a new simulator fault without a test here is noticed. */
    @Test
    void should_cover_every_fault_the_simulator_can_inject() {
        List<String> covered = List.of("LATENCY", "STATUS", "RESET", "SILENCE", "DRIBBLE", "MALFORMED_JSON",
                "TRUNCATED_BODY", "WRONG_SCHEMA", "BROKEN_INVARIANT", "EXPIRED_TOKEN", "REJECTED_TOKEN", "TOTAL_DRIFT");
        assertThat(java.util.Arrays.stream(org.depositobridge.simulator.FaultKind.values()).map(Enum::name))
                .allMatch(covered::contains);
    }

    /** A 403 (rejected token) is not retried: it cannot get better by itself. */
    @Test
    void should_not_retry_a_rejected_token() throws IOException {
        assertCycleFailsAndOldDataIsServed(Fault.rejectedToken().on(Endpoint.CRITICAL), "critical", critical(), 0);
    }
}
