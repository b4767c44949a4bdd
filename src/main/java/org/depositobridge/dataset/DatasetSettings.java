package org.depositobridge.dataset;

import java.time.ZoneId;

import org.depositobridge.config.ConfigValues;

/**
 * The keys the dataset beans are built from (config/application.properties documents each with its default).
 *
 * @param zone          {@code reports.timezone}: the calendar the daily roll-ups are cut in (the reports' one)
 * @param rollupDays    {@code dashboard.rollup-days}: days of daily roll-ups kept
 * @param cacheSize     {@code dashboard.response-cache-size}: prepared answers kept
 * @param maxAgeSeconds {@code dashboard.cache-max-age}: the answers' {@code Cache-Control} max-age
 */
public record DatasetSettings(ZoneId zone, int rollupDays, int cacheSize, int maxAgeSeconds) {

    public static DatasetSettings read(ConfigValues cfg) {
        return new DatasetSettings(ZoneId.of(cfg.string("reports.timezone")), cfg.integer("dashboard.rollup-days"),
                cfg.integer("dashboard.response-cache-size"), cfg.integer("dashboard.cache-max-age"));
    }
}
