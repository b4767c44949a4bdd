package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-start file: a faithful round trip; a cut or corrupted file is refused with a reason. */
class SnapshotFileTest {

    @TempDir
    Path dir;

    static DepositoSnapshot sample() {
        Producto p = new Producto(1, "AL-001", "Yerba \"Playadito\", 1 kg", null, "Almacén", 3, 10, 50, 1234.5, 1800.0,
                "30-12345678-9", "Molinos", true, 1_700_000_000_000L, null);
        StockCritico c = new StockCritico(1, "AL-001", "Yerba", "Almacén", 3, 10, 13, 1.3, "verano", 10, "$ 1.234,50");
        MovementLog log = MovementLog.empty().appender()
                .add(10, 1, TipoMovimiento.ENTRADA, 20, 1_700_000_100_000L, 1000, 20000)
                .add(11, 1, TipoMovimiento.SALIDA, -17, 1_700_000_200_000L, Double.NaN, Double.NaN).build();
        return new DepositoSnapshot(42, List.of(p), List.of(c), log, 1, 2, 3, "simulator");
    }

    /** What is saved is what is loaded. */
    @Test
    void should_round_trip_a_snapshot() throws IOException {
        SnapshotFile f = new SnapshotFile(dir.resolve("snapshot.bin"), new ObjectMapper());
        f.save(sample());
        DepositoSnapshot back = f.load();
        assertThat(back.version()).isEqualTo(42);
        assertThat(back.productos()).isEqualTo(sample().productos());
        assertThat(back.critical()).isEqualTo(sample().critical());
        assertThat(back.movements().size()).isEqualTo(2);
        assertThat(back.movements().cantidad(1)).isEqualTo(-17);
        assertThat(Double.isNaN(back.movements().valorTotal(1))).isTrue();
        assertThat(back.source()).isEqualTo("simulator");
        assertThat(back.asOfMillis()).isEqualTo(1);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("snapshot.bin");
        }
    }

    /** A file cut short (crash mid-copy, full disk) is detected. */
    /** Issue 16, item 14: the warm-start file holds the deposito's data and is mode 600 (owner read/write only). */
    @Test
    void should_save_a_file_readable_by_the_owner_only() throws IOException {
        SnapshotFile f = new SnapshotFile(dir.resolve("snapshot.bin"), new ObjectMapper());
        f.save(sample());
        f.save(sample());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.path()))).isEqualTo("rw-------");
    }

    @Test
    void should_refuse_a_cut_file() throws IOException {
        Path p = dir.resolve("snapshot.bin");
        SnapshotFile f = new SnapshotFile(p, new ObjectMapper());
        f.save(sample());
        byte[] all = Files.readAllBytes(p);
        Files.write(p, java.util.Arrays.copyOf(all, all.length - 20));
        assertThatThrownBy(f::load).isInstanceOf(IOException.class);
    }

    /** A flipped byte is caught by the checksum. */
    @Test
    void should_refuse_a_corrupted_file() throws IOException {
        Path p = dir.resolve("snapshot.bin");
        SnapshotFile f = new SnapshotFile(p, new ObjectMapper());
        f.save(sample());
        byte[] all = Files.readAllBytes(p);
        all[all.length - 30] ^= 0x5a;
        Files.write(p, all);
        assertThatThrownBy(f::load).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }
}
