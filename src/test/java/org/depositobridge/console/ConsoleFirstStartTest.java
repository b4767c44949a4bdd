package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.depositobridge.support.RunningBridge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The console's life cycle with the bridge: first start without a users file, restart, switched off. */
class ConsoleFirstStartTest {

    @TempDir
    Path tmp;

    /** No users file: an admin with a random password is created and printed once; it logs in; a restart prints nothing. */
    @Test
    void should_create_an_admin_at_first_start_and_print_the_password_once() throws Exception {
        Path users = tmp.resolve("data/hawtio-users.properties");
        Map<String, String> props = Map.of("hawtio.enabled", "true", "hawtio.port", "0", "hawtio.users-file", users.toString(),
                "bridge.data-dir", "target/console-test-data");
        List<ILoggingEvent> first = captureConsoleLog(props);
        List<String> created = first.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("event=hawtio_admin_created")).toList();
        assertThat(created).hasSize(1);
        Matcher m = Pattern.compile("user=admin password=(\\S+) ").matcher(created.get(0));
        assertThat(m.find()).isTrue();
        String password = m.group(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
        assertThat(Files.readString(users)).doesNotContain(password);
        assertThat(PasswordHash.verify(password.toCharArray(), new UsersFile(users).find("admin").orElseThrow().hash())).isTrue();

        List<ILoggingEvent> second = captureConsoleLog(props);
        assertThat(second).extracting(ILoggingEvent::getFormattedMessage).noneMatch(s -> s.contains("hawtio_admin_created"))
                .anyMatch(s -> s.startsWith("event=hawtio_started"));
    }

    /** hawtio.enabled=false: no console service answers and no users file is created. */
    @Test
    void should_not_serve_the_console_when_disabled() throws Exception {
        Path users = tmp.resolve("off/hawtio-users.properties");
        try (RunningBridge bridge = RunningBridge.start(Map.of("hawtio.enabled", "false", "hawtio.users-file", users.toString()))) {
            HawtioConsole console = bridge.context().hasService(HawtioConsole.class);
            assertThat(console).isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> console.awaitPort(Duration.ofSeconds(5)))
                    .hasRootCauseMessage("hawtio.enabled=false");
            // the rest of the bridge is unaffected: it becomes ready and serves
            bridge.awaitReady();
            assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
        }
        assertThat(users).doesNotExist();
    }

    /** A console that cannot start (no WAR) is logged and leaves the bridge serving. */
    @Test
    void should_keep_the_bridge_serving_when_the_console_cannot_start() throws Exception {
        Map<String, String> props = Map.of("hawtio.enabled", "true", "hawtio.port", "0",
                "hawtio.users-file", tmp.resolve("u.properties").toString(), "hawtio.war", tmp.resolve("missing.war").toString());
        try (RunningBridge bridge = RunningBridge.start(props)) {
            HawtioConsole console = bridge.context().hasService(HawtioConsole.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> console.awaitPort(Duration.ofSeconds(60)))
                    .hasMessageContaining("Hawtio WAR not found");
            bridge.awaitReady();
            assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
        }
    }

    /** The console stops with the bridge: its port is closed and the JVM-wide hawtio.* properties are restored. */
    @Test
    void should_stop_with_the_bridge() throws Exception {
        int port;
        String before = System.getProperty("hawtio.disableProxy");
        try (ConsoleFixture console = ConsoleFixture.start(tmp, Map.of())) {
            port = console.port;
            assertThat(console.get("/").statusCode()).isEqualTo(302);
            assertThat(System.getProperty("hawtio.disableProxy")).isEqualTo("true");
        }
        assertThat(System.getProperty("hawtio.disableProxy")).isEqualTo(before);
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            throw new AssertionError("console still listening on " + port);
        } catch (java.io.IOException expected) {
            assertThat(expected).isInstanceOf(java.net.ConnectException.class);
        }
    }

    private static List<ILoggingEvent> captureConsoleLog(Map<String, String> props) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(HawtioConsole.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (RunningBridge bridge = RunningBridge.start(props)) {
            bridge.context().hasService(HawtioConsole.class).awaitPort(Duration.ofSeconds(60));
        } finally {
            logger.detachAppender(appender);
        }
        return List.copyOf(appender.list);
    }
}
