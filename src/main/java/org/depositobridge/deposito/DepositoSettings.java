package org.depositobridge.deposito;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

import org.depositobridge.config.ConfigValues;

/**
 * The {@code deposito.*} keys the deposito beans are built from (config/application.properties documents each with
 * its default). Optional keys are those an operator may leave unset on purpose.
 */
public record DepositoSettings(
        long tokenTtlSeconds, long tokenRenewBeforeSeconds, String tokenSubject, Optional<String> tokenIssuer,
        Optional<String> jwtSecretFile, Optional<String> tokenFile,
        long retryAfterCapSeconds, int productosPageSize, int movementsPageSize, long overlapMinutes,
        long historyDays, ZoneId zone, Path dataDir,
        int deadLetterMaxFiles, long deadLetterMaxBytes, int deadLetterMaxBodyBytes,
        long maxResponseBytes, int pageFetchParallelism, long staleAfterSeconds,
        boolean asyncListeners, boolean snapshotEnabled, long snapshotSaveIntervalSeconds,
        boolean syncEnabled, int stallPeriods, long firstSyncDays) {

    /** Most pages of one cycle in flight at once: each holds a thread and an answer of up to a page in memory. */
    static final int MAX_PAGE_FETCH_PARALLELISM = 32;

    public static DepositoSettings read(ConfigValues cfg) {
        return new DepositoSettings(
                cfg.longValue("deposito.token.ttl-seconds"),
                cfg.longValue("deposito.token.renew-before-seconds"),
                cfg.string("deposito.token.subject"),
                cfg.optional("deposito.token.issuer"),
                cfg.optional("deposito.jwt-secret-file"),
                cfg.optional("deposito.token-file"),
                cfg.longValue("deposito.retry.retry-after-cap-seconds"),
                cfg.integer("deposito.productos.page-size"),
                cfg.integer("deposito.movements.page-size"),
                cfg.longValue("deposito.movements.overlap-minutes"),
                cfg.longValue("dashboard.history-days"),
                ZoneId.of(cfg.string("deposito.timezone")),
                Path.of(cfg.string("bridge.data-dir")),
                cfg.integer("deposito.dead-letters.max-files"),
                cfg.longValue("deposito.dead-letters.max-bytes"),
                cfg.integer("deposito.dead-letters.max-body-bytes"),
                cfg.longValue("deposito.max-response-bytes"),
                cfg.integer("deposito.page-fetch-parallelism", 1, MAX_PAGE_FETCH_PARALLELISM,
                        "an integer from 1 to " + MAX_PAGE_FETCH_PARALLELISM),
                cfg.longValue("deposito.stale-after-seconds"),
                cfg.bool("deposito.snapshot.async-listeners"),
                cfg.bool("deposito.snapshot.enabled"),
                cfg.longValue("deposito.snapshot.save-interval-seconds"),
                cfg.bool("deposito.sync.enabled"),
                cfg.integer("deposito.sync.stall-periods"),
                cfg.longValue("deposito.movements.first-sync-days", 0, Long.MAX_VALUE,
                        "a number of days >= 0 (0 = the whole history in one pass)"));
    }
}
