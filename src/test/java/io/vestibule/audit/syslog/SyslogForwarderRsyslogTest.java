package io.vestibule.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import javax.net.ssl.TrustManager;

import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.audit.AuditEvent;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.testing.MapConfig;
import io.vestibule.testing.RsyslogServer;
import io.vestibule.testing.TestCertificates;

/** Forwarding to a real rsyslog over TLS (RFC 5425), stopped and started under the forwarder, and refused when it should be. */
class SyslogForwarderRsyslogTest {
    /** RFC 5424 as rsyslog writes it back: PRI VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID SD MSG. */
    private static final Pattern RFC_5424 = Pattern.compile(
            "<(\\d{1,3})>1 (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\[(?:[^\\]\\\\]|\\\\.)*]) ?(.*)");
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();

    @TempDir
    static Path directory;

    private static TestCertificates.Issued authority;
    private static RsyslogServer rsyslog;
    private static Path caFile;

    private final List<String> alarms = new CopyOnWriteArrayList<>();
    private final Rfc5424Format format = new Rfc5424Format("gateway.example.org", 4242);

    @BeforeAll
    static void startRsyslog() throws Exception {
        authority = TestCertificates.authority("CN=Syslog Test CA");
        TestCertificates.Issued identity = TestCertificates.issue(authority, "CN=localhost",
                new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        caFile = directory.resolve("trusted-ca.pem");
        Files.writeString(caFile, PemFiles.toPem(List.of(authority.certificate())));
        rsyslog = RsyslogServer.start(directory.resolve("rsyslog"), identity);
    }

    @AfterAll
    static void stopRsyslog() throws Exception {
        if (rsyslog != null) {
            rsyslog.close();
        }
    }

    @Test
    void messagesArriveOneEachAndParseAsRfc5424() throws Exception {
        try (SyslogForwarder forwarder = forwarder(server("localhost"), trustedCa(), "framing")) {
            forwarder.offer(format.format(event(1, "admin.settings.change", "ali\"ce]\\", AuditEvent.Outcome.SUCCESS,
                    "line one\nline two, ünïcode")));
            forwarder.offer(format.format(event(2, "admin.signin", "bob", AuditEvent.Outcome.FAILURE, "wrong password")));

            List<String> lines = rsyslog.await(line -> line.contains("gateway.example.org vestibule 4242 admin."), 2);

            Matcher first = parsed(lines.get(0));
            assertThat(Integer.parseInt(first.group(1))).isEqualTo(13 * 8 + 5);
            assertThat(first.group(3)).isEqualTo("gateway.example.org");
            assertThat(first.group(6)).isEqualTo("admin.settings.change");
            assertThat(first.group(7)).isEqualTo("[audit@32473 id=\"1\" actor=\"ali\\\"ce\\]\\\\\" address=\"192.0.2.7\" outcome=\"success\"]");
            // One message with its line break (rsyslog shows it as #012), not two: the framing counted octets.
            assertThat(withoutBom(first.group(8))).isEqualTo("line one#012line two, ünïcode");
            Matcher second = parsed(lines.get(1));
            assertThat(Integer.parseInt(second.group(1))).isEqualTo(13 * 8 + 4);
            assertThat(second.group(6)).isEqualTo("admin.signin");
            assertThat(rsyslog.received()).noneMatch(line -> line.startsWith("line two"));
        }
    }

    @Test
    void queuedWhileRsyslogIsDownThenDeliveredOnceInOrder() throws Exception {
        try (SyslogForwarder forwarder = forwarder(server("localhost"), trustedCa(), "restart")) {
            forwarder.offer(format.format(event(100, "restart.before", "carol", AuditEvent.Outcome.SUCCESS, "before the stop")));
            rsyslog.await(line -> line.contains("restart.before"), 1);

            rsyslog.stop();
            try {
                deliveredAfterRestart(forwarder);
            } finally {
                rsyslog.ensureRunning();
            }
        }
    }

    private void deliveredAfterRestart(SyslogForwarder forwarder) throws Exception {
        {
            IntStream.range(0, 30).forEach(n -> forwarder.offer(format.format(event(200 + n, "restart.queued", "carol",
                    AuditEvent.Outcome.SUCCESS, "queued " + n))));
            waitFor(() -> forwarder.status().failure().isPresent(), "the forwarder notices rsyslog is gone");
            assertThat(forwarder.status().backlog()).isEqualTo(30);
            assertThat(alarms).anyMatch(alarm -> alarm.matches("failing localhost:" + rsyslog.port() + " (unreachable|connection_lost)"));

            rsyslog.ensureRunning();
            List<String> delivered = rsyslog.await(line -> line.contains("restart.queued"), 30);
            waitFor(() -> forwarder.status().backlog() == 0, "the queue empties");
            waitFor(() -> alarms.contains("resumed localhost:" + rsyslog.port()), "the delivery alarms end");

            assertThat(delivered.stream().map(line -> withoutBom(parsed(line).group(8))).toList())
                    .isEqualTo(IntStream.range(0, 30).mapToObj(n -> "queued " + n).toList());
            assertThat(forwarder.status().failure()).isEmpty();
        }
    }

    @Test
    void aCertificateFromAnotherAuthorityIsRefusedAndAlarmed() throws Exception {
        TestCertificates.Issued stranger = TestCertificates.authority("CN=Some Other CA");
        SyslogTrust otherCa = trust(stranger);
        assertThatThrownBy(() -> new SyslogConnector(otherCa, POLICY, Duration.ofSeconds(5)).sendOnce(server("localhost"), new byte[] {'x'}))
                .isInstanceOfSatisfying(DeliveryFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo(DeliveryFailure.Reason.CERTIFICATE_NOT_TRUSTED));

        try (SyslogForwarder forwarder = forwarder(server("localhost"), otherCa, "wrong-ca")) {
            forwarder.offer(format.format(event(300, "refused.ca", "dave", AuditEvent.Outcome.SUCCESS, "never delivered")));
            waitFor(() -> !alarms.isEmpty(), "an alarm");
            assertThat(alarms.get(0)).startsWith("failing localhost:" + rsyslog.port() + " certificate_not_trusted");
            assertThat(forwarder.status().backlog()).isEqualTo(1);
        }
        assertThat(rsyslog.received()).noneMatch(line -> line.contains("refused.ca"));
    }

    @Test
    void aServerWhoseCertificateDoesNotCarryTheConfiguredNameIsRefused() throws Exception {
        SyslogServer misnamed = new SyslogServer("127.0.0.1", rsyslog.port(), "syslog.example.org");
        assertThatThrownBy(() -> new SyslogConnector(trustedCa(), POLICY, Duration.ofSeconds(5)).sendOnce(misnamed, new byte[] {'x'}))
                .isInstanceOfSatisfying(DeliveryFailure.class,
                        failure -> assertThat(failure.reason()).isEqualTo(DeliveryFailure.Reason.NAME_MISMATCH));
        try (SyslogForwarder forwarder = forwarder(misnamed, trustedCa(), "wrong-name")) {
            forwarder.offer(format.format(event(400, "refused.name", "erin", AuditEvent.Outcome.SUCCESS, "never delivered")));
            waitFor(() -> !alarms.isEmpty(), "an alarm");
            assertThat(alarms.get(0)).startsWith("failing 127.0.0.1:" + rsyslog.port() + "=syslog.example.org name_mismatch");
        }
    }

    @Test
    void aTestMessageIsSentOnAConnectionOfItsOwn() throws Exception {
        byte[] message = format.format(SyslogSeverity.INFORMATIONAL, Instant.now(), "syslog.test", Map.of("actor", "frank"), "Test message");
        new SyslogConnector(trustedCa(), POLICY, Duration.ofSeconds(5)).sendOnce(server("localhost"), message);
        assertThat(parsed(rsyslog.await(line -> line.contains(" syslog.test "), 1).get(0)).group(1)).isEqualTo(String.valueOf(13 * 8 + 6));
    }

    private SyslogForwarder forwarder(SyslogServer server, SyslogTrust trust, String queueName) throws Exception {
        SyslogQueue queue = SyslogQueue.open(directory.resolve("queues").resolve(queueName), 1 << 20, 1000);
        return new SyslogForwarder(server, queue, new SyslogConnector(trust, POLICY, Duration.ofSeconds(5)), format, recordingAlarms(),
                Clock.systemUTC(), Duration.ofMillis(50), Duration.ofMillis(300), Executors.defaultThreadFactory()).start();
    }

    private SyslogServer server(String name) {
        return new SyslogServer(name, rsyslog.port(), name);
    }

    /** The CA file setting, as an operator configures it. */
    private static SyslogTrust trustedCa() {
        try {
            return new ConfiguredSyslogTrust(new MapConfig(Map.of(ConfiguredSyslogTrust.CA_FILE, caFile.toString())), POLICY,
                    new io.vestibule.crypto.pki.CaTrustStore(caFile.resolveSibling("trust-store.pem"), POLICY, java.time.Clock.systemUTC()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static SyslogTrust trust(TestCertificates.Issued anchor) {
        return new SyslogTrust() {
            @Override
            public TrustManager[] trustManagers() throws java.security.GeneralSecurityException, java.io.IOException {
                return io.vestibule.crypto.pki.TrustAnchors.managersFor(List.of(anchor.certificate()), POLICY);
            }

            @Override
            public String describe() {
                return anchor.certificate().getSubjectX500Principal().getName();
            }
        };
    }

    private SyslogAlarms recordingAlarms() {
        return new SyslogAlarms() {
            @Override
            public void deliveryFailing(SyslogServer server, DeliveryFailure failure) {
                alarms.add("failing " + server + " " + failure.reason().code());
            }

            @Override
            public void deliveryResumed(SyslogServer server) {
                alarms.add("resumed " + server);
            }

            @Override
            public void queueFull(SyslogServer server, int limit) {
                alarms.add("full " + server);
            }

            @Override
            public void eventsDropped(SyslogServer server, long dropped) {
                alarms.add("dropped " + server + " " + dropped);
            }
        };
    }

    private static AuditEvent event(long id, String type, String actor, AuditEvent.Outcome outcome, String detail) {
        return new AuditEvent(id, Instant.now(), type, actor, "192.0.2.7", outcome, detail);
    }

    private static Matcher parsed(String line) {
        Matcher matcher = RFC_5424.matcher(line);
        assertThat(matcher.matches()).as("RFC 5424: " + line).isTrue();
        return matcher;
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(20);
        }
    }

}
