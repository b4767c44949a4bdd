package org.depositobridge.deposito;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one page of 1,000 movements ({@link MovementPage#read}), the full sync's per-page work in the bridge: a full
 * sync of 2,000,000 movements reads 2,000 of these. The page has the deposito's 16 fields per movement in the
 * contract's order (docs: ../shared/notes/deposito-api.md), ~400 bytes each, as the simulator writes them.
 *
 * <pre>mvn -B -Pbench test-compile exec:exec@movements-jmh</pre>
 * (results in target/movements-jmh.txt).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-XX:+UseSerialGC"})
@State(Scope.Benchmark)
public class MovementPageBenchmark {

    private static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.ofHours(-3));

    private JsonFactory json;
    private byte[] page;

    @Setup
    public void setUp() {
        json = new ObjectMapper().getFactory();
        page = page(1000, new Random(1));
    }

    @Benchmark
    public int read() throws IOException {
        return MovementPage.read(json, page, 1000, ZONE).n;
    }

    /** A page as the deposito writes it (ids ascending, prices in half the rows, nulls where the contract has them). */
    static byte[] page(int size, Random r) {
        StringBuilder b = new StringBuilder(size * 420).append("{\"items\":[");
        long t = Instant.parse("2026-06-01T10:00:00Z").toEpochMilli();
        for (int i = 0; i < size; i++) {
            int before = 50 + r.nextInt(500);
            boolean sale = r.nextInt(4) > 0;
            int q = sale ? -(1 + r.nextInt(5)) : 1 + r.nextInt(40);
            t += r.nextInt(60_000);
            String price = r.nextBoolean() ? String.format("%d.%02d", 100 + r.nextInt(5000), r.nextInt(100)) : "null";
            b.append(i == 0 ? "" : ",").append("{\"id\":").append(1_000_000 + i)
                    .append(",\"producto_id\":").append(1 + r.nextInt(100_000))
                    .append(",\"tipo_movimiento\":\"").append(sale ? "salida" : "entrada")
                    .append("\",\"cantidad\":").append(q)
                    .append(",\"stock_anterior\":").append(before)
                    .append(",\"stock_posterior\":").append(before + q)
                    .append(",\"motivo\":\"").append(sale ? "Venta mostrador" : "Compra a proveedor")
                    .append("\",\"referencia\":\"").append(sale ? "TCK-" : "OC-").append(100_000 + r.nextInt(900_000))
                    .append("\",\"precio_unitario\":").append(price)
                    .append(",\"origen\":null,\"destino\":null,\"usuario\":\"caja").append(1 + r.nextInt(6))
                    .append("\",\"agente_origen\":\"pos\",\"idempotency_key\":\"").append(Long.toHexString(r.nextLong()))
                    .append("\",\"timestamp\":\"").append(ISO.format(Instant.ofEpochMilli(t)))
                    .append("\",\"valor_total\":").append(price.equals("null") ? "null" : price).append('}');
        }
        return b.append("],\"total\":2000000,\"page\":1,\"size\":").append(size).append(",\"pages\":2000}")
                .toString().getBytes(StandardCharsets.UTF_8);
    }
}
