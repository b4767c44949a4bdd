package org.depositobridge.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a secret from a file kept outside the repository (first line, trimmed). */
final class SecretFiles {

    private SecretFiles() {
    }

    /** The secret in {@code file}, or null when {@code file} is null or blank; fails loudly on an unreadable file. */
    static String read(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            String s = Files.readString(Path.of(file.trim()), StandardCharsets.UTF_8).trim();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("secret file is empty: " + file);
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }
}
