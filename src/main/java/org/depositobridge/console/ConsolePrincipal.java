package org.depositobridge.console;

import java.security.Principal;
import java.util.Objects;

/**
 * The principals the console's login module puts into the JAAS subject. Hawtio accepts a login when the subject
 * holds a {@link Role} whose class is listed in {@code hawtio.rolePrincipalClasses} and whose name is one of
 * {@code hawtio.roles}.
 */
public abstract sealed class ConsolePrincipal implements Principal permits ConsolePrincipal.User, ConsolePrincipal.Role {

    private final String name;

    ConsolePrincipal(String name) {
        this.name = Objects.requireNonNull(name);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((ConsolePrincipal) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), name);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }

    /** The logged-in user. */
    public static final class User extends ConsolePrincipal {
        public User(String name) {
            super(name);
        }
    }

    /** A role of the logged-in user, from the users file. */
    public static final class Role extends ConsolePrincipal {
        public Role(String name) {
            super(name);
        }
    }
}
