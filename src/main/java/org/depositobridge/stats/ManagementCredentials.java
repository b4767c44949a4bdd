package org.depositobridge.stats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The basic-auth users file of the management port ({@code /observe/metrics}), in Vert.x's property-file format
 * ({@code user.<name> = <password>,<role>}). It lives outside the repository (under the data directory) and is
 * created at first start with a random password, printed once in the log, file mode 600. An existing file is never
 * touched: an operator may edit it or provision it before the first start.
 */
public final class ManagementCredentials {

    public static final String USER = "metrics";

    private static final Logger LOG = LoggerFactory.getLogger(ManagementCredentials.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ManagementCredentials() {
    }

    /** Creates the file when absent; returns true when it did. */
    public static boolean ensure(Path file) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String password = newPassword();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        // created with 600 from the start, so the password is never readable by others, not even for a moment
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, "# Basic-auth users of the management port (/observe/metrics). Format: user.<name> = <password>,<role>\n"
                + "user." + USER + " = " + password + ",metrics\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(tmp);
            return false;
        }
        LOG.warn("event=management_credentials_created file={} user={} password={} note=\"printed once; stored with mode 600\"",
                file.toAbsolutePath(), USER, password);
        return true;
    }

    /** The password of {@code user} in the file (for tests and tooling that scrape the bridge itself). */
    public static String password(Path file, String user) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        String entry = p.getProperty("user." + user);
        if (entry == null) {
            throw new IOException("no user " + user + " in " + file);
        }
        int comma = entry.indexOf(',');
        return (comma < 0 ? entry : entry.substring(0, comma)).trim();
    }

    /** The value of an {@code Authorization} header for {@code user} from the file. */
    public static String basicAuthHeader(Path file, String user) throws IOException {
        String token = user + ":" + password(file, user);
        return "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        // URL-safe alphabet without padding: no ',' '=' or '#' that the properties format would misread
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
