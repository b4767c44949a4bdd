package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production setting (hawtio.read-only=true) in a real browser: the views still render under the read-only policy. */
class ConsoleReadOnlyBrowserTest {

    static final Path OUT = Path.of("target", "console-browser-read-only");

    @TempDir
    static Path tmp;
    static ConsoleFixture console;

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    /** Routes view and route diagram show the route and its counts; nothing was refused on the way. */
    @Test
    void should_render_routes_and_diagram_read_only() throws Exception {
        BrowserRun.requireBrowser();
        console = ConsoleFixture.start(tmp, Map.of("hawtio.read-only", "true"));
        for (int i = 0; i < 2; i++) {
            assertThat(console.bridge.get(ConsoleBrowserTest.TRAFFIC_PATH).statusCode()).isEqualTo(200);
        }
        BrowserRun run = BrowserRun.drive(console, ConsoleBrowserTest.ROUTE_FOR_DIAGRAM, ConsoleBrowserTest.TRAFFIC_PATH, OUT, "views");
        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(Files.readString(OUT.resolve("02-routes.txt"))).contains(ConsoleBrowserTest.ROUTE_FOR_DIAGRAM);
        assertThat(Files.readString(OUT.resolve("03-route-diagram.txt"))).contains("React Flow");
        assertThat(OUT.resolve("04-trace.png")).doesNotExist();
    }
}
