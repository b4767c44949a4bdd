package org.depositobridge.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The API key the bridge generates when none is configured, kept in one file of the data folder (mode 600) so it
 * stays the same across restarts: operators copy it once, from the log of the first start.
 */
final class ApiKeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The key and whether this call created it (only then may it be logged). */
    record Key(String value, boolean created) {
        @Override
        public String toString() {
            // never print the key by accident
            return "Key[created=" + created + "]";
        }
    }

    private ApiKeyFile() {
    }

    /** Reads the key from {@code file}, or creates the file with a new random key when it is absent or empty. */
    static Key loadOrCreate(Path file) throws IOException {
        String existing = read(file);
        if (existing != null) {
            return new Key(existing, false);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String key = newKey();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        // 600 from the start, so the key is never readable by others, not even for a moment
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, key + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
            return new Key(read(file), false);
        }
        return new Key(key, true);
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
                && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            // a copied or restored file may have come back readable by others: the key is a secret
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        String key = Files.readString(file, StandardCharsets.UTF_8).strip();
        return key.isEmpty() ? null : key;
    }

    private static String newKey() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
