package org.depositobridge.deposito;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * The size cap on every deposito answer (bean {@code depositoResponseCap}, set as the http component's
 * {@code httpClientConfigurer}). camel-http copies a whole body into memory before any route step sees it, so
 * the cap has to sit under it, in HttpClient: the body's stream counts bytes as camel-http reads them and, past
 * {@code deposito.max-response-bytes}, drops the connection and throws {@link DepositoResponseTooLargeException}
 * with the first bytes for the dead letter. An endless answer therefore costs at most the cap, never the heap.
 *
 * <p>The same stream enforces the sync cycle's deadline ({@link DepositoCalls#DEADLINE_HEADER}): an answer
 * still dribbling in when the cycle's time is up is cut and fails with {@link DepositoCycleTimeoutException}.
 *
 * <p>The interceptor is the outermost element of HttpClient's chain, so it counts the bytes Camel gets (after any
 * content decompression: a small gzip bomb is caught too). The connection is discarded rather than closed,
 * because closing a response stream reads the rest of the body to reuse the connection, which for an endless
 * answer never ends.
 */
public final class DepositoResponseCap implements HttpClientConfigurer {

    private final long maxBytes;
    private final int keepBytes;

    /**
     * @param maxBytes  the most bytes one answer may have
     * @param keepBytes how many of the first bytes to keep for the dead letter
     */
    public DepositoResponseCap(long maxBytes, int keepBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("deposito.max-response-bytes must be at least 1: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.keepBytes = (int) Math.max(0, Math.min(keepBytes, maxBytes));
    }

    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addExecInterceptorFirst("deposito-response-cap", this::execute);
    }

    private ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        long deadline = deadline(request);
        ClassicHttpResponse response = chain.proceed(request, scope);
        HttpEntity entity = response.getEntity();
        if (entity != null) {
            response.setEntity(new CappedEntity(entity, request.getMethod() + " " + request.getRequestUri(),
                    scope.execRuntime, deadline));
        }
        return response;
    }

    /** The cycle's deadline set by DepositoCalls (Long.MAX_VALUE without one); the header is internal and removed. */
    private static long deadline(ClassicHttpRequest request) {
        Header h = request.getFirstHeader(DepositoCalls.DEADLINE_HEADER);
        request.removeHeaders(DepositoCalls.DEADLINE_HEADER);
        if (h == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(h.getValue().trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private final class CappedEntity extends HttpEntityWrapper {

        private final String request;
        private final ExecRuntime runtime;
        private final long deadline;
        private volatile boolean cut;
        private volatile IOException cause;

        CappedEntity(HttpEntity wrapped, String request, ExecRuntime runtime, long deadline) {
            super(wrapped);
            this.request = request;
            this.runtime = runtime;
            this.deadline = deadline;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new CappedStream(super.getContent());
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            // through the counting stream: the wrapped entity's writeTo would bypass the cap
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }

        @Override
        public void close() throws IOException {
            if (!cut) {
                super.close();
            }
        }

        private final class CappedStream extends FilterInputStream {

            private final ByteArrayOutputStream head = new ByteArrayOutputStream(Math.min(keepBytes, 1 << 16));
            private long count;

            CappedStream(InputStream in) {
                super(in);
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (cut) {
                    throw cause;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw abort(new DepositoCycleTimeoutException("cycle deadline passed while reading " + request
                            + " (" + count + " bytes in)"));
                }
                // one byte past the cap is enough to know the answer is too large
                int n = in.read(b, off, (int) Math.min(len, maxBytes - count + 1));
                if (n > 0) {
                    int keep = (int) Math.min(n, keepBytes - Math.min(count, keepBytes));
                    if (keep > 0) {
                        head.write(b, off, keep);
                    }
                    count += n;
                    if (count > maxBytes) {
                        throw abort(new DepositoResponseTooLargeException(request, maxBytes, head.toByteArray()));
                    }
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // skipped bytes count too
                int r = read(new byte[(int) Math.min(Math.max(n, 0), 8192)]);
                return Math.max(r, 0);
            }

            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public void close() throws IOException {
                if (!cut) {
                    super.close();
                }
            }

            /** Drops the connection now (draining it for reuse would read the endless rest) and fails the read. */
            private IOException abort(IOException e) {
                cause = e;
                cut = true;
                runtime.discardEndpoint();
                return e;
            }
        }
    }
}
