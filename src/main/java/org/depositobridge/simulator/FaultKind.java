package org.depositobridge.simulator;

import java.util.Locale;

/** What a {@link Fault} does, and at which stage of answering a request it acts. */
public enum FaultKind {
    /** Wait fixed + random jitter milliseconds before answering (adds up with other latency faults). */
    LATENCY(Stage.DELAY),
    /** Answer with a status (e.g. 500, 502, 503, 429), optionally with Retry-After, instead of the real answer. */
    STATUS(Stage.ANSWER),
    /** Reset the TCP connection (RST) without answering. */
    RESET(Stage.ANSWER),
    /** Accept the request and never answer (the connection is closed after the silence limit). */
    SILENCE(Stage.ANSWER),
    /** 401 {"detail":"Token expirado"} whatever the token. */
    EXPIRED_TOKEN(Stage.ANSWER),
    /** 403 {"detail":"Se requiere rol: deposito"} whatever the token. */
    REJECTED_TOKEN(Stage.ANSWER),
    /** Real answer with fields missing and mistyped. */
    WRONG_SCHEMA(Stage.DATA),
    /** Real answer where stock_posterior != stock_anterior + cantidad (and stock_nuevo off by the same). */
    BROKEN_INVARIANT(Stage.DATA),
    /** Real answer whose total grows by delta per page after the first. */
    TOTAL_DRIFT(Stage.DATA),
    /** Real answer sent at a given number of bytes per second. */
    DRIBBLE(Stage.WIRE),
    /** A body that is not parseable JSON (with a correct Content-Length). */
    MALFORMED_JSON(Stage.WIRE),
    /** Content-Length of the full body, half the body sent, then the connection closed. */
    TRUNCATED_BODY(Stage.WIRE);

    /** Stages in the order a request goes through them. */
    enum Stage { DELAY, ANSWER, DATA, WIRE }

    final Stage stage;

    FaultKind(Stage stage) {
        this.stage = stage;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static FaultKind fromWire(String s) {
        String n = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (n.equals("MALFORMED")) {
            return MALFORMED_JSON;
        }
        if (n.equals("TRUNCATED")) {
            return TRUNCATED_BODY;
        }
        try {
            return valueOf(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown fault kind '" + s + "'");
        }
    }
}
