package org.depositobridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured API keys, kept only as SHA-256 hashes. A presented key is hashed and compared with every
 * configured hash by {@link MessageDigest#isEqual} (constant time), without stopping at the first match, so
 * the time taken says nothing about which key or how much of it matched.
 */
public final class ApiKeys {

    private final List<byte[]> hashes = new ArrayList<>();

    public ApiKeys(List<String> keys) {
        for (String k : keys) {
            hashes.add(sha256(k));
        }
    }

    public boolean isEmpty() {
        return hashes.isEmpty();
    }

    /** Index of the matching key (a client id that reveals nothing), or -1. */
    public int match(String presented) {
        byte[] h = sha256(presented);
        int found = -1;
        for (int i = 0; i < hashes.size(); i++) {
            if (MessageDigest.isEqual(hashes.get(i), h)) {
                found = i;
            }
        }
        return found;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
