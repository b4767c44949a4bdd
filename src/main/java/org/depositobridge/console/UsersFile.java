package org.depositobridge.console;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The console's users: a properties file {@code user = <PasswordHash>,role[,role...]} kept outside the repository
 * (default {@code data/hawtio-users.properties}), readable by its owner only.
 *
 * <p>The login module re-reads the file on every login, so a user added with the {@link HawtioUsers} command works
 * without restarting the bridge.
 */
public final class UsersFile {

    /** The role every user gets unless told otherwise; it is the role Hawtio is configured to accept. */
    public static final String DEFAULT_ROLE = "admin";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    public UsersFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** One user's stored hash and roles. */
    record Entry(String hash, Set<String> roles) {
    }

    Optional<Entry> find(String user) throws IOException {
        String line = read().get(user);
        if (line == null) {
            return Optional.empty();
        }
        String[] parts = line.split(",");
        Set<String> roles = new TreeSet<>();
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isBlank()) {
                roles.add(parts[i].trim());
            }
        }
        return Optional.of(new Entry(parts[0].trim(), roles));
    }

    /** Adds the user or replaces their password and roles; the file is rewritten atomically with mode 600. */
    public synchronized void put(String user, char[] password, String role) throws IOException {
        requireValid(user, "user");
        requireValid(role, "role");
        if (password.length < 8) {
            throw new IllegalArgumentException("password must have at least 8 characters");
        }
        Map<String, String> users = exists() ? read() : new TreeMap<>();
        users.put(user, PasswordHash.hash(password) + "," + role);
        write(users);
    }

    /**
     * First start: when no users file exists, writes one with {@code admin} and a random password and returns that
     * password (to be shown once); otherwise returns empty and leaves the file alone.
     */
    public synchronized Optional<char[]> createAdminIfAbsent() throws IOException {
        if (exists()) {
            return Optional.empty();
        }
        char[] password = PasswordHash.randomPassword();
        Map<String, String> users = new TreeMap<>();
        users.put("admin", PasswordHash.hash(password) + "," + DEFAULT_ROLE);
        try {
            write(users, false);
        } catch (FileAlreadyExistsException raced) {
            PasswordHash.wipe(password);
            return Optional.empty();
        }
        return Optional.of(password);
    }

    public boolean exists() {
        return Files.exists(file);
    }

    private Map<String, String> read() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> users = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> users.put(k, p.getProperty(k)));
        return users;
    }

    private void write(Map<String, String> users) throws IOException {
        write(users, true);
    }

    private void write(Map<String, String> users, boolean replace) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!replace) {
            // Create-only: a concurrent first start must never overwrite the other's admin.
            Files.createFile(file, ownerOnlyAttribute());
            restrict(file);
            writeContent(file, users);
            return;
        }
        Path tmp = Files.createTempFile(dir, ".hawtio-users", ".tmp");
        try {
            restrict(tmp);
            writeContent(tmp, users);
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeContent(Path target, Map<String, String> users) throws IOException {
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            w.write("# Hawtio console users: user = pbkdf2-sha512$iterations$salt$hash,role\n");
            w.write("# Manage with: java -cp target/deposito-bridge.jar org.depositobridge.console.HawtioUsers add <user>\n");
            for (Map.Entry<String, String> e : users.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    private static FileAttribute<?>[] ownerOnlyAttribute() {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void restrict(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, OWNER_ONLY);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file inherits the directory's ACL; nothing portable to tighten here.
        }
    }

    private static void requireValid(String value, String what) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern());
        }
    }
}
