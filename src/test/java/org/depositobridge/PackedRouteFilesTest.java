package org.depositobridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packed route files are listed from a jar's central directory and from a classes folder alike. */
class PackedRouteFilesTest {

    @TempDir
    Path dir;

    /** Only {@code routes/*.camel.yaml}: not other files, not sub-folders, not other folders; jar and folder together. */
    @Test
    void should_list_the_route_files_of_a_jar_and_of_a_classes_folder() throws Exception {
        Path jar = jar(dir.resolve("bridge.jar"), "routes/", "routes/a.camel.yaml", "routes/b.camel.yaml",
                "routes/notes.txt", "routes/old/c.camel.yaml", "other/d.camel.yaml");
        Path classes = Files.createDirectories(dir.resolve("classes/routes"));
        Files.writeString(classes.resolve("e.camel.yaml"), "[]");
        Files.writeString(classes.resolve("readme.md"), "");
        try (URLClassLoader loader = loader(jar, dir.resolve("classes"))) {
            assertThat(PackedRouteFiles.names(loader, dir.resolve("elsewhere")))
                    .containsExactly("a.camel.yaml", "b.camel.yaml", "e.camel.yaml");
        }
    }

    /** The JDK's own class loader (java -jar) names the jar's folder {@code routes/}, with the slash. */
    @Test
    void should_read_a_jar_folder_named_with_a_trailing_slash() throws Exception {
        Path jar = jar(dir.resolve("bridge.jar"), "routes/", "routes/a.camel.yaml");
        URL withSlash = new URL("jar:" + jar.toUri() + "!/routes/");
        ClassLoader jdkLike = new ClassLoader(null) {
            @Override
            public Enumeration<URL> getResources(String name) {
                return Collections.enumeration(name.equals("routes") ? List.of(withSlash) : List.of());
            }
        };
        assertThat(PackedRouteFiles.names(jdkLike, dir.resolve("routes"))).containsExactly("a.camel.yaml");
    }

    /** A class path that holds the working directory would list the route folder's own files: they are left out. */
    @Test
    void should_leave_out_the_route_folder_itself() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("workdir/routes"));
        Files.writeString(routes.resolve("mine.camel.yaml"), "[]");
        Path jar = jar(dir.resolve("bridge.jar"), "routes/", "routes/a.camel.yaml");
        try (URLClassLoader loader = loader(jar, dir.resolve("workdir"))) {
            assertThat(PackedRouteFiles.names(loader, routes)).containsExactly("a.camel.yaml");
        }
    }

    /** The jar is read, not kept open: no file descriptor of this JVM points at it once its class loader is closed. */
    @Test
    void should_close_the_jar_it_reads() throws Exception {
        Path jar = jar(dir.resolve("bridge.jar"), "routes/", "routes/a.camel.yaml");
        try (URLClassLoader loader = loader(jar)) {
            assertThat(PackedRouteFiles.names(loader, dir.resolve("routes"))).containsExactly("a.camel.yaml");
        }
        assertThat(openFiles()).doesNotContain(jar.toRealPath());
    }

    private static List<Path> openFiles() throws IOException {
        List<Path> open = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    open.add(Files.readSymbolicLink(fd));
                } catch (IOException closedMeanwhile) {
                    // the descriptor of the directory listing itself, or one closed since: not ours
                }
            }
        }
        return open;
    }

    private static URLClassLoader loader(Path... roots) throws IOException {
        URL[] urls = new URL[roots.length];
        for (int i = 0; i < roots.length; i++) {
            urls[i] = roots[i].toUri().toURL();
        }
        // no parent: the test's own class path (target/classes/routes) must not leak in
        return new URLClassLoader(urls, null);
    }

    private static Path jar(Path file, String... entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            for (String e : entries) {
                jar.putNextEntry(new JarEntry(e));
                if (!e.endsWith("/")) {
                    jar.write("- route: {}\n".getBytes(StandardCharsets.UTF_8));
                }
                jar.closeEntry();
            }
        }
        return file;
    }
}
