package io.vestibule.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import io.vestibule.crypto.pki.PemFiles;

/**
 * A real rsyslog (Debian's {@code rsyslog} and {@code rsyslog-gnutls}) run by a test as a child process with a
 * configuration of its own: one TLS listener (GnuTLS, RFC 5425) on 127.0.0.1, whatever it receives written to a file in
 * RFC 5424 form, one message a line. Without rsyslog the test is skipped loudly ({@link RequiredParts}).
 */
public final class RsyslogServer implements AutoCloseable {
    private final Path directory;
    private final Path executable;
    private final int port;
    private Process process;

    private RsyslogServer(Path directory, Path executable, int port) {
        this.directory = directory;
        this.executable = executable;
        this.port = port;
    }

    /** Starts rsyslog with this certificate and key (its own CA file is the certificate itself: clients are not asked for one). */
    public static RsyslogServer start(Path directory, TestCertificates.Issued identity) throws IOException, InterruptedException {
        Optional<Path> executable = RequiredParts.executable("rsyslogd").or(() -> Optional.of(Path.of("/usr/sbin/rsyslogd"))
                .filter(Files::isExecutable));
        boolean gnuTls;
        try (Stream<Path> libraries = Files.isDirectory(Path.of("/usr/lib")) ? Files.list(Path.of("/usr/lib")) : Stream.empty()) {
            gnuTls = Stream.concat(Stream.of(Path.of("/usr/lib")), libraries)
                    .anyMatch(library -> Files.exists(library.resolve("rsyslog").resolve("lmnsd_gtls.so")));
        }
        RequiredParts.require(executable.isPresent() && gnuTls, "rsyslogd with its GnuTLS driver",
                "Install Debian's packages: apt-get install rsyslog rsyslog-gnutls");
        Files.createDirectories(directory.resolve("work"));
        Files.writeString(directory.resolve("cert.pem"), PemFiles.toPem(List.of(identity.certificate())));
        Files.writeString(directory.resolve("key.pem"), keyPem(identity));
        RsyslogServer server = new RsyslogServer(directory, executable.get(), FreePorts.next());
        Files.writeString(directory.resolve("rsyslog.conf"), """
                global(workDirectory="%1$s/work" maxMessageSize="64k"
                       DefaultNetstreamDriver="gtls"
                       DefaultNetstreamDriverCAFile="%1$s/cert.pem"
                       DefaultNetstreamDriverCertFile="%1$s/cert.pem"
                       DefaultNetstreamDriverKeyFile="%1$s/key.pem")
                module(load="imtcp" StreamDriver.Name="gtls" StreamDriver.Mode="1" StreamDriver.AuthMode="anon")
                input(type="imtcp" address="127.0.0.1" port="%2$d")
                action(type="omfile" file="%1$s/received.log" template="RSYSLOG_SyslogProtocol23Format")
                """.formatted(directory.toAbsolutePath(), server.port));
        server.startProcess();
        return server;
    }

    /**
     * The key as PKCS#8 whose EC key also holds the curve and the public key: GnuTLS refuses the JDK's encoding, which
     * leaves both out ("ASN1 parser: Element was not found").
     */
    private static String keyPem(TestCertificates.Issued identity) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(identity.key().getEncoded());
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(identity.certificate().getPublicKey().getEncoded());
        ECPrivateKey key = new ECPrivateKey(256, ((java.security.interfaces.ECPrivateKey) identity.key()).getS(),
                publicKey.getPublicKeyData(), info.getPrivateKeyAlgorithm().getParameters());
        try {
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), key).getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Stops rsyslog (SIGTERM) and waits until it has exited. */
    public void stop() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("rsyslogd stops").isTrue();
    }

    /** Starts rsyslog again on the same port, appending to the same file, unless it runs. */
    public void ensureRunning() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            startProcess();
        }
    }

    /** The lines received so far. */
    public List<String> received() {
        Path file = directory.resolve("received.log");
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code count} received lines match, and answers them. */
    public List<String> await(Predicate<String> matching, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        List<String> found = received().stream().filter(matching).toList();
        while (found.size() < count) {
            assertThat(Instant.now()).as("rsyslog received " + found.size() + " of " + count + " messages; rsyslog said: "
                    + said()).isBefore(deadline);
            Thread.sleep(25);
            found = received().stream().filter(matching).toList();
        }
        return found;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        process = new ProcessBuilder(executable.toString(), "-n", "-f", directory.resolve("rsyslog.conf").toString(),
                "-i", directory.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("rsyslogd.out").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        try {
            while (!listening()) {
                assertThat(process.isAlive()).as("rsyslogd runs; it said: " + said()).isTrue();
                assertThat(said()).as("rsyslogd's complaints").doesNotContain("Could not create tcp listener");
                assertThat(Instant.now()).as("rsyslogd listens on " + port + "; it said: " + said()).isBefore(deadline);
                Thread.sleep(25);
            }
        } catch (AssertionError | IOException | InterruptedException e) {
            // the test that failed here never gets the server to close: no rsyslogd may outlive it
            process.destroyForcibly();
            throw e;
        }
    }

    /** Whether rsyslog's listener is up, seen from /proc (a probe connection would be an error in rsyslog's log). */
    private boolean listening() throws IOException {
        String local = String.format("0100007F:%04X", port);
        for (String table : List.of("/proc/net/tcp")) {
            Path file = Path.of(table);
            if (Files.exists(file) && Files.readAllLines(file).stream().anyMatch(line -> line.contains(local + " 00000000:0000 0A"))) {
                return true;
            }
        }
        if (!Files.exists(Path.of("/proc/net/tcp"))) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        }
        return false;
    }

    private String said() {
        try {
            Path out = directory.resolve("rsyslogd.out");
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
