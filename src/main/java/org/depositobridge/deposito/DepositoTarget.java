package org.depositobridge.deposito;

import java.util.Objects;

/**
 * The deposito the bridge talks to, resolved once at start-up and bound in the registry as
 * {@code depositoTarget}: either the real service ({@code deposito.url}) or the embedded simulator.
 *
 * @param baseUrl   base URL including any path prefix, without a trailing slash (e.g. {@code http://host:8002/api/v1})
 * @param source    {@code "deposito"} or {@code "simulator"}; shown in logs, health and the {@code X-Data-Source} header
 * @param jwtSecret HS256 secret shared with the deposito, or null when a static token is configured
 */
public record DepositoTarget(String baseUrl, String source, String jwtSecret) {

    public static final String SOURCE_DEPOSITO = "deposito";
    public static final String SOURCE_SIMULATOR = "simulator";

    public DepositoTarget {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(source, "source");
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public boolean simulated() {
        return SOURCE_SIMULATOR.equals(source);
    }

    @Override
    public String toString() {
        // never print the secret
        return "DepositoTarget[baseUrl=" + baseUrl + ", source=" + source + "]";
    }
}
