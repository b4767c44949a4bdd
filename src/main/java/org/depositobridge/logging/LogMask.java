package org.depositobridge.logging;

import org.apache.camel.spi.MaskingFormatter;
import org.apache.camel.support.processor.DefaultMaskingFormatter;

/**
 * Camel's masking of log steps ({@code camel.main.logMask=true}, bound as {@code CamelCustomLogMask}): Camel's own
 * list of sensitive keys (password, token, secret, ...) plus the credential headers of the bridge's API, which that
 * list misses ({@code X-API-Key}, {@code Authorization}, cookies). A route that logs {@code ${headers}} then shows
 * {@code X-API-Key=xxxxxx}.
 */
public final class LogMask implements MaskingFormatter {

    private final MaskingFormatter camels = new DefaultMaskingFormatter();

    @Override
    public String format(String text) {
        return SecretMasking.mask(camels.format(text));
    }
}
