package org.depositobridge.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One fault to inject: an immutable description; {@link Faults#inject} makes it active.
 *
 * <pre>
 * Fault.status(503).on(Endpoint.PRODUCTOS).ratio(0.5).retryAfterSeconds(2).times(3)
 * Fault.latency(Duration.ofMillis(200), Duration.ofMillis(50))
 * Fault.reset().on(Endpoint.MOVEMENTS)
 * </pre>
 *
 * <p>String form (config {@code simulator.faults}, admin endpoint): rules separated by {@code ;}, each
 * {@code kind[:arg][@endpoint][,key=value]...}, e.g.
 * {@code status:503@productos,ratio=0.5,retry-after=2,times=3;latency:200+50@all;dribble:64@movements}.
 * Arguments: {@code latency:FIXED_MS[+JITTER_MS]}, {@code status:CODE}, {@code dribble:BYTES_PER_SECOND},
 * {@code total-drift:DELTA}; keys: {@code ratio} (0..1, default 1), {@code times} (default unlimited),
 * {@code retry-after} (seconds).
 */
public final class Fault {

    private final FaultKind kind;
    private final Endpoint endpoint;
    private final double ratio;
    private final int times;
    private final int status;
    private final int retryAfterSeconds;
    private final long latencyMs;
    private final long jitterMs;
    private final int bytesPerSecond;
    private final int totalDelta;

    private Fault(FaultKind kind, Endpoint endpoint, double ratio, int times, int status, int retryAfterSeconds,
            long latencyMs, long jitterMs, int bytesPerSecond, int totalDelta) {
        if (ratio < 0 || ratio > 1 || Double.isNaN(ratio)) {
            throw new IllegalArgumentException("ratio must be within 0..1: " + ratio);
        }
        if (times == 0 || times < -1) {
            throw new IllegalArgumentException("times must be positive: " + times);
        }
        if (kind == FaultKind.STATUS && (status < 400 || status > 599)) {
            throw new IllegalArgumentException("status must be within 400..599: " + status);
        }
        if (latencyMs < 0 || jitterMs < 0 || latencyMs > 600_000 || jitterMs > 600_000) {
            throw new IllegalArgumentException("latency and jitter must be within 0..600000 ms");
        }
        if (kind == FaultKind.DRIBBLE && bytesPerSecond < 1) {
            throw new IllegalArgumentException("dribble needs bytes per second >= 1: " + bytesPerSecond);
        }
        this.kind = kind;
        this.endpoint = endpoint;
        this.ratio = ratio;
        this.times = times;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.latencyMs = latencyMs;
        this.jitterMs = jitterMs;
        this.bytesPerSecond = bytesPerSecond;
        this.totalDelta = totalDelta;
    }

    private static Fault of(FaultKind kind) {
        return new Fault(kind, Endpoint.ALL, 1.0, -1, 0, -1, 0, 0, 0, 0);
    }

    public static Fault latency(Duration fixed, Duration jitter) {
        return new Fault(FaultKind.LATENCY, Endpoint.ALL, 1.0, -1, 0, -1, fixed.toMillis(), jitter.toMillis(), 0, 0);
    }

    public static Fault latency(Duration fixed) {
        return latency(fixed, Duration.ZERO);
    }

    /** Answer with this status (400..599): 429/503 JSON {"detail"}, 500 text/plain, 502 an HTML proxy page. */
    public static Fault status(int status) {
        return new Fault(FaultKind.STATUS, Endpoint.ALL, 1.0, -1, status, -1, 0, 0, 0, 0);
    }

    public static Fault reset() { return of(FaultKind.RESET); }
    public static Fault silence() { return of(FaultKind.SILENCE); }
    public static Fault expiredToken() { return of(FaultKind.EXPIRED_TOKEN); }
    public static Fault rejectedToken() { return of(FaultKind.REJECTED_TOKEN); }
    public static Fault wrongSchema() { return of(FaultKind.WRONG_SCHEMA); }
    public static Fault brokenInvariant() { return of(FaultKind.BROKEN_INVARIANT); }
    public static Fault malformedJson() { return of(FaultKind.MALFORMED_JSON); }
    public static Fault truncatedBody() { return of(FaultKind.TRUNCATED_BODY); }

    public static Fault dribble(int bytesPerSecond) {
        return new Fault(FaultKind.DRIBBLE, Endpoint.ALL, 1.0, -1, 0, -1, 0, 0, bytesPerSecond, 0);
    }

    /** Page {@code p} reports {@code total + (p - 1) * delta} (and {@code pages} to match). */
    public static Fault totalDrift(int delta) {
        return new Fault(FaultKind.TOTAL_DRIFT, Endpoint.ALL, 1.0, -1, 0, -1, 0, 0, 0, delta);
    }

    public Fault on(Endpoint value) {
        return new Fault(kind, value, ratio, times, status, retryAfterSeconds, latencyMs, jitterMs, bytesPerSecond,
                totalDelta);
    }

    /** Share of matching requests that get the fault (a uniform draw per request). */
    public Fault ratio(double value) {
        return new Fault(kind, endpoint, value, times, status, retryAfterSeconds, latencyMs, jitterMs, bytesPerSecond,
                totalDelta);
    }

    /** Only the next {@code n} requests the fault actually hits; then it retires itself. */
    public Fault times(int n) {
        return new Fault(kind, endpoint, ratio, n, status, retryAfterSeconds, latencyMs, jitterMs, bytesPerSecond,
                totalDelta);
    }

    /** Adds {@code Retry-After: seconds} to the fault's answer. */
    public Fault retryAfterSeconds(int seconds) {
        return new Fault(kind, endpoint, ratio, times, status, seconds, latencyMs, jitterMs, bytesPerSecond,
                totalDelta);
    }

    public FaultKind kind() { return kind; }
    public Endpoint endpoint() { return endpoint; }
    public double ratio() { return ratio; }
    /** -1 when unlimited. */
    public int times() { return times; }
    public int status() { return status; }
    /** -1 when absent. */
    public int retryAfterSeconds() { return retryAfterSeconds; }
    public long latencyMs() { return latencyMs; }
    public long jitterMs() { return jitterMs; }
    public int bytesPerSecond() { return bytesPerSecond; }
    public int totalDelta() { return totalDelta; }

    /** The string form, parseable by {@link #parse(String)}. */
    public String spec() {
        StringBuilder b = new StringBuilder(kind.wire());
        switch (kind) {
            case LATENCY -> b.append(':').append(latencyMs).append(jitterMs > 0 ? "+" + jitterMs : "");
            case STATUS -> b.append(':').append(status);
            case DRIBBLE -> b.append(':').append(bytesPerSecond);
            case TOTAL_DRIFT -> b.append(':').append(totalDelta);
            default -> { }
        }
        b.append('@').append(endpoint.wire());
        if (ratio < 1.0) {
            b.append(",ratio=").append(ratio);
        }
        if (times > 0) {
            b.append(",times=").append(times);
        }
        if (retryAfterSeconds >= 0) {
            b.append(",retry-after=").append(retryAfterSeconds);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return spec();
    }

    /** Parses a list of rules separated by {@code ;} (blank -> none). */
    public static List<Fault> parseAll(String specs) {
        List<Fault> out = new ArrayList<>();
        if (specs == null) {
            return out;
        }
        for (String rule : specs.split(";")) {
            if (!rule.isBlank()) {
                out.add(parse(rule));
            }
        }
        return out;
    }

    /** Parses one rule: {@code kind[:arg][@endpoint][,key=value]...}. */
    public static Fault parse(String rule) {
        String[] parts = rule.trim().split(",");
        String head = parts[0].trim();
        Endpoint endpoint = Endpoint.ALL;
        int at = head.indexOf('@');
        if (at >= 0) {
            endpoint = Endpoint.fromWire(head.substring(at + 1));
            head = head.substring(0, at);
        }
        String arg = null;
        int colon = head.indexOf(':');
        if (colon >= 0) {
            arg = head.substring(colon + 1).trim();
            head = head.substring(0, colon);
        }
        FaultKind kind = FaultKind.fromWire(head);
        Fault f = switch (kind) {
            case LATENCY -> {
                String[] lj = require(arg, rule).split("\\+");
                yield latency(Duration.ofMillis(parseLong(lj[0], rule)),
                        Duration.ofMillis(lj.length > 1 ? parseLong(lj[1], rule) : 0));
            }
            case STATUS -> status((int) parseLong(require(arg, rule), rule));
            case DRIBBLE -> dribble((int) parseLong(require(arg, rule), rule));
            case TOTAL_DRIFT -> totalDrift(arg == null ? 7 : (int) parseLong(arg, rule));
            default -> of(kind);
        };
        f = f.on(endpoint);
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected key=value in fault '" + rule + "': " + parts[i]);
            }
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            String v = kv[1].trim();
            f = switch (key) {
                case "ratio" -> f.ratio(parseDouble(v, rule));
                case "times" -> f.times((int) parseLong(v, rule));
                case "retry-after", "retry_after", "retry-after-seconds" -> f.retryAfterSeconds((int) parseLong(v, rule));
                default -> throw new IllegalArgumentException("unknown key '" + key + "' in fault '" + rule + "'");
            };
        }
        return f;
    }

    /** The JSON form used by the admin endpoint. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("kind", kind.wire());
        o.put("endpoint", endpoint.wire());
        o.put("ratio", ratio);
        if (times > 0) {
            o.put("times", times);
        } else {
            o.putNull("times");
        }
        switch (kind) {
            case LATENCY -> o.put("latency_ms", latencyMs).put("jitter_ms", jitterMs);
            case STATUS -> o.put("status", status);
            case DRIBBLE -> o.put("bytes_per_second", bytesPerSecond);
            case TOTAL_DRIFT -> o.put("total_delta", totalDelta);
            default -> { }
        }
        if (retryAfterSeconds >= 0) {
            o.put("retry_after_seconds", retryAfterSeconds);
        }
        o.put("spec", spec());
        return o;
    }

    /** Reads the JSON form: either {@code {"spec":"..."}} or {@code {"kind":..., "endpoint":..., ...}}. */
    public static Fault fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a fault is a JSON object");
        }
        if (n.hasNonNull("spec")) {
            return parse(n.get("spec").asText());
        }
        if (!n.hasNonNull("kind")) {
            throw new IllegalArgumentException("fault needs 'kind' or 'spec'");
        }
        FaultKind kind = FaultKind.fromWire(n.get("kind").asText());
        Fault f = switch (kind) {
            case LATENCY -> latency(Duration.ofMillis(n.path("latency_ms").asLong(0)),
                    Duration.ofMillis(n.path("jitter_ms").asLong(0)));
            case STATUS -> status(requireInt(n, "status"));
            case DRIBBLE -> dribble(requireInt(n, "bytes_per_second"));
            case TOTAL_DRIFT -> totalDrift(n.path("total_delta").asInt(7));
            default -> of(kind);
        };
        if (n.hasNonNull("endpoint")) {
            f = f.on(Endpoint.fromWire(n.get("endpoint").asText()));
        }
        if (n.hasNonNull("ratio")) {
            f = f.ratio(n.get("ratio").asDouble());
        }
        if (n.hasNonNull("times")) {
            f = f.times(n.get("times").asInt());
        }
        if (n.hasNonNull("retry_after_seconds")) {
            f = f.retryAfterSeconds(n.get("retry_after_seconds").asInt());
        }
        return f;
    }

    private static int requireInt(JsonNode n, String field) {
        if (!n.hasNonNull(field) || !n.get(field).canConvertToInt()) {
            throw new IllegalArgumentException("fault needs integer '" + field + "'");
        }
        return n.get(field).asInt();
    }

    private static String require(String arg, String rule) {
        if (arg == null || arg.isEmpty()) {
            throw new IllegalArgumentException("fault '" + rule + "' needs an argument after ':'");
        }
        return arg;
    }

    private static long parseLong(String s, String rule) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in fault '" + rule + "': " + s);
        }
    }

    private static double parseDouble(String s, String rule) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in fault '" + rule + "': " + s);
        }
    }
}
