package org.depositobridge.deposito;

import java.util.Locale;

import org.depositobridge.StartupRefused;
import org.depositobridge.config.ConfigValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the bridge talks to, decided once at start-up from {@code deposito.target}, {@code deposito.url} and
 * {@code simulator.enabled}, before anything is created:
 *
 * <ul>
 * <li>{@code auto}: the real deposito when {@code deposito.url} is set, else the embedded simulator;</li>
 * <li>{@code deposito} (the prod profile): the real deposito, and a refusal to start without {@code deposito.url}
 * (a production bridge must never serve simulated numbers because one variable was forgotten);</li>
 * <li>{@code simulator}: the simulator even with a URL set.</li>
 * </ul>
 * {@code simulator.enabled=false} with no URL chooses nothing at all (tests that must see no deposito traffic).
 * Starting the simulator is the simulator package's job; the composition root connects the two.
 *
 * @param kind    what was chosen
 * @param baseUrl the real deposito's URL with {@code deposito.path-prefix} (kind DEPOSITO), else null
 * @param prefix  the normalised path prefix ("" or "/api/v1"), which the simulator serves under too
 * @param secret  the configured HS256 secret (DEPOSITO_JWT_SECRET or deposito.jwt-secret-file), or null
 */
public record DepositoTargetChoice(Kind kind, String baseUrl, String prefix, String secret) {

    private static final Logger LOG = LoggerFactory.getLogger(DepositoTargetChoice.class);

    public enum Kind { DEPOSITO, SIMULATOR, NONE }

    public static DepositoTargetChoice decide(ConfigValues cfg) {
        String url = cfg.optional("deposito.url").orElse("");
        String prefix = normalisePrefix(cfg.optional("deposito.path-prefix").orElse(""));
        String secret = configuredSecret(cfg);
        String target = cfg.string("deposito.target").toLowerCase(Locale.ROOT);
        switch (target) {
            case "auto" -> { }
            case "deposito" -> {
                if (url.isBlank()) {
                    throw new StartupRefused("event=deposito_url_missing key=deposito.url target=deposito"
                            + " fix=\"set DEPOSITO_URL (deposito.url) to the real deposito, or DEPOSITO_TARGET=simulator"
                            + " to run on simulated data on purpose\"", null);
                }
            }
            case "simulator" -> url = "";
            default -> throw new StartupRefused("event=config_invalid key=deposito.target value=" + target
                    + " fix=\"use auto, deposito or simulator\"", null);
        }
        if (!url.isBlank()) {
            return new DepositoTargetChoice(Kind.DEPOSITO, url.replaceAll("/+$", "") + prefix, prefix, secret);
        }
        if (!cfg.bool("simulator.enabled")) {
            return new DepositoTargetChoice(Kind.NONE, null, prefix, secret);
        }
        return new DepositoTargetChoice(Kind.SIMULATOR, null, prefix, secret);
    }

    /** The real deposito as a target (kind DEPOSITO only). */
    public DepositoTarget deposito() {
        if (kind != Kind.DEPOSITO) {
            throw new IllegalStateException("the deposito target was not chosen: " + kind);
        }
        return new DepositoTarget(baseUrl, DepositoTarget.SOURCE_DEPOSITO, secret);
    }

    /** One line saying what was chosen; the simulator logs its own start when it is the choice. */
    public void log() {
        if (kind == Kind.DEPOSITO) {
            LOG.info("event=deposito_target source=deposito url={} secret={}", baseUrl,
                    secret == null ? "none" : "configured");
        } else if (kind == Kind.NONE) {
            // tests that must see no deposito traffic at all; the pollers then fail for want of a target
            LOG.warn("event=deposito_target_missing reason=deposito.url_unset_and_simulator_disabled");
        }
    }

    /** "" or "/segment[/segment]" without a trailing slash. */
    static String normalisePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.trim().replaceAll("/+$", "");
        if (p.isEmpty()) {
            return "";
        }
        return p.startsWith("/") ? p : "/" + p;
    }

    /** The deposito's HS256 secret: environment DEPOSITO_JWT_SECRET first, then deposito.jwt-secret-file; or null. */
    static String configuredSecret(ConfigValues cfg) {
        String secret = System.getenv("DEPOSITO_JWT_SECRET");
        if (secret == null || secret.isBlank()) {
            secret = DepositoToken.readFile(cfg.optional("deposito.jwt-secret-file").orElse(null));
        }
        return secret == null || secret.isBlank() ? null : secret.trim();
    }

    @Override
    public String toString() {
        // never print the secret
        return "DepositoTargetChoice[kind=" + kind + ", baseUrl=" + baseUrl + ", prefix=" + prefix + "]";
    }
}
