package org.depositobridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /__sim/*: fault control at run time behind the admin token, bounded, plus token minting. */
class AdminEndpointTest {

    static DepositoSimulator sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = DepositoSimulator.start(SimulatorOptions.defaults().withProducts(20).withDays(2).withMovementsPerDay(20)
                .withAdminToken("admin-secret-for-test").withPathPrefix("/api/v1"));
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clear() {
        sim.faults().clear();
    }

    /** Without or with a wrong admin token the admin endpoints answer 401 and change nothing. */
    @Test
    void should_require_the_admin_token() throws Exception {
        assertThat(client.admin("GET", "/__sim/faults", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> r = client.admin("POST", "/__sim/faults", "reset@all", "wrong");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("X-Deposito-Simulator")).contains("true");
        assertThat(sim.faults().active()).isEmpty();
    }

    /** POST a JSON fault, see it listed with counters, feel it, then DELETE it. */
    @Test
    void should_inject_list_and_clear_faults_at_run_time() throws Exception {
        HttpResponse<String> created = client.admin("POST", "/__sim/faults",
                "{\"kind\":\"status\",\"status\":503,\"endpoint\":\"productos\",\"retry_after_seconds\":1,\"times\":2}",
                sim.adminToken());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode f = SimClient.json(created).get("faults").get(0);
        assertThat(f.get("spec").asText()).isEqualTo("status:503@productos,times=2,retry-after=1");
        assertThat(client.get("/productos").statusCode()).isEqualTo(503);
        JsonNode listed = SimClient.json(client.admin("GET", "/__sim/faults", null, sim.adminToken())).get("faults");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).get("remaining").asInt()).isEqualTo(1);
        assertThat(listed.get(0).get("fired").asInt()).isEqualTo(1);
        HttpResponse<String> cleared = client.admin("DELETE", "/__sim/faults", null, sim.adminToken());
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(SimClient.json(cleared).get("cleared").asInt()).isEqualTo(1);
        assertThat(client.get("/productos").statusCode()).isEqualTo(200);
    }

    /** The string form and JSON arrays are accepted; one fault can be removed by id. */
    @Test
    void should_accept_the_string_form_and_remove_by_id() throws Exception {
        HttpResponse<String> r = client.admin("POST", "/__sim/faults",
                "latency:5@health;status:500@critical,ratio=0.25", sim.adminToken());
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode faults = SimClient.json(r).get("faults");
        assertThat(faults.size()).isEqualTo(2);
        long id = faults.get(1).get("id").asLong();
        assertThat(client.admin("DELETE", "/__sim/faults/" + id, null, sim.adminToken()).statusCode()).isEqualTo(200);
        assertThat(client.admin("DELETE", "/__sim/faults/" + id, null, sim.adminToken()).statusCode()).isEqualTo(404);
        assertThat(sim.faults().active()).extracting(a -> a.fault().kind()).containsExactly(FaultKind.LATENCY);
        HttpResponse<String> arr = client.admin("POST", "/__sim/faults",
                "[{\"spec\":\"reset@movements\"},{\"kind\":\"dribble\",\"bytes_per_second\":10}]", sim.adminToken());
        assertThat(arr.statusCode()).isEqualTo(201);
        assertThat(sim.faults().active()).hasSize(3);
    }

    /** A bad fault is 422 and nothing is injected. */
    @Test
    void should_refuse_an_invalid_fault() throws Exception {
        for (String bad : new String[] {"explode@all", "status:200", "status:503@nowhere", "{\"kind\":\"status\"}",
                "latency:abc", "status:503,ratio=2", ""}) {
            HttpResponse<String> r = client.admin("POST", "/__sim/faults", bad, sim.adminToken());
            assertThat(r.statusCode()).as(bad).isEqualTo(422);
            assertThat(SimClient.json(r).get("detail").asText()).startsWith("Invalid fault");
        }
        assertThat(sim.faults().active()).isEmpty();
    }

    /** At most 64 faults can be active: the 65th is refused (409 over HTTP). */
    @Test
    void should_bound_the_number_of_active_faults() throws Exception {
        for (int i = 0; i < Faults.MAX_ACTIVE; i++) {
            sim.faults().inject(Fault.latency(Duration.ZERO).on(Endpoint.HEALTH));
        }
        assertThatThrownBy(() -> sim.faults().inject(Fault.reset())).isInstanceOf(IllegalStateException.class);
        HttpResponse<String> r = client.admin("POST", "/__sim/faults", "reset@all", sim.adminToken());
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(sim.faults().active()).hasSize(Faults.MAX_ACTIVE);
    }

    /** /__sim/token mints a token the API accepts. */
    @Test
    void should_mint_a_usable_token() throws Exception {
        HttpResponse<String> r = client.admin("GET", "/__sim/token?ttl_seconds=60", null, sim.adminToken());
        assertThat(r.statusCode()).isEqualTo(200);
        String token = SimClient.json(r).get("access_token").asText();
        assertThat(client.get("/health", "Bearer " + token).statusCode()).isEqualTo(200);
    }
}
