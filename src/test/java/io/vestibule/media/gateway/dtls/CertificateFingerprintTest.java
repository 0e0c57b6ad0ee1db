package io.vestibule.media.gateway.dtls;

import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.crypto.CryptoPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CertificateFingerprintTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final Map<String, Integer> HASHES = POLICY.dtlsFingerprintHashes();
    private static final GatewayCertificate CERTIFICATE = GatewayCertificate.generate(POLICY, new SecureRandom(), Clock.systemUTC());

    @Test
    void theGatewaysAnnouncedFingerprintReadsBackAndMatchesItsCertificate() throws Exception {
        CertificateFingerprint read = CertificateFingerprint.parse(CERTIFICATE.sdpFingerprint(), HASHES);

        assertThat(CERTIFICATE.sdpFingerprint()).matches("sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(read).isEqualTo(CERTIFICATE.fingerprint());
        assertThat(read.matches(CERTIFICATE.certificate().getEncoded())).isTrue();
        assertThat(CertificateFingerprint.parse(CERTIFICATE.sdpFingerprint().toLowerCase().replace("sha-256", "SHA-256"), HASHES))
                .isEqualTo(read);
    }

    @Test
    void aFingerprintDoesNotMatchAnotherCertificate() throws Exception {
        GatewayCertificate other = GatewayCertificate.generate(POLICY, new SecureRandom(), Clock.systemUTC());

        assertThat(CERTIFICATE.fingerprint().matches(other.certificate().getEncoded())).isFalse();
        assertThat(CertificateFingerprint.of("sha-512", other.certificate().getEncoded()).matches(CERTIFICATE.certificate().getEncoded())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha-256", "sha-1 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01",
            "md5 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89", "sha-256 AB:CD", "sha-256 ZZ:CD", "sha-256  AB"})
    void weakOrMalformedFingerprintsAreRefused(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> CertificateFingerprint.parse(value, HASHES));
    }

    @Test
    void theGatewayCertificateIsAFreshP256KeyWithinItsValidity() {
        GatewayCertificate other = GatewayCertificate.generate(POLICY, new SecureRandom(), Clock.systemUTC());

        assertThat(((ECPublicKey) CERTIFICATE.certificate().getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(CERTIFICATE.certificate().getSigAlgName()).isEqualToIgnoringCase("SHA256withECDSA");
        assertThat(other.fingerprint()).isNotEqualTo(CERTIFICATE.fingerprint());
        assertThat(CERTIFICATE.toString()).contains(CERTIFICATE.sdpFingerprint()).doesNotContain("PrivateKey");
    }

    @Test
    void settingsRefuseEmptyListsAndDeadlinesThatAreNone() {
        DtlsServerSettings standard = DtlsServerSettings.from(POLICY, true, Duration.ofSeconds(10));

        assertThatIllegalArgumentException().isThrownBy(() -> new DtlsServerSettings(List.of(), standard.namedGroups(),
                standard.signatureSchemes(), standard.srtpProfiles(), Duration.ofSeconds(10)));
        assertThatIllegalArgumentException().isThrownBy(() -> new DtlsServerSettings(standard.cipherSuites(), standard.namedGroups(),
                standard.signatureSchemes(), List.of(), Duration.ofSeconds(10)));
        assertThatIllegalArgumentException().isThrownBy(() -> DtlsServerSettings.from(POLICY, true, Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> new TlsCodes(new DtlsServerSettings(List.of("TLS_NO_SUCH_SUITE"),
                standard.namedGroups(), standard.signatureSchemes(), standard.srtpProfiles(), Duration.ofSeconds(10))));
    }
}
