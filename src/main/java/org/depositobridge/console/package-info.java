/**
 * The Hawtio operator console: Hawtio's WAR in an embedded Jetty on its own loopback port, started off the
 * main thread with the CamelContext and stopped with it ({@link org.depositobridge.console.HawtioConsole}),
 * its own users file with salted PBKDF2 hashes behind a JAAS login module
 * ({@link org.depositobridge.console.HawtioUsers}), and the Jolokia access policy that keeps the console's
 * JMX bridge from being a remote-code-execution endpoint ({@code jolokia-access*.xml}).
 */
package org.depositobridge.console;
