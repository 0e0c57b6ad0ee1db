package io.vestibule.identity.cert;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation of administrators' client certificates against a test CA that publishes a CRL and answers OCSP over HTTP
 * on 127.0.0.1, against the trust store's CRLs and against the operator's CRL file.
 */
@Timeout(60)
class ClientCertificateRevocationTest {
    private final TestClock clock = new TestClock(Instant.now());
    private final List<X509CRL> operatorCrls = new ArrayList<>();
    private final List<X509CRL> storeCrls = new ArrayList<>();
    private RevocationAuthority authority;

    @BeforeEach
    void start() throws IOException {
        authority = new RevocationAuthority("CN=Admin CA,O=Example", clock);
    }

    @AfterEach
    void stop() {
        authority.close();
    }

    private ClientCertificateRevocation revocation(RevocationFailureMode mode, X509Certificate... authorities) {
        return new ClientCertificateRevocation(authorities.length == 0 ? List.of(authority.certificate()) : List.of(authorities),
                () -> storeCrls, () -> operatorCrls, new RevocationFetcher(Duration.ofSeconds(2), Duration.ofSeconds(5)), CryptoPolicy.standard(), mode, clock);
    }

    private RevocationStatus check(TestCertificates.Issued... chain) {
        return revocation(RevocationFailureMode.FAIL_CLOSED).check(chainOf(chain));
    }

    private static List<X509Certificate> chainOf(TestCertificates.Issued... chain) {
        return java.util.Arrays.stream(chain).map(TestCertificates.Issued::certificate).toList();
    }

    @Test
    void aCertificateTheCrlDoesNotListIsGood() {
        authority.revoked.add(BigInteger.valueOf(424242));

        assertThat(check(authority.withCrl("CN=ana"))).isInstanceOf(RevocationStatus.Good.class);
    }

    @Test
    void aCertificateTheCrlListsIsRevoked() {
        TestCertificates.Issued ana = authority.withCrl("CN=ana");
        authority.revoked.add(ana.certificate().getSerialNumber());

        RevocationStatus status = check(ana);

        assertThat(status).isInstanceOf(RevocationStatus.Revoked.class);
        assertThat(((RevocationStatus.Revoked) status).description()).contains(authority.crlUrl()).contains("key_compromise");
        assertThat(RevocationFailureMode.SOFT_FAIL.admits(status)).as("soft fail never admits a revoked certificate").isFalse();
    }

    @Test
    void aFetchedCrlIsKeptUntilItsNextUpdate() {
        ClientCertificateRevocation revocation = revocation(RevocationFailureMode.FAIL_CLOSED);
        TestCertificates.Issued ana = authority.withCrl("CN=ana");

        revocation.check(chainOf(ana));
        revocation.check(chainOf(ana));
        assertThat(authority.crlRequests).hasValue(1);

        authority.revoked.add(ana.certificate().getSerialNumber());
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        assertThat(revocation.check(chainOf(ana))).isInstanceOf(RevocationStatus.Revoked.class);
        assertThat(authority.crlRequests).hasValue(2);
    }

    @Test
    void theOcspResponderSaysGoodOrRevoked() {
        TestCertificates.Issued ana = authority.withOcsp("CN=ana");
        TestCertificates.Issued bob = authority.withOcsp("CN=bob");
        authority.revoked.add(bob.certificate().getSerialNumber());

        assertThat(check(ana)).isInstanceOf(RevocationStatus.Good.class);
        RevocationStatus revoked = check(bob);
        assertThat(revoked).isInstanceOf(RevocationStatus.Revoked.class);
        assertThat(((RevocationStatus.Revoked) revoked).description()).contains("OCSP").contains("key_compromise");
    }

    @Test
    void anOcspAnswerIsKeptUntilItsNextUpdate() {
        ClientCertificateRevocation revocation = revocation(RevocationFailureMode.FAIL_CLOSED);
        TestCertificates.Issued ana = authority.withOcsp("CN=ana");

        revocation.check(chainOf(ana));
        revocation.check(chainOf(ana));
        assertThat(authority.ocspRequests).hasValue(1);

        authority.revoked.add(ana.certificate().getSerialNumber());
        clock.advance(Duration.ofHours(2));
        assertThat(revocation.check(chainOf(ana))).isInstanceOf(RevocationStatus.Revoked.class);
        assertThat(authority.ocspRequests).hasValue(2);
    }

    @Test
    void aDelegatedOcspResponderIsBelievedOnlyWithTheOcspSigningPurpose() {
        TestCertificates.Issued ana = authority.withOcsp("CN=ana");
        authority.revoked.add(ana.certificate().getSerialNumber());

        authority.ocspSigner = TestCertificates.issue(authority.ca, "CN=Admin CA OCSP", false,
                new Extension(Extension.extendedKeyUsage, false, encoded(new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning))));
        assertThat(check(ana)).isInstanceOf(RevocationStatus.Revoked.class);

        authority.ocspSigner = TestCertificates.issue(authority.ca, "CN=Some server of the CA", false);
        assertThat(check(ana)).isInstanceOf(RevocationStatus.Unknown.class);

        authority.ocspSigner = TestCertificates.authority("CN=Admin CA,O=Example");
        assertThat(check(ana)).as("a CA of the same name but another key").isInstanceOf(RevocationStatus.Unknown.class);
    }

    @Test
    void unreachableSourcesLeaveRevocationUnknownWhichFailsClosedUnlessSoftFailIsChosen() throws IOException {
        TestCertificates.Issued ana = TestCertificates.issue(authority.ca, "CN=ana", false,
                RevocationAuthority.crlDistributionPoint(RevocationAuthority.unreachable("/ca.crl")),
                RevocationAuthority.ocspResponder(RevocationAuthority.unreachable("/ocsp")));

        RevocationStatus status = check(ana);

        assertThat(status).isInstanceOf(RevocationStatus.Unknown.class);
        assertThat(((RevocationStatus.Unknown) status).description()).contains("OCSP responder").contains("CRL at").contains("unreachable");
        assertThat(RevocationFailureMode.FAIL_CLOSED.admits(status)).isFalse();
        assertThat(RevocationFailureMode.SOFT_FAIL.admits(status)).isTrue();
    }

    @Test
    void aCertificateNamingNoSourceIsUnknown() {
        RevocationStatus status = check(TestCertificates.issue(authority.ca, "CN=ana", false));

        assertThat(status).isInstanceOf(RevocationStatus.Unknown.class);
        assertThat(((RevocationStatus.Unknown) status).description()).contains("no CRL distribution point");
    }

    @Test
    void onlyHttpAddressesAreFollowed() {
        RevocationStatus status = check(TestCertificates.issue(authority.ca, "CN=ana", false,
                RevocationAuthority.crlDistributionPoint("file:///etc/passwd"),
                RevocationAuthority.ocspResponder("ldap://127.0.0.1/cn=ocsp")));

        assertThat(status).isInstanceOf(RevocationStatus.Unknown.class);
        assertThat(((RevocationStatus.Unknown) status).description()).contains("http only");
    }

    @Test
    void theOperatorsCrlFileAnswersForCertificatesThatNameNoSource() {
        TestCertificates.Issued ana = TestCertificates.issue(authority.ca, "CN=ana", false);
        TestCertificates.Issued bob = TestCertificates.issue(authority.ca, "CN=bob", false);
        operatorCrls.add(TestCertificates.crl(authority.ca, clock.instant(), clock.instant().plus(Duration.ofDays(7)),
                bob.certificate().getSerialNumber()));

        assertThat(check(ana)).isInstanceOf(RevocationStatus.Good.class);
        assertThat(check(bob)).isInstanceOf(RevocationStatus.Revoked.class);
        assertThat(authority.crlRequests).hasValue(0);
    }

    @Test
    void theTrustStoresCrlAnswersBeforeOcspAndTheDistributionPoint() {
        TestCertificates.Issued ana = TestCertificates.issue(authority.ca, "CN=ana", false,
                RevocationAuthority.crlDistributionPoint(authority.crlUrl()), RevocationAuthority.ocspResponder(authority.ocspUrl()));
        TestCertificates.Issued bob = TestCertificates.issue(authority.ca, "CN=bob", false,
                RevocationAuthority.crlDistributionPoint(authority.crlUrl()), RevocationAuthority.ocspResponder(authority.ocspUrl()));
        storeCrls.add(TestCertificates.crl(authority.ca, clock.instant(), clock.instant().plus(Duration.ofDays(7)),
                bob.certificate().getSerialNumber()));

        assertThat(check(ana)).isInstanceOf(RevocationStatus.Good.class);
        RevocationStatus revoked = check(bob);
        assertThat(revoked).isInstanceOf(RevocationStatus.Revoked.class);
        assertThat(((RevocationStatus.Revoked) revoked).description()).contains("the trust store's CRL").contains("key_compromise");
        assertThat(authority.ocspRequests).as("no network source was asked").hasValue(0);
        assertThat(authority.crlRequests).hasValue(0);
    }

    @Test
    void aStaleTrustStoreCrlSaysNothingSoTheFailureModeDecides() {
        TestCertificates.Issued ana = TestCertificates.issue(authority.ca, "CN=ana", false);
        storeCrls.add(TestCertificates.crl(authority.ca, clock.instant().minus(Duration.ofDays(8)), clock.instant().minus(Duration.ofDays(1)),
                ana.certificate().getSerialNumber()));

        RevocationStatus status = check(ana);

        assertThat(status).isInstanceOf(RevocationStatus.Unknown.class);
        assertThat(((RevocationStatus.Unknown) status).description()).contains("the trust store's CRL is out of date");
        assertThat(RevocationFailureMode.FAIL_CLOSED.admits(status)).isFalse();
        assertThat(RevocationFailureMode.SOFT_FAIL.admits(status)).isTrue();
    }

    @Test
    void aStaleTrustStoreCrlLeavesTheOtherSourcesToAnswer() {
        TestCertificates.Issued ana = authority.withCrl("CN=ana");
        authority.revoked.add(ana.certificate().getSerialNumber());
        storeCrls.add(TestCertificates.crl(authority.ca, clock.instant().minus(Duration.ofDays(8)), clock.instant().minus(Duration.ofDays(1))));

        assertThat(check(ana)).isInstanceOf(RevocationStatus.Revoked.class);
        assertThat(authority.crlRequests).hasValue(1);
    }

    @Test
    void aCrlOutOfDateOrSignedByAnotherKeyCountsForNothing() {
        TestCertificates.Issued ana = TestCertificates.issue(authority.ca, "CN=ana", false);
        operatorCrls.add(TestCertificates.crl(authority.ca, clock.instant().minus(Duration.ofDays(8)), clock.instant().minus(Duration.ofDays(1))));
        operatorCrls.add(TestCertificates.crl(TestCertificates.authority("CN=Admin CA,O=Example"), clock.instant(),
                clock.instant().plus(Duration.ofDays(7))));

        RevocationStatus status = check(ana);

        assertThat(status).isInstanceOf(RevocationStatus.Unknown.class);
        assertThat(((RevocationStatus.Unknown) status).description()).contains("out of date").contains("not signed by its issuer's key");
    }

    @Test
    void aRevokedIntermediateCaRevokesTheCertificatesBelowIt() {
        TestCertificates.Issued intermediate = authority.withCrl("CN=Admin issuing CA");
        TestCertificates.Issued ana = TestCertificates.issue(intermediate, "CN=ana", false);
        operatorCrls.add(TestCertificates.crl(intermediate, clock.instant(), clock.instant().plus(Duration.ofDays(7))));

        assertThat(check(ana, intermediate)).isInstanceOf(RevocationStatus.Good.class);

        authority.revoked.add(intermediate.certificate().getSerialNumber());
        clock.advance(Duration.ofHours(2));
        assertThat(check(ana, intermediate)).isInstanceOf(RevocationStatus.Revoked.class);
    }

    @Test
    void aConfiguredAuthorityItselfIsTrustedAsItIs() {
        TestCertificates.Issued lastResort = TestCertificates.authority("CN=lastresort");

        assertThat(revocation(RevocationFailureMode.FAIL_CLOSED, authority.certificate(), lastResort.certificate())
                .check(chainOf(lastResort))).isInstanceOf(RevocationStatus.Good.class);
    }

    @Test
    void aCertificateOfAnUnknownIssuerIsUnknown() {
        TestCertificates.Issued stranger = TestCertificates.issue(TestCertificates.authority("CN=Other CA"), "CN=mallory", false);

        assertThat(check(stranger)).isInstanceOf(RevocationStatus.Unknown.class);
    }

    @Test
    void theOperatorsCrlFileIsReadAgainWhenItChanges(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("admin-clients.crl");
        TestCertificates.Issued ana = TestCertificates.issue(authority.ca, "CN=ana", false);
        OperatorCrls crls = new OperatorCrls(Optional.of(file));
        assertThat(crls.get()).as("no file yet").isEmpty();

        Files.writeString(file, TestCertificates.crlPem(TestCertificates.crl(authority.ca, clock.instant(), clock.instant().plus(Duration.ofDays(7)))));
        assertThat(crls.get()).hasSize(1);
        assertThat(crls.get().get(0).getRevokedCertificate(ana.certificate())).isNull();

        Files.writeString(file, TestCertificates.crlPem(TestCertificates.crl(authority.ca, clock.instant(), clock.instant().plus(Duration.ofDays(7)),
                ana.certificate().getSerialNumber())));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(crls.get().get(0).getRevokedCertificate(ana.certificate())).isNotNull();
    }

    private static byte[] encoded(ExtendedKeyUsage usage) {
        try {
            return usage.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
