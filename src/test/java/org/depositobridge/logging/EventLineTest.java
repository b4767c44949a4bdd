package org.depositobridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The key=value pairs of an event line, as the JSON log format splits them. */
class EventLineTest {

    /** Bare and quoted values, an escaped quote inside a quoted value. */
    @Test
    void should_split_bare_and_quoted_values() {
        assertThat(EventLine.fields("event=sync_failed poller=productos error=\"Read \\\"timed\\\" out\" attempt=3"))
                .containsExactly(java.util.Map.entry("event", "sync_failed"), java.util.Map.entry("poller", "productos"),
                        java.util.Map.entry("error", "Read \"timed\" out"), java.util.Map.entry("attempt", "3"));
    }

    /** Only event lines are split; parsing stops at the first token that is not a pair. */
    @Test
    void should_leave_other_messages_and_free_text_alone() {
        assertThat(EventLine.fields("Apache Camel 4.18.0 (deposito-bridge) started")).isEmpty();
        assertThat(EventLine.fields("event=x a=1 then some words b=2")).containsOnlyKeys("event", "a");
        assertThat(EventLine.fields("event=x note=\"never closed")).containsOnlyKeys("event");
    }
}
