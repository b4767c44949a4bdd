package org.depositobridge.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lints every routes/*.camel.yaml and proves each check fails on a deliberately broken fixture. */
class RouteLintTest {

    private static final Path BROKEN = Path.of("src/test/resources/lint/broken");
    static RouteLinter linter;

    @BeforeAll
    static void setUp() throws IOException {
        linter = new RouteLinter(RouteLinter.loadConfig(Path.of("config")));
    }

    static Stream<Path> routeFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("routes"))) {
            files = s.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).as("route files in routes/").isNotEmpty();
        return files.stream();
    }

    /** Every route file of the bundle passes every check. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("routeFiles")
    void should_pass_the_lint(Path file) throws IOException {
        assertThat(linter.lint(file)).isEmpty();
    }

    /** A misspelled step (setbody) is a schema error that names file and route. */
    @Test
    void should_reject_a_step_the_schema_does_not_know() throws IOException {
        assertThat(linter.lint(BROKEN.resolve("schema-typo.camel.yaml")))
                .anySatisfy(p -> assertThat(p).startsWith("schema-typo.camel.yaml: route 'typo-route'")
                        .contains("schema:").contains("setbody"));
    }

    /** A misspelled endpoint option is caught by the Camel catalog. */
    @Test
    void should_reject_an_unknown_endpoint_option() throws IOException {
        assertThat(linter.lint(BROKEN.resolve("unknown-endpoint-option.camel.yaml")))
                .anySatisfy(p -> assertThat(p).startsWith("unknown-endpoint-option.camel.yaml: route 'bad-option-route'")
                        .contains("endpoint timer:tick").contains("perod"));
    }

    /** A route without group and description is refused, naming what is missing. */
    @Test
    void should_require_group_and_description_on_routes() throws IOException {
        assertThat(linter.lint(BROKEN.resolve("missing-metadata.camel.yaml"))).containsExactlyInAnyOrder(
                "missing-metadata.camel.yaml: route 'no-group-route': missing group",
                "missing-metadata.camel.yaml: route 'no-group-route': missing description");
    }

    /** A call that leaves the JVM must carry an id so tests and traces can name it. */
    @Test
    void should_require_an_id_on_external_calls() throws IOException {
        assertThat(linter.lint(BROKEN.resolve("external-call-without-id.camel.yaml"))).containsExactly(
                "external-call-without-id.camel.yaml: route 'anonymous-call-route': to http leaves the JVM and needs an id");
    }

    /** A placeholder that no config file defines and that has no default is refused. */
    @Test
    void should_require_placeholders_to_resolve() throws IOException {
        assertThat(linter.lint(BROKEN.resolve("unresolved-placeholder.camel.yaml"))).contains(
                "unresolved-placeholder.camel.yaml: route 'placeholder-route': placeholder {{no.such.key}} is not defined in config/ and has no default");
    }
}
