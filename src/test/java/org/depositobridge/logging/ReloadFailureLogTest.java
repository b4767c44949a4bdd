package org.depositobridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one WARN line of a refused reload, from the exceptions Camel's YAML loader throws. */
class ReloadFailureLogTest {

    /** SnakeYAML's message shape: context, mark, excerpt, caret, problem, mark, excerpt, caret. */
    private static final String SNAKE = """
            while parsing a flow sequence
             in file:routes/x.camel.yaml, line 12, column 11:
                    from: [this is not a route
                          ^
            expected ',' or ']', but got <stream end>
             in file:routes/x.camel.yaml, line 13, column 1:
               \s
                ^
            """;

    @Test
    void should_name_file_line_column_and_the_parsers_sentences_on_one_line() {
        Exception e = new IllegalStateException("Error loading routes from file:routes/x.camel.yaml",
                new RuntimeException(SNAKE));
        String line = ReloadFailureLog.line("routes/x.camel.yaml", e);
        assertThat(line).isEqualTo("event=routes_reload_refused file=routes/x.camel.yaml line=12 column=11"
                + " error=\"while parsing a flow sequence; expected ',' or ']', but got <stream end>\" previous_routes=kept");
        assertThat(line).doesNotContain("\n");
        assertThat(EventLine.fields(line)).containsEntry("line", "12").containsEntry("previous_routes", "kept");
    }

    @Test
    void should_still_say_which_file_when_the_error_has_no_position() {
        String line = ReloadFailureLog.line("routes/y camel.yaml", new IllegalArgumentException("No endpoint \"foo\""));
        assertThat(line).isEqualTo("event=routes_reload_refused file=routes/y_camel.yaml error=\"No endpoint \\\"foo\\\"\""
                + " previous_routes=kept");
        assertThat(ReloadFailureLog.line("routes/z.camel.yaml", null)).contains("error=\"unknown\"");
    }

    @Test
    void should_cut_a_long_error_so_the_line_stays_a_line() {
        String line = ReloadFailureLog.line("f", new RuntimeException("x".repeat(10_000)));
        assertThat(line.length()).isLessThan(ReloadFailureLog.MAX_ERROR_CHARS + 100);
    }
}
