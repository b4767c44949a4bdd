package org.depositobridge.report;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on 127.0.0.1 for the delivery tests: its own host key, a virtual file system
 * rooted in a folder of the test, user {@code bridge} with a password or a client key, and a record of what clients
 * did (files opened for writing and renames, in order). Stopped and started again on the same port, as a server
 * that goes down and comes back.
 */
final class SftpTestServer implements AutoCloseable {

    static final String USER = "bridge";
    static final String PASSWORD = "s3cret-sftp-password";

    /** What a client did, in order: {@code write <name>} (opened for writing), {@code rename <from> <to>}. */
    final List<String> events = new CopyOnWriteArrayList<>();
    final Path root;
    final KeyPair hostKey;
    final KeyPair clientKey;
    final int port;
    private SshServer server;

    SftpTestServer(Path root) throws IOException, GeneralSecurityException {
        this.root = Files.createDirectories(root);
        this.hostKey = ecKey();
        this.clientKey = ecKey();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    static KeyPair ecKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    SftpTestServer start() throws IOException {
        SshServer s = SshServer.setUpDefaultServer();
        s.setHost("127.0.0.1");
        s.setPort(port);
        s.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        s.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        s.setPublickeyAuthenticator((user, key, session) -> USER.equals(user)
                && KeyUtils.compareKeys(key, clientKey.getPublic()));
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder().build();
        sftp.addSftpEventListener(new Recorder());
        s.setSubsystemFactories(List.of(sftp));
        s.setFileSystemFactory(new VirtualFileSystemFactory(root));
        s.start();
        server = s;
        return this;
    }

    void stop() throws IOException {
        if (server != null) {
            server.stop(true);
            server = null;
        }
    }

    /** A known_hosts line for this server, with the given key (its own, or another to play a changed key). */
    String knownHostsLine(PublicKey key) throws IOException, GeneralSecurityException {
        return "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(key) + "\n";
    }

    Path writeKnownHosts(Path file, PublicKey key) throws IOException, GeneralSecurityException {
        Files.writeString(file, knownHostsLine(key), StandardCharsets.US_ASCII);
        return file;
    }

    /** The client's private key in OpenSSH format, as {@code ssh-keygen} writes it. */
    Path writeClientKey(Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "bridge@test", null, out);
        }
        return file;
    }

    long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    private final class Recorder implements SftpEventListener {
        @Override
        public void open(ServerSession session, String remoteHandle, Handle localHandle) {
            if (localHandle instanceof FileHandle f && f.getOpenOptions().stream()
                    .anyMatch(o -> o.toString().equals("WRITE"))) {
                events.add("write " + f.getFile().getFileName());
            }
        }

        @Override
        public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts,
                Throwable thrown) {
            if (thrown == null) {
                events.add("rename " + srcPath.getFileName() + " " + dstPath.getFileName());
            }
        }
    }
}
