package io.vestibule.identity.demo;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.unboundid.ldap.sdk.LDAPException;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The demo directory's port taken by another program: the refusal names the setting that moves it. LauncherIT's
 * real refused start (a bad VESTIBULE_MEDIA_PORT) shows that such a refusal at deployment ends the process with its
 * message as the one line, and DeploymentFailureWitnessTest that this message is the one picked from its causes.
 */
class DemoDirectoryTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final SecureRandom RANDOM = POLICY.newSecureRandom();

    @Test
    void aTakenPortIsRefusedWithTheSettingThatMovesItNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> DemoDirectory.start(taken.getLocalPort(), Optional.of("Directory-Pass-1234"),
                    new SelfSignedCertificateIssuer(POLICY, RANDOM).issue("localhost", List.of("localhost", "127.0.0.1"), Instant.now()),
                    POLICY, RANDOM))
                    .isInstanceOf(LDAPException.class)
                    .hasMessageStartingWith("The demo directory cannot listen on 127.0.0.1 port " + taken.getLocalPort() + " (")
                    .hasMessageEndingWith("); free the port or set VESTIBULE_DEMO_LDAP_PORT");
        }
    }
}
