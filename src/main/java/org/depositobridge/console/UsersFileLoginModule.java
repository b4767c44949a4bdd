package org.depositobridge.console;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAAS login module over the console's {@link UsersFile}. Hawtio calls it for the UI login form and for HTTP Basic
 * on {@code /hawtio/jolokia}. Jetty's own {@code PropertyFileLoginModule} cannot be used: it needs Jetty's
 * {@code JAASLoginService} callback handler, which Hawtio does not provide.
 *
 * <p>Option {@code usersFile}: path of the users file.
 */
public final class UsersFileLoginModule implements LoginModule {

    static final String OPTION_USERS_FILE = "usersFile";
    private static final Logger LOG = LoggerFactory.getLogger(UsersFileLoginModule.class);

    private Subject subject;
    private CallbackHandler callbacks;
    private UsersFile users;
    private final List<ConsolePrincipal> principals = new ArrayList<>();
    private boolean succeeded;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
        Object file = options.get(OPTION_USERS_FILE);
        this.users = file == null ? null : new UsersFile(Path.of(file.toString()));
    }

    @Override
    public boolean login() throws LoginException {
        if (users == null || callbacks == null) {
            throw new LoginException("login module not configured");
        }
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot read credentials: " + e.getMessage());
        }
        String user = name.getName();
        char[] secret = password.getPassword() == null ? new char[0] : password.getPassword();
        try {
            Optional<UsersFile.Entry> entry = user == null ? Optional.empty() : users.find(user);
            if (entry.isEmpty()) {
                PasswordHash.burn(secret);
                throw refused(user);
            }
            if (!PasswordHash.verify(secret, entry.get().hash())) {
                throw refused(user);
            }
            principals.add(new ConsolePrincipal.User(user));
            entry.get().roles().forEach(r -> principals.add(new ConsolePrincipal.Role(r)));
            succeeded = true;
            LOG.info("event=hawtio_login user={} roles={}", user, entry.get().roles());
            return true;
        } catch (IOException e) {
            LOG.error("event=hawtio_users_file_unreadable file={} error=\"{}\"", users.path(), e.toString());
            throw new LoginException("users file unreadable");
        } finally {
            PasswordHash.wipe(secret);
            password.clearPassword();
        }
    }

    private static FailedLoginException refused(String user) {
        // The user name goes to the log only when it is a plausible name, never a pasted password.
        String shown = user != null && user.matches("[A-Za-z0-9._@-]{1,64}") ? user : "?";
        LOG.warn("event=hawtio_login_refused user={}", shown);
        return new FailedLoginException("invalid credentials");
    }

    @Override
    public boolean commit() {
        if (!succeeded) {
            return false;
        }
        subject.getPrincipals().addAll(principals);
        return true;
    }

    @Override
    public boolean abort() {
        principals.clear();
        succeeded = false;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeAll(principals);
        principals.clear();
        succeeded = false;
        return true;
    }
}
