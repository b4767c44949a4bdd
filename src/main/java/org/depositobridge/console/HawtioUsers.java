package org.depositobridge.console;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Adds or replaces a console user:
 * <pre>
 * java -cp target/deposito-bridge.jar org.depositobridge.console.HawtioUsers add &lt;user&gt; [role]
 * </pre>
 * The password is read from the terminal without echo, or as the first line of stdin when piped
 * ({@code printf '%s\n' "$PW" | ...}); never from the command line, where it would land in the shell history and
 * in {@code ps}. The file is {@code -Dhawtio.users-file}, else {@code HAWTIO_USERS_FILE}, else
 * {@code data/hawtio-users.properties}. The running bridge picks the change up at the next login.
 */
public final class HawtioUsers {

    private HawtioUsers() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length < 2 || args.length > 3 || !"add".equals(args[0])) {
            err.println("usage: HawtioUsers add <user> [role]   (password from the terminal or the first line of stdin)");
            return 2;
        }
        String user = args[1];
        String role = args.length == 3 ? args[2] : UsersFile.DEFAULT_ROLE;
        char[] password = readPassword();
        if (password == null || password.length == 0) {
            err.println("no password given");
            return 2;
        }
        UsersFile file = new UsersFile(usersFile());
        try {
            file.put(user, password, role);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } finally {
            PasswordHash.wipe(password);
        }
        out.println("event=hawtio_user_saved user=" + user + " role=" + role + " file=" + file.path().toAbsolutePath());
        return 0;
    }

    private static char[] readPassword() throws Exception {
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("password: ");
            char[] again = console.readPassword("again: ");
            if (first == null || again == null || !Arrays.equals(first, again)) {
                PasswordHash.wipe(first);
                PasswordHash.wipe(again);
                throw new IllegalArgumentException("passwords differ");
            }
            PasswordHash.wipe(again);
            return first;
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = in.readLine();
        return line == null ? null : line.toCharArray();
    }

    static Path usersFile() {
        String p = System.getProperty("hawtio.users-file");
        if (p == null || p.isBlank()) {
            p = System.getenv("HAWTIO_USERS_FILE");
        }
        return Path.of(p == null || p.isBlank() ? "data/hawtio-users.properties" : p);
    }
}
