package io.vestibule.identity.ldap;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.identity.demo.DemoDirectory;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's "test connection" against a real directory with StartTLS (the demo directory). */
@Timeout(60)
class DirectoryCheckTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final SecureRandom RANDOM = POLICY.newSecureRandom();
    private static DemoDirectory demo;

    @BeforeAll
    static void start() throws Exception {
        demo = DemoDirectory.start(0, Optional.of("Directory-Pass-1234"),
                new SelfSignedCertificateIssuer(POLICY, RANDOM).issue("localhost", List.of("localhost", "127.0.0.1"), Instant.now()), POLICY, RANDOM);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static DirectorySettings with(URI url, char[] bindPassword, String userBase, boolean trusted) {
        DirectorySettings s = demo.clientSettings();
        return new DirectorySettings(url, s.transport(), false, s.bindDn(), bindPassword, userBase, s.userNameAttribute(),
                s.userObjectClass(), trusted ? s.trustAnchors()
                        : List.of(new SelfSignedCertificateIssuer(POLICY, RANDOM).issue("localhost", List.of("localhost"), Instant.now()).leaf()),
                s.portalGroupDn(), 2000, 3000);
    }

    @Test
    void aWorkingDirectoryPassesEveryStage() {
        DirectoryCheck.Outcome outcome = DirectoryCheck.run(demo.clientSettings(), POLICY);
        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(outcome.message()).contains("StartTLS").doesNotContain(new String(demo.clientSettings().bindPassword()));
    }

    @Test
    void eachFailureNamesItsStage() throws Exception {
        DirectorySettings good = demo.clientSettings();
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        DirectoryCheck.Outcome down = DirectoryCheck.run(with(URI.create("ldap://localhost:" + closed), good.bindPassword(), good.userBaseDn(), true), POLICY);
        assertThat(down.stage()).isEqualTo(DirectoryCheck.Stage.CONNECT);
        assertThat(down.unreachable()).isTrue();
        DirectoryCheck.Outcome untrusted = DirectoryCheck.run(with(good.url(), good.bindPassword(), good.userBaseDn(), false), POLICY);
        assertThat(untrusted.stage()).as("a server certificate the trust anchors do not vouch for").isEqualTo(DirectoryCheck.Stage.TLS);
        assertThat(untrusted.unreachable()).as("StartTLS failed").isTrue();
        DirectoryCheck.Outcome wrongPassword = DirectoryCheck.run(with(good.url(), "Not-The-Password-1".toCharArray(), good.userBaseDn(), true), POLICY);
        assertThat(wrongPassword.stage()).isEqualTo(DirectoryCheck.Stage.BIND);
        assertThat(wrongPassword.message()).doesNotContain("Not-The-Password-1");
        assertThat(wrongPassword.unreachable()).as("a wrong password is an answer").isFalse();
        DirectoryCheck.Outcome missingBase = DirectoryCheck.run(with(good.url(), good.bindPassword(), "OU=Nowhere," + DemoDirectory.BASE_DN, true), POLICY);
        assertThat(missingBase.ok()).isFalse();
        assertThat(missingBase.stage()).isEqualTo(DirectoryCheck.Stage.SEARCH);
        assertThat(missingBase.unreachable()).isFalse();
    }
}
