package org.depositobridge.deposito;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The warm-start file: the last good snapshot on disk, so a restart serves data (flagged stale) at once even
 * when the deposito is down.
 *
 * <p>Written to a temporary name in the same directory, fsynced, then renamed over the old file, so a crash
 * leaves either the old file or the new one. Mode 600: it holds the deposito's data. A CRC32 trailer detects a corrupt or cut file, which
 * {@link #load()} reports and ignores.
 */
public class SnapshotFile {

    private static final int MAGIC = 0x44425331; // "DBS1"
    private static final int FORMAT = 1;

    private final Path file;
    private final ObjectMapper json;

    public SnapshotFile(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
    }

    public Path path() {
        return file;
    }

    public void save(DepositoSnapshot s) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        try (OutputStream raw = OwnerOnlyFiles.create(tmp);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(raw, crc), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeUTF(s.source());
            out.writeLong(s.version());
            out.writeLong(s.productosAsOfMillis());
            out.writeLong(s.criticalAsOfMillis());
            out.writeLong(s.movementsAsOfMillis());
            writeBlock(out, json.writeValueAsBytes(s.productos()));
            writeBlock(out, json.writeValueAsBytes(s.critical()));
            MovementLog m = s.movements();
            out.writeInt(m.size());
            for (int i = 0; i < m.size(); i++) {
                out.writeLong(m.id(i));
                out.writeInt(m.productoId(i));
                out.writeByte(m.tipo(i).ordinal());
                out.writeInt(m.cantidad(i));
                out.writeLong(m.timestampMillis(i));
                out.writeDouble(m.precioUnitario(i));
                out.writeDouble(m.valorTotal(i));
            }
            out.flush();
            // the trailer is outside the checksum it carries
            raw.write(longBytes(crc.getValue()));
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The saved snapshot, or throws with a message saying why the file cannot be used. */
    public DepositoSnapshot load() throws IOException {
        long size = Files.size(file);
        if (size < 8) {
            throw new IOException("snapshot file too short (" + size + " bytes)");
        }
        CRC32 crc = new CRC32();
        DepositoSnapshot s;
        try (InputStream raw = Files.newInputStream(file);
                CheckedInputStream checked = new CheckedInputStream(new BoundedInputStream(raw, size - 8), crc);
                DataInputStream in = new DataInputStream(new BufferedInputStream(checked, 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                throw new IOException("not a snapshot file of this version");
            }
            String source = in.readUTF();
            long version = in.readLong();
            long pAsOf = in.readLong();
            long cAsOf = in.readLong();
            long mAsOf = in.readLong();
            List<Producto> productos = json.readValue(readBlock(in), new TypeReference<List<Producto>>() { });
            List<StockCritico> critical = json.readValue(readBlock(in), new TypeReference<List<StockCritico>>() { });
            int n = in.readInt();
            if (n < 0) {
                throw new IOException("negative movement count");
            }
            MovementLog.Appender a = MovementLog.empty().appender();
            for (int i = 0; i < n; i++) {
                long id = in.readLong();
                int pid = in.readInt();
                int tipo = in.readByte();
                if (tipo < 0 || tipo >= TipoMovimiento.values().length) {
                    throw new IOException("bad movement type at row " + i);
                }
                a.add(id, pid, TipoMovimiento.ofOrdinal(tipo), in.readInt(), in.readLong(), in.readDouble(), in.readDouble());
            }
            if (in.read() != -1) {
                throw new IOException("trailing bytes before the checksum");
            }
            s = new DepositoSnapshot(version, productos, critical, a.build(), pAsOf, cAsOf, mAsOf, source);
            byte[] trailer = new byte[8];
            int read = raw.readNBytes(trailer, 0, 8);
            if (read != 8 || bytesLong(trailer) != crc.getValue()) {
                throw new IOException("checksum mismatch: the file is corrupt or was cut");
            }
        } catch (EOFException e) {
            throw new IOException("snapshot file ends early: it was cut", e);
        }
        return s;
    }

    private static void writeBlock(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBlock(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1 << 30) {
            throw new IOException("bad block length " + n);
        }
        return in.readNBytes(n);
    }

    private static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        for (int i = 7; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    private static long bytesLong(byte[] b) {
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    /** Reads at most {@code limit} bytes and does not close the stream under it. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // the outer try closes the file
        }
    }
}
