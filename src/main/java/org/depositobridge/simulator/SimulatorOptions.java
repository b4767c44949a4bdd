package org.depositobridge.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Immutable start-up options of a {@link DepositoSimulator}; every {@code with...} returns a copy.
 *
 * <p>Defaults: 2,000 products, 400 days of history, 500 movements per day (200,000 movements: a busy
 * minimarket's line items, generated in well under a second), seed 1, loopback on a free port, no prefix,
 * a random JWT secret and admin token per start, no live activity, no faults, history ending at the start of
 * the current hour (so the same seed gives the same data within the hour; tests pin {@link #withHistoryEnd}).
 */
public final class SimulatorOptions {

    /** Ceiling of rows the movement store accepts (generated + live + API; ~50 bytes each), so memory stays bounded. */
    public static final int DEFAULT_MAX_MOVEMENTS = 5_000_000;

    private final String host;
    private final int port;
    private final int products;
    private final int days;
    private final int movementsPerDay;
    private final long seed;
    private final String pathPrefix;
    private final String jwtSecret;
    private final String adminToken;
    private final double liveMovementsPerMinute;
    private final String faults;
    private final Instant historyEnd;
    private final Clock clock;
    private final int maxMovements;
    private final Duration silenceLimit;

    private SimulatorOptions(String host, int port, int products, int days, int movementsPerDay, long seed,
            String pathPrefix, String jwtSecret, String adminToken, double liveMovementsPerMinute, String faults,
            Instant historyEnd, Clock clock, int maxMovements, Duration silenceLimit) {
        this.host = host;
        this.port = port;
        this.products = products;
        this.days = days;
        this.movementsPerDay = movementsPerDay;
        this.seed = seed;
        this.pathPrefix = pathPrefix;
        this.jwtSecret = jwtSecret;
        this.adminToken = adminToken;
        this.liveMovementsPerMinute = liveMovementsPerMinute;
        this.faults = faults;
        this.historyEnd = historyEnd;
        this.clock = clock;
        this.maxMovements = maxMovements;
        this.silenceLimit = silenceLimit;
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions("127.0.0.1", 0, 2000, 400, 500, 1L, "", null, null, 0, "", null,
                Clock.systemUTC(), DEFAULT_MAX_MOVEMENTS, Duration.ofMinutes(5));
    }

    private SimulatorOptions copy(String host, int port, int products, int days, int movementsPerDay, long seed,
            String pathPrefix, String jwtSecret, String adminToken, double live, String faults, Instant historyEnd,
            Clock clock, int maxMovements, Duration silenceLimit) {
        return new SimulatorOptions(host, port, products, days, movementsPerDay, seed, pathPrefix, jwtSecret,
                adminToken, live, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** Address to bind; 127.0.0.1 unless an operator opens it on purpose. */
    public SimulatorOptions withHost(String value) {
        return copy(Objects.requireNonNull(value), port, products, days, movementsPerDay, seed, pathPrefix, jwtSecret,
                adminToken, liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** TCP port; 0 picks a free one ({@link DepositoSimulator#port()} tells which). */
    public SimulatorOptions withPort(int value) {
        requireRange("port", value, 0, 65535);
        return copy(host, value, products, days, movementsPerDay, seed, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    public SimulatorOptions withProducts(int value) {
        requireRange("products", value, 1, 5_000_000);
        return copy(host, port, value, days, movementsPerDay, seed, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** Days of movement history before {@link #historyEnd()}. */
    public SimulatorOptions withDays(int value) {
        requireRange("days", value, 0, 20_000);
        return copy(host, port, products, value, movementsPerDay, seed, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** Average generated movements per day; the total is exactly {@code days * movementsPerDay}. */
    public SimulatorOptions withMovementsPerDay(int value) {
        requireRange("movementsPerDay", value, 0, 1_000_000);
        return copy(host, port, products, days, value, seed, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    public SimulatorOptions withSeed(long value) {
        return copy(host, port, products, days, movementsPerDay, value, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** Path prefix such as {@code /api/v1}; "" for none. Trailing slashes are dropped. */
    public SimulatorOptions withPathPrefix(String value) {
        return copy(host, port, products, days, movementsPerDay, seed, normalisePrefix(value), jwtSecret, adminToken,
                liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** HS256 secret shared with the bridge; null picks a random one per start. */
    public SimulatorOptions withJwtSecret(String value) {
        return copy(host, port, products, days, movementsPerDay, seed, pathPrefix, blankToNull(value), adminToken,
                liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** Token for the {@code /__sim/*} admin endpoints (header {@code X-Sim-Admin-Token}); null picks a random one. */
    public SimulatorOptions withAdminToken(String value) {
        return copy(host, port, products, days, movementsPerDay, seed, pathPrefix, jwtSecret, blankToNull(value),
                liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** Rate of live movements (sales and deliveries) appended while running; 0 turns live activity off. */
    public SimulatorOptions withLiveMovementsPerMinute(double value) {
        if (value < 0 || value > 600_000) {
            throw new IllegalArgumentException("liveMovementsPerMinute must be within 0..600000: " + value);
        }
        return copy(host, port, products, days, movementsPerDay, seed, pathPrefix, jwtSecret, adminToken, value,
                faults, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** Faults active from the start, in the string form of {@link Fault#parseAll(String)}. */
    public SimulatorOptions withFaults(String value) {
        Fault.parseAll(value == null ? "" : value);
        return copy(host, port, products, days, movementsPerDay, seed, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, value == null ? "" : value, historyEnd, clock, maxMovements, silenceLimit);
    }

    /** Instant the generated history ends at (last generated movement is before it). */
    public SimulatorOptions withHistoryEnd(Instant value) {
        return copy(host, port, products, days, movementsPerDay, seed, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, faults, value, clock, maxMovements, silenceLimit);
    }

    /** Clock for live timestamps, token checks and the season of {@code /stock/critical}. */
    public SimulatorOptions withClock(Clock value) {
        return copy(host, port, products, days, movementsPerDay, seed, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, faults, historyEnd, Objects.requireNonNull(value), maxMovements, silenceLimit);
    }

    /** Most movement rows the store will hold; beyond it live activity stops and updates answer 503. */
    public SimulatorOptions withMaxMovements(int value) {
        requireRange("maxMovements", value, 1, Integer.MAX_VALUE - 1);
        return copy(host, port, products, days, movementsPerDay, seed, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, faults, historyEnd, clock, value, silenceLimit);
    }

    /** How long a "silence" fault holds a connection before closing it (bounds held sockets). */
    public SimulatorOptions withSilenceLimit(Duration value) {
        return copy(host, port, products, days, movementsPerDay, seed, pathPrefix, jwtSecret, adminToken,
                liveMovementsPerMinute, faults, historyEnd, clock, maxMovements, Objects.requireNonNull(value));
    }

    public String host() { return host; }
    public int port() { return port; }
    public int products() { return products; }
    public int days() { return days; }
    public int movementsPerDay() { return movementsPerDay; }
    public long seed() { return seed; }
    public String pathPrefix() { return pathPrefix; }
    public String jwtSecret() { return jwtSecret; }
    public String adminToken() { return adminToken; }
    public double liveMovementsPerMinute() { return liveMovementsPerMinute; }
    public String faults() { return faults; }
    public Clock clock() { return clock; }
    public int maxMovements() { return maxMovements; }
    public Duration silenceLimit() { return silenceLimit; }

    /** The configured end of history, or the start of the current hour by the clock. */
    public Instant historyEnd() {
        return historyEnd != null ? historyEnd : clock.instant().truncatedTo(ChronoUnit.HOURS);
    }

    static String normalisePrefix(String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String p = value.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "";
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ": " + value);
        }
    }
}
