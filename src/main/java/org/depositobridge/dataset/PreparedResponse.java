package org.depositobridge.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

/**
 * One dataset answer serialised once: the JSON bytes, their gzip form (for bodies worth compressing), and a
 * strong ETag per representation derived from the snapshot version and the content.
 */
record PreparedResponse(byte[] json, byte[] gzip, String etag, String gzipEtag) {

    private static final int GZIP_MIN_BYTES = 256;

    static PreparedResponse of(long version, byte[] json) {
        CRC32 crc = new CRC32();
        crc.update(json);
        String tag = version + "-" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(json.length);
        byte[] gz = json.length >= GZIP_MIN_BYTES ? gzip(json) : null;
        return new PreparedResponse(json, gz, "\"" + tag + "\"", "\"" + tag + "-gz\"");
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
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",", 32)) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag) || c.equals(gzipEtag)) {
                return true;
            }
        }
        return false;
    }
}
