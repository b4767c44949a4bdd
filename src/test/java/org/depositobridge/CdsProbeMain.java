package org.depositobridge;

import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * The program {@link RunScriptTest} runs through {@code bin/run} in place of the bridge's jar: says it started, then
 * lives until its standard input closes, and exits normally (so the JVM writes a class-data archive when asked to).
 * Before that it prints the options its JVM was started with, one {@code jvm_arg=} line each.
 */
public final class CdsProbeMain {

    private CdsProbeMain() {
    }

    public static void main(String[] args) throws IOException {
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            System.out.println("jvm_arg=" + arg);
        }
        System.out.println("event=probe_started");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the test to close the stream
        }
    }
}
