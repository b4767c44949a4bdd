package org.depositobridge.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files that appear under their final name only complete: written to a temporary name in the same directory,
 * forced to disk, then renamed atomically (a rename within one directory is atomic on POSIX file systems; a
 * cross-directory move could silently become copy + delete, which is why the temporary file never lives
 * elsewhere).
 */
final class AtomicFiles {

    private static final int BUFFER = 64 * 1024;

    private AtomicFiles() {
    }

    /** What went to disk: bytes and their SHA-256 (lower-case hex). */
    record Written(long bytes, String sha256) {
    }

    /** Receives the stream to write into; the stream is buffered, hashed and counted. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code temp} (replacing a leftover of the same name) and forces its content to disk. On failure the
     * temporary file is deleted and the exception propagates.
     *
     * <p>A leftover is deleted and the file created new (O_EXCL): whatever sits at the temporary name, a symbolic
     * link planted by someone who can write the folder included, is never followed, so the bridge cannot be made to
     * overwrite a file elsewhere.
     */
    static Written writeTemp(Path temp, Body body) throws IOException {
        MessageDigest sha = sha256();
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            CountingOutputStream counting = new CountingOutputStream(Channels.newOutputStream(ch));
            OutputStream out = new BufferedOutputStream(new DigestOutputStream(counting, sha), BUFFER);
            body.writeTo(out);
            out.flush();
            // the data must be on disk before the rename makes it visible under its final name
            ch.force(true);
            return new Written(counting.count, HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Renames within the directory, atomically, replacing a file of the same name. */
    static void publish(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forces the directory entry changes (renames, deletions) to disk; a no-op where directories cannot be opened. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot open a directory; the renames themselves are still atomic
        }
    }

    static boolean deleteQuietly(Path p) {
        try {
            return Files.deleteIfExists(p);
        } catch (IOException e) {
            return false;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream out;
        private long count;

        CountingOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
