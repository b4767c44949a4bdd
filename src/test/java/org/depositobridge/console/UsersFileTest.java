package org.depositobridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's users file: salted PBKDF2 hashes, owner-only permissions, first admin, the add-user command. */
class UsersFileTest {

    @TempDir
    Path dir;

    /** The same password hashes differently each time (salt) and verifies; a wrong one does not. */
    @Test
    void should_hash_with_a_fresh_salt_and_verify() {
        String a = PasswordHash.hash("s3cret-password".toCharArray());
        String b = PasswordHash.hash("s3cret-password".toCharArray());
        assertThat(a).startsWith("pbkdf2-sha512$" + PasswordHash.ITERATIONS + "$").isNotEqualTo(b);
        assertThat(PasswordHash.verify("s3cret-password".toCharArray(), a)).isTrue();
        assertThat(PasswordHash.verify("s3cret-passworD".toCharArray(), a)).isFalse();
        assertThat(PasswordHash.verify("s3cret-password".toCharArray(), "plain-text")).isFalse();
        assertThat(PasswordHash.verify("s3cret-password".toCharArray(), "pbkdf2-sha512$0$AA$AA")).isFalse();
    }

    /** The first start creates one admin with a random password, readable by the owner only; later starts do not. */
    @Test
    void should_create_the_first_admin_once_with_owner_only_permissions() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("sub/hawtio-users.properties"));
        Optional<char[]> password = users.createAdminIfAbsent();
        assertThat(password).isPresent();
        assertThat(password.get()).hasSize(24);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users.path()))).isEqualTo("rw-------");
        assertThat(Files.readString(users.path())).doesNotContain(new String(password.get())).contains("admin=pbkdf2-sha512$");
        assertThat(PasswordHash.verify(password.get(), users.find("admin").orElseThrow().hash())).isTrue();
        assertThat(users.find("admin").orElseThrow().roles()).containsExactly("admin");
        assertThat(users.createAdminIfAbsent()).isEmpty();
    }

    /** Adding a user keeps the others and replaces an existing user's password. */
    @Test
    void should_add_and_replace_users() throws Exception {
        UsersFile users = new UsersFile(dir.resolve("users.properties"));
        users.put("alice", "first-password".toCharArray(), "admin");
        users.put("bob", "bobs-password".toCharArray(), "viewer");
        users.put("alice", "second-password".toCharArray(), "admin");
        assertThat(PasswordHash.verify("second-password".toCharArray(), users.find("alice").orElseThrow().hash())).isTrue();
        assertThat(PasswordHash.verify("first-password".toCharArray(), users.find("alice").orElseThrow().hash())).isFalse();
        assertThat(users.find("bob").orElseThrow().roles()).containsExactly("viewer");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users.path()))).isEqualTo("rw-------");
    }

    /** Short passwords and odd user names are refused. */
    @Test
    void should_refuse_short_passwords_and_odd_names() {
        UsersFile users = new UsersFile(dir.resolve("users.properties"));
        assertThatThrownBy(() -> users.put("alice", "short".toCharArray(), "admin")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.put("al ice=x", "long-enough-pw".toCharArray(), "admin")).isInstanceOf(IllegalArgumentException.class);
        assertThat(users.exists()).isFalse();
    }

    /** The command-line tool reads the password from stdin and writes the user. */
    @Test
    void should_add_a_user_from_the_command_line() throws Exception {
        Path file = dir.resolve("cli-users.properties");
        String previous = System.getProperty("hawtio.users-file");
        InputStream stdin = System.in;
        System.setProperty("hawtio.users-file", file.toString());
        System.setIn(new ByteArrayInputStream("piped-password-1\n".getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int code = HawtioUsers.run(new String[] {"add", "carol"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(code).isZero();
        } finally {
            System.setIn(stdin);
            if (previous == null) {
                System.clearProperty("hawtio.users-file");
            } else {
                System.setProperty("hawtio.users-file", previous);
            }
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("event=hawtio_user_saved user=carol role=admin").doesNotContain("piped-password-1");
        assertThat(PasswordHash.verify("piped-password-1".toCharArray(), new UsersFile(file).find("carol").orElseThrow().hash())).isTrue();
    }
}
