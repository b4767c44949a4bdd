package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.depositobridge.logging.SecretMasking;

/**
 * The Trace view in a real browser (as ConsoleBrowserTest) on the API's health route, with traffic that carries an
 * X-API-Key, a bearer token and a cookie: the opened message lists those headers with their values masked.
 */
class ConsoleMaskingBrowserTest {

    static final String ROUTE = "api-health";
    static final String KEY = "browser-visible-key-7f3a";
    static final Path OUT = Path.of("target", "console-browser-masking");

    @TempDir
    static Path tmp;
    static ConsoleFixture console;
    static BrowserRun run;

    @BeforeAll
    static void driveTheBrowser() throws Exception {
        BrowserRun.requireBrowser();
        console = ConsoleFixture.start(tmp, Map.of());
        run = BrowserRun.drive(console, ROUTE, "/health", "{\"X-API-Key\":\"" + KEY + "\",\"Authorization\":\"Bearer bearer-"
                + KEY + "\",\"Cookie\":\"s=cookie-" + KEY + "\"}", OUT, "all");
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    /** The traced message shows the credential headers, each value masked, none in clear. */
    @Test
    void should_show_credential_headers_masked_in_the_trace_view() throws Exception {
        assertThat(run.exit()).as(run.output()).isZero();
        String message = Files.readString(OUT.resolve("05-trace-message.txt"));
        assertThat(message).doesNotContain(KEY);
        assertThat(message).containsIgnoringCase("x-api-key").contains(SecretMasking.MASK);
        assertThat(OUT.resolve("05-trace-message.png")).isNotEmptyFile();
    }
}
