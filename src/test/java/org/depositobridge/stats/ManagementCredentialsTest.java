package org.depositobridge.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management users file: created once with a random password and mode 600, never overwritten. */
class ManagementCredentialsTest {

    @TempDir
    Path dir;

    /** First start creates the file (and its directory); a second start keeps the operator's file untouched. */
    @Test
    void should_create_the_file_once_and_never_overwrite_it() throws Exception {
        Path file = dir.resolve("nested/management-users.properties");
        assertThat(ManagementCredentials.ensure(file)).isTrue();
        String first = ManagementCredentials.password(file, "metrics");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ManagementCredentials.ensure(file)).isFalse();
        assertThat(ManagementCredentials.password(file, "metrics")).isEqualTo(first);
        assertThat(Files.readString(file)).contains("user.metrics = " + first + ",metrics");
        assertThat(dir.resolve("nested")).isDirectoryContaining(p -> p.getFileName().toString().equals("management-users.properties"));
        assertThat(Files.list(dir.resolve("nested")).count()).isEqualTo(1);
    }

    /** Two files get different random passwords. */
    @Test
    void should_generate_a_different_password_each_time() throws Exception {
        ManagementCredentials.ensure(dir.resolve("a"));
        ManagementCredentials.ensure(dir.resolve("b"));
        assertThat(ManagementCredentials.password(dir.resolve("a"), "metrics"))
                .isNotEqualTo(ManagementCredentials.password(dir.resolve("b"), "metrics"));
    }
}
