package org.depositobridge.report;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/** Bean {@code reportChecksum}: the SHA-256 (lower-case hex) and size of a file's bytes, for the manifest. */
public class Sha256 {

    /** Records the size and SHA-256 of {@code content} on the file it will be written to. */
    public void checksum(@ExchangeProperty("reportFile") SetFile file, @Body byte[] content) {
        file.checksummed(content.length, hex(content));
    }

    static String hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
