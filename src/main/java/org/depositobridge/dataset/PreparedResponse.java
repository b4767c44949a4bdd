package org.depositobridge.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import org.depositobridge.security.ApiResponses;

/**
 * One dataset answer serialised once: the JSON bytes, their gzip form (for bodies worth compressing), and a
 * strong ETag per representation derived from the content alone: a dataset whose bytes a new snapshot leaves as they
 * were keeps its tag, so the dashboard page's conditional refresh gets a 304 instead of the same body again.
 */
record PreparedResponse(byte[] json, byte[] gzip, String etag, String gzipEtag) {

    private static final int GZIP_MIN_BYTES = 256;

    static PreparedResponse of(byte[] json) {
        // 64 bits of SHA-256 and the length: a tag that stands for the content across snapshots must not collide
        // the way a CRC could
        String tag = HexFormat.of().formatHex(sha256(json), 0, 8) + "-" + Integer.toHexString(json.length);
        byte[] gz = json.length >= GZIP_MIN_BYTES ? gzip(json) : null;
        return new PreparedResponse(json, gz, "\"" + tag + "\"", "\"" + tag + "-gz\"");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when an If-None-Match header names either representation's ETag (or is {@code *}). */
    boolean matches(String ifNoneMatch) {
        return ApiResponses.ifNoneMatch(ifNoneMatch, etag, gzipEtag);
    }
}
