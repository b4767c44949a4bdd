package org.depositobridge;

/**
 * Start-up cannot go on and the operator must change something: its message is one {@code event=...} log line that
 * names the setting to change. {@link App#main} logs it and ends the process with a non-zero exit code.
 */
public final class StartupRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupRefused(String eventLine, Throwable cause) {
        super(eventLine, cause);
    }

    /** The first StartupRefused in a cause chain (Camel wraps what a service or listener throws). */
    public static StartupRefused in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupRefused refused) {
                return refused;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** The line for a listener that could not bind: which key to change, and to what kind of value. */
    public static StartupRefused portInUse(String key, String host, int port, Throwable cause) {
        return new StartupRefused("event=port_in_use key=" + key + " host=" + host + " port=" + port
                + " error=\"" + (cause == null ? "not bound" : cause.toString().replace('"', '\'')) + "\""
                + " fix=\"stop what listens on " + host + ":" + port + " or set " + key + " to a free port (-D" + key
                + "=...)\"", cause);
    }
}
