package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The alert rules are valid and behave as their unit tests say, checked by Prometheus's own promtool
 * (installed by bin/setup.d/prometheus.sh; a missing promtool fails this test rather than skipping it).
 */
class PrometheusRulesTest {

    private static final Path RULES = Path.of("config/prometheus/alerts.yml");
    private static final Path RULE_TESTS = Path.of("config/prometheus/alerts_test.yml");

    /** promtool check rules accepts config/prometheus/alerts.yml. */
    @Test
    void should_pass_promtool_check_rules() throws Exception {
        Result r = promtool("check", "rules", RULES.toString());
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("SUCCESS");
    }

    /** Every case of config/prometheus/alerts_test.yml passes (alerts fire when and only when they should). */
    @Test
    void should_pass_the_rule_unit_tests() throws Exception {
        Result r = promtool("test", "rules", RULE_TESTS.toString());
        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("SUCCESS");
    }

    private record Result(int exit, String output) {
    }

    private static Result promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add("promtool");
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool not found: run bin/setup.d/prometheus.sh (Debian package prometheus)", e);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.exitValue(), out);
    }
}
