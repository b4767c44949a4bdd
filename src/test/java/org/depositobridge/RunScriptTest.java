package org.depositobridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/run}'s class-data archive: created by the first start after a build, used by the starts after, and never
 * in the way of a start when it is missing, stale, half-written or damaged. Runs the real script with a small jar
 * ({@code BRIDGE_JAR}) in place of the bridge's (which {@code mvn package} builds only after the tests); which classes
 * came from the archive is read from the JVM's own class-loading log.
 */
class RunScriptTest {

    private static final Path SCRIPT = Path.of("bin", "run").toAbsolutePath();
    private static final String FROM_ARCHIVE = "CdsProbeMain source: shared objects file (top)";

    @TempDir
    Path dir;

    private Path jar;
    private Path archive;
    private int runs;

    @BeforeEach
    void buildJar() throws IOException {
        jar = dir.resolve("probe.jar");
        archive = dir.resolve("probe.jsa");
        writeJar(jar);
    }

    /** Missing: the first start runs without one and leaves one at exit; the next checks it and runs from it. */
    @Test
    void should_create_the_archive_at_the_first_start_and_use_it_after() throws Exception {
        Run first = run(Map.of());
        assertThat(first.classes()).doesNotContain(FROM_ARCHIVE);
        assertThat(archive).doesNotExist();
        assertThat(parts()).singleElement().asString().endsWith("probe.jsa." + first.pid + ".part");

        Run second = run(Map.of());
        assertThat(second.classes()).contains(FROM_ARCHIVE);
        assertThat(archive).isNotEmptyFile();
        assertThat(parts()).isEmpty();
        assertThat(second.output).doesNotContain("warning");

        assertThat(run(Map.of()).classes()).contains(FROM_ARCHIVE);
    }

    /** Stale: a jar rebuilt after the archive starts without it (no warning), and a new archive follows. */
    @Test
    void should_start_without_an_archive_older_than_the_jar_and_replace_it() throws Exception {
        run(Map.of());
        run(Map.of());
        assertThat(archive).isNotEmptyFile();
        writeJar(jar);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 10_000));

        Run rebuilt = run(Map.of());
        assertThat(rebuilt.classes()).doesNotContain(FROM_ARCHIVE);
        assertThat(rebuilt.output).doesNotContain("warning");
        assertThat(archive).doesNotExist();
        // the new jar's archive must be newer than the jar to be used: move the clock past it for the check
        Path part = parts().get(0);
        Files.setLastModifiedTime(part, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));
        assertThat(run(Map.of()).classes()).contains(FROM_ARCHIVE);
    }

    /**
     * Half-written (the JVM killed while it wrote the archive at exit): a truncated archive would crash any JVM that
     * maps it; the next start checks it, throws it away, and starts normally, leaving no crash report behind.
     */
    @Test
    void should_discard_a_half_written_archive() throws Exception {
        Run first = run(Map.of());
        Path part = parts().get(0);
        byte[] whole = Files.readAllBytes(part);
        Files.delete(part);
        Path truncated = dir.resolve("probe.jsa." + first.pid + ".part");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 3));
        List<Path> crashReportsBefore = crashReports();

        Run next = run(Map.of());
        assertThat(next.output).contains("event=probe_started");
        assertThat(next.classes()).doesNotContain(FROM_ARCHIVE);
        assertThat(truncated).doesNotExist();
        assertThat(archive).doesNotExist();
        assertThat(crashReports()).isEqualTo(crashReportsBefore);
        // and that start wrote a good one, used from then on
        assertThat(run(Map.of()).classes()).contains(FROM_ARCHIVE);
    }

    /** Damaged in place (not a complete archive the JVM can map): the JVM says so and starts without it. */
    @Test
    void should_start_when_the_archive_is_damaged() throws Exception {
        byte[] garbage = new byte[200_000];
        new Random(1).nextBytes(garbage);
        Files.write(archive, garbage);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));

        Run damaged = run(Map.of());
        assertThat(damaged.output).contains("event=probe_started");
        assertThat(damaged.classes()).doesNotContain(FROM_ARCHIVE);
    }

    /** BRIDGE_CDS=off: neither uses nor writes an archive. */
    @Test
    void should_leave_the_archive_alone_when_turned_off() throws Exception {
        run(Map.of("BRIDGE_CDS", "off"));
        assertThat(parts()).isEmpty();
        assertThat(archive).doesNotExist();
    }

    /** What {@code bin/run --jvm-options} prints (the benchmarks start their JVMs with it) is what the bridge runs with. */
    @Test
    void should_print_the_jvm_options_it_starts_the_bridge_with() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "--jvm-options").redirectErrorStream(true);
        pb.environment().put("BRIDGE_JAR", jar.toString());
        pb.environment().put("BRIDGE_HEAP", "64m");
        Process p = pb.start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(printed).isZero();
        List<String> options = printed.lines().toList();
        assertThat(options).contains("-Xmx64m", "-XX:+UseSerialGC", "-XX:Tier4InvocationThreshold=50000");

        // the JVM's own input arguments, first of all (run() clears JAVA_TOOL_OPTIONS, which the JVM would put first)
        List<String> started = run(Map.of("BRIDGE_CDS", "off")).output().lines()
                .filter(l -> l.startsWith("jvm_arg=")).map(l -> l.substring("jvm_arg=".length())).toList();
        assertThat(started.subList(0, options.size())).isEqualTo(options);
    }

    private record Run(long pid, String output, Path classLog) {
        String classes() throws IOException {
            return Files.readString(classLog);
        }
    }

    /** bin/run with the probe jar; waits for its start line, then ends it normally by closing its input. */
    private Run run(Map<String, String> env) throws Exception {
        Path classLog = dir.resolve("classes-" + (++runs) + ".log");
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString()).redirectErrorStream(true);
        pb.environment().put("BRIDGE_JAR", jar.toString());
        pb.environment().put("BRIDGE_HEAP", "64m");
        pb.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        // options from the environment the JVM reads by itself would come before bin/run's
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> copy(p.getInputStream(), out), "run-script-output");
        reader.start();
        await("probe started").atMost(Duration.ofSeconds(60))
                .until(() -> { synchronized (out) { return out.toString().contains("event=probe_started") || !p.isAlive(); } });
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bin/run ended").isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        String output;
        synchronized (out) {
            output = out.toString();
        }
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("event=probe_started");
        return new Run(p.pid(), output, classLog);
    }

    private static void copy(InputStream in, StringBuilder out) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (out) {
                    out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private List<Path> parts() throws IOException {
        List<Path> parts = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "probe.jsa.*.part")) {
            files.forEach(parts::add);
        }
        return parts;
    }

    private static List<Path> crashReports() throws IOException {
        List<Path> reports = new ArrayList<>();
        // bin/run works in the repository root (its cd), where a crashing JVM would leave its report
        try (DirectoryStream<Path> files = Files.newDirectoryStream(SCRIPT.getParent().getParent(), "hs_err_pid*.log")) {
            files.forEach(reports::add);
        }
        return reports;
    }

    private static void writeJar(Path file) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CdsProbeMain.class.getName());
        String entry = CdsProbeMain.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest);
                InputStream cls = RunScriptTest.class.getClassLoader().getResourceAsStream(entry)) {
            jar.putNextEntry(new JarEntry(entry));
            cls.transferTo(jar);
            jar.closeEntry();
        }
    }
}
