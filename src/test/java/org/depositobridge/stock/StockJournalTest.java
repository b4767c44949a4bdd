package org.depositobridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-file progress journal: survives a reopen, tolerates a torn entry, and stays bounded. */
class StockJournalTest {

    @TempDir
    Path dir;

    /** Settled lines come back after a reopen; a torn last entry (crash mid-write) is ignored; failures are not kept. */
    @Test
    void should_remember_settled_lines_and_ignore_a_torn_entry() throws Exception {
        try (StockJournal j = StockJournal.open(dir, "abc")) {
            j.record(new LineOutcome(1, LineOutcome.Status.APPLIED, 10L, 5, 7, null));
            j.record(new LineOutcome(2, LineOutcome.Status.REJECTED, null, null, null, "400 stock_insuficiente: x"));
        }
        Files.writeString(dir.resolve("abc.journal"), "{\"line\":3,\"status\":\"app", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        try (StockJournal again = StockJournal.open(dir, "abc")) {
            assertThat(again.size()).isEqualTo(2);
            assertThat(again.settled(1)).isEqualTo(new LineOutcome(1, LineOutcome.Status.APPLIED, 10L, 5, 7, null));
            assertThat(again.settled(2).error()).isEqualTo("400 stock_insuficiente: x");
            assertThat(again.settled(3)).isNull();
            again.delete();
        }
        assertThat(dir).isEmptyDirectory();
    }

    /**
     * A wave's entries, written in any order by its concurrent lines, stay uncommitted (the next wave waits) until the
     * one commit of the wave; a wave of lines settled from the journal before has nothing to commit.
     */
    @Test
    void should_hold_a_waves_entries_uncommitted_until_its_one_commit() throws Exception {
        try (StockJournal j = StockJournal.open(dir, "wave")) {
            assertThat(j.uncommitted()).isFalse();
            j.commit();
            j.record(new LineOutcome(3, LineOutcome.Status.APPLIED, 30L, 1, 2, null));
            j.record(new LineOutcome(1, LineOutcome.Status.REPLAYED, 10L, 1, 2, null));
            assertThat(j.uncommitted()).isTrue();
            j.commit();
            assertThat(j.uncommitted()).isFalse();
            j.record(new LineOutcome(2, LineOutcome.Status.REJECTED, null, null, null, "404 producto_no_encontrado: x"));
        }
        // close forced the last entry although no commit step ran (a failed wave)
        try (StockJournal again = StockJournal.open(dir, "wave")) {
            assertThat(again.size()).isEqualTo(3);
            assertThat(again.settled(1).status()).isEqualTo(LineOutcome.Status.REPLAYED);
            assertThat(again.settled(2).status()).isEqualTo(LineOutcome.Status.REJECTED);
            assertThat(again.settled(3).movimientoId()).isEqualTo(30L);
            assertThat(again.uncommitted()).isFalse();
            again.delete();
        }
        assertThat(dir).isEmptyDirectory();
    }

    /** Journals of files that left the inbox unfinished are deleted once older than the configured age. */
    @Test
    void should_delete_only_journals_older_than_the_limit() throws Exception {
        Path old = Files.writeString(dir.resolve("old.journal"), "");
        Path recent = Files.writeString(dir.resolve("recent.journal"), "");
        Path other = Files.writeString(dir.resolve("notes.txt"), "");
        Instant now = Instant.now();
        Files.setLastModifiedTime(old, FileTime.from(now.minus(Duration.ofDays(31))));
        Files.setLastModifiedTime(other, FileTime.from(now.minus(Duration.ofDays(31))));

        assertThat(StockJournal.deleteOlderThan(dir, Duration.ofDays(30), now)).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(recent).exists();
        assertThat(other).exists();
    }
}
