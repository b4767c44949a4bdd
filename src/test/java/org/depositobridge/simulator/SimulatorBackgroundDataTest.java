package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The embedded simulator binds first and makes its data on another thread ({@link DepositoSimulator#startListening}):
 * a request that arrives before the data exists waits for it, and the data is the same as a simulator started the
 * plain way with the same seed.
 */
class SimulatorBackgroundDataTest {

    static final SimulatorOptions OPTIONS = SimulatorOptions.defaults().withProducts(300).withDays(30)
            .withMovementsPerDay(200).withSeed(42L).withHistoryEnd(Instant.parse("2026-03-10T12:00:00Z"))
            .withLiveMovementsPerMinute(0);

    /** Held while the generation has not run; answered, with the full data, as soon as it has. */
    @Test
    void should_hold_a_request_until_the_data_exists_then_answer_it() throws Exception {
        CompletableFuture<Runnable> generation = new CompletableFuture<>();
        ExecutorService requests = Executors.newSingleThreadExecutor();
        try (DepositoSimulator sim = DepositoSimulator.startListening(OPTIONS, generation::complete)) {
            String token = sim.mintToken(Duration.ofHours(1));
            CompletableFuture<HttpResponse<String>> early = SimClient.HTTP.sendAsync(
                    HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/productos?limit=5"))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            await("request held while there is no data").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> !early.isDone());

            requests.submit(generation.get(5, TimeUnit.SECONDS)).get(60, TimeUnit.SECONDS);

            HttpResponse<String> answered = early.get(30, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.headers().firstValue("X-Deposito-Simulator")).contains("true");
            // the whole list was there for it: the same page as any request after the data
            assertThat(SimClient.json(answered).get("productos")).hasSize(5);
            assertThat(answered.body()).isEqualTo(new SimClient(sim).get("/productos?limit=5").body());
            assertThat(sim.store().productCount()).isEqualTo(300);
        } finally {
            requests.shutdownNow();
        }
    }

    /** Same seed, same data: generated on its own thread or before binding, every product and movement is equal. */
    @Test
    void should_generate_the_same_data_as_a_plain_start() throws Exception {
        try (DepositoSimulator plain = DepositoSimulator.start(OPTIONS);
                DepositoSimulator background = DepositoSimulator.startListening(OPTIONS)) {
            SimClient a = new SimClient(plain);
            SimClient b = new SimClient(background);
            for (String path : new String[] {"/productos?limit=1000", "/stock/movements?size=500",
                    "/stock/movements?size=500&page=9", "/stock/critical"}) {
                HttpResponse<String> ra = a.get(path);
                HttpResponse<String> rb = b.get(path);
                assertThat(rb.statusCode()).as(path).isEqualTo(200);
                assertThat(withoutTimestamp(rb.body())).as(path).isEqualTo(withoutTimestamp(ra.body()));
            }
            assertThat(background.store().movementCount()).isEqualTo(plain.store().movementCount()).isEqualTo(6000);
        }
    }

    /** Answers carry the time of the answer; the data around it must be equal. */
    private static String withoutTimestamp(String json) {
        return json.replaceAll("\"(timestamp|generated_at)\":\"[^\"]*\"", "");
    }
}
