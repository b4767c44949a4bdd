package org.depositobridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names of the route files packed under {@code routes/} on the class path: a jar's entries or a classes folder's
 * files, read alike.
 *
 * <p>Not Camel's {@code PackageScanResourceResolver}: for a jar it reads the whole file through a
 * {@code JarInputStream}, inflating every entry of the ~57 MB uber jar to skip it, which took 0.8-2.4 s of the main
 * thread before anything else could start (docs/benchmarks.md, "Start-up"). A jar's central directory lists the same
 * names in ~25 ms.
 */
final class PackedRouteFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PackedRouteFiles.class);
    static final String FOLDER = "routes";
    static final String SUFFIX = ".camel.yaml";

    private PackedRouteFiles() {
    }

    /**
     * The {@code *.camel.yaml} names directly under {@code routes/} in every class-path root of {@code loader},
     * except a root whose {@code routes/} is {@code folder} itself (a class path holding the working directory lists
     * the folder's own files, which are not packed ones).
     */
    static Set<String> names(ClassLoader loader, Path folder) {
        Set<String> names = new TreeSet<>();
        Path folderPath = folder.toAbsolutePath().normalize();
        try {
            Enumeration<URL> roots = loader.getResources(FOLDER);
            while (roots.hasMoreElements()) {
                URL url = roots.nextElement();
                switch (url.getProtocol()) {
                    case "file" -> {
                        Path dir = Path.of(url.toURI()).toAbsolutePath().normalize();
                        if (!dir.equals(folderPath)) {
                            names.addAll(inFolder(dir));
                        }
                    }
                    case "jar" -> names.addAll(inJar(url));
                    default -> LOG.warn("event=route_files_location_skipped url={} reason=\"neither a folder nor a jar\"", url);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the route files packed in the jar", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the route files packed in the jar", e);
        }
        return names;
    }

    /** The {@code *.camel.yaml} files of a folder (none when it does not exist), by name. */
    static Set<String> inFolder(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .forEach(names::add);
        }
        return names;
    }

    /** From the jar's central directory; entries in sub-folders of {@code routes/} are not route files (as in a folder). */
    private static Set<String> inJar(URL url) throws IOException, URISyntaxException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        Path jar = Path.of(connection.getJarFileURL().toURI());
        // the JDK's application class loader answers "routes/", a URLClassLoader "routes"
        String folder = connection.getEntryName() == null ? FOLDER : connection.getEntryName();
        String prefix = folder.endsWith("/") ? folder : folder + "/";
        Set<String> names = new TreeSet<>();
        // our own JarFile, closed here; the URL connection's cached one belongs to the class loader
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(prefix) && name.endsWith(SUFFIX)
                        && name.indexOf('/', prefix.length()) < 0) {
                    names.add(name.substring(prefix.length()));
                }
            }
        }
        return names;
    }
}
