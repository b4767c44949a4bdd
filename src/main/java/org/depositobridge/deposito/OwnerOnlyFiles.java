package org.depositobridge.deposito;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates the bridge's state files (warm-start snapshot, dead letters) readable by the owner only: they hold
 * the deposito's business data, and a dead letter may hold whatever the deposito sent. The mode is set when the
 * file is created, so there is no moment at which another user could open it.
 */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private OwnerOnlyFiles() {
    }

    /** A new, empty file at {@code path} (a leftover is replaced) with mode 600, open for writing. */
    static OutputStream create(Path path) throws IOException {
        Files.deleteIfExists(path);
        if (POSIX) {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_RW));
        }
        return Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }
}
