package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.junit.jupiter.api.Test;

/** Classification of an attempt from its exception or status, and the fixed label sets. */
class OutcomeTest {

    private static HttpOperationFailedException http(int status) {
        return new HttpOperationFailedException("http://x", status, "s", null, null, null);
    }

    /** HTTP failures by hundreds; timeouts of every kind; other I/O; wrapped causes are unwrapped. */
    @Test
    void should_classify_exceptions() {
        assertThat(Outcome.classify(http(404), 404)).isEqualTo(Outcome.HTTP_4XX);
        assertThat(Outcome.classify(http(503), 503)).isEqualTo(Outcome.HTTP_5XX);
        assertThat(Outcome.classify(new SocketTimeoutException("Read timed out"), null)).isEqualTo(Outcome.TIMEOUT);
        assertThat(Outcome.classify(new ConnectTimeoutException("connect"), null)).isEqualTo(Outcome.TIMEOUT);
        assertThat(Outcome.classify(new ConnectionRequestTimeoutException("lease"), null)).isEqualTo(Outcome.TIMEOUT);
        assertThat(Outcome.classify(new ConnectException("refused"), null)).isEqualTo(Outcome.IO_ERROR);
        assertThat(Outcome.classify(new IOException("reset"), null)).isEqualTo(Outcome.IO_ERROR);
        assertThat(Outcome.classify(new RuntimeCamelException(http(500)), null)).isEqualTo(Outcome.HTTP_5XX);
        assertThat(Outcome.classify(new IllegalStateException("other"), null)).isEqualTo(Outcome.IO_ERROR);
    }

    /** Without an exception the response code decides; no code is a success. */
    @Test
    void should_classify_status_codes_without_exception() {
        assertThat(Outcome.classify(null, null)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.classify(null, 204)).isEqualTo(Outcome.SUCCESS);
        assertThat(Outcome.classify(null, 429)).isEqualTo(Outcome.HTTP_4XX);
        assertThat(Outcome.classify(null, 502)).isEqualTo(Outcome.HTTP_5XX);
    }

    /** Labels are the fixed lower-snake sets of the issue; unknown endpoint values map to nothing. */
    @Test
    void should_use_the_fixed_label_sets() {
        assertThat(java.util.Arrays.stream(Outcome.values()).map(Outcome::label))
                .containsExactly("success", "http_4xx", "http_5xx", "timeout", "io_error", "circuit_open", "rejected");
        assertThat(java.util.Arrays.stream(DepositoEndpoint.values()).map(DepositoEndpoint::label))
                .containsExactly("productos", "critical", "movements", "stock_update");
        assertThat(DepositoEndpoint.of("STOCK_UPDATE")).isEqualTo(DepositoEndpoint.STOCK_UPDATE);
        assertThat(DepositoEndpoint.of(" critical ")).isEqualTo(DepositoEndpoint.CRITICAL);
        assertThat(DepositoEndpoint.of("/productos/42")).isNull();
        assertThat(DepositoEndpoint.of(null)).isNull();
    }
}
