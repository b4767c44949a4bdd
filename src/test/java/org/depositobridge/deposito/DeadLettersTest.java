package org.depositobridge.deposito;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters keep the raw payload and the error, and the folder stays within its bounds. */
class DeadLettersTest {

    @TempDir
    Path dir;

    private static Exchange breach(DefaultCamelContext ctx, String body) {
        Exchange e = new DefaultExchange(ctx);
        e.setProperty(Exchange.EXCEPTION_CAUGHT, new DepositoContractException("movements", "GET /stock/movements?page=1",
                body.getBytes(StandardCharsets.UTF_8), "stock_posterior 5 != stock_anterior 1 + cantidad 1"));
        return e;
    }

    /** Issue 16, item 14: both files of a letter are mode 600 (owner read/write only), even with a loose umask. */
    @Test
    void should_write_letters_readable_by_the_owner_only() throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            DeadLetters dl = new DeadLetters(dir, 10, 1_000_000, 1_000, new ObjectMapper(), Clock.systemUTC());
            dl.write(breach(ctx, "{\"items\":[broken"));
            String meta = dl.list().get(0);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(meta))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dir.resolve(meta.replace(".json", ".body"))))).isEqualTo("rw-------");
        }
    }

    /** A letter holds the request, the error and the exact payload. */
    @Test
    void should_write_payload_and_error() throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            DeadLetters dl = new DeadLetters(dir, 10, 1_000_000, 1_000, new ObjectMapper(), Clock.systemUTC());
            dl.write(breach(ctx, "{\"items\":[broken"));
            assertThat(dl.list()).hasSize(1);
            String meta = Files.readString(dir.resolve(dl.list().get(0)));
            assertThat(meta).contains("GET /stock/movements?page=1").contains("stock_posterior 5");
            String body = Files.readString(dir.resolve(dl.list().get(0).replace(".json", ".body")));
            assertThat(body).isEqualTo("{\"items\":[broken");
        }
    }

    /** More letters than allowed: the oldest go, the count and byte bounds hold. */
    @Test
    void should_stay_within_count_and_byte_bounds() throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            DeadLetters dl = new DeadLetters(dir, 5, 4_000, 500, new ObjectMapper(), Clock.systemUTC());
            for (int i = 0; i < 50; i++) {
                dl.write(breach(ctx, ("payload-" + i + "-").repeat(100)));
            }
            assertThat(dl.list().size()).isLessThanOrEqualTo(5);
            long bytes;
            try (var files = Files.list(dir)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            assertThat(bytes).isLessThanOrEqualTo(4_000);
            assertThat(Files.readString(dir.resolve(dl.list().get(dl.list().size() - 1).replace(".json", ".body"))))
                    .startsWith("payload-49-").hasSize(500);
        }
    }
}
