package io.vestibule.media.gateway.dtls;

import java.io.IOException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyViolation;
import io.vestibule.media.gateway.SrtpKeyingMaterial;
import io.vestibule.media.gateway.SrtpProfile;

/**
 * Bouncy Castle's DTLS server bent to the gateway's policy: DTLS 1.2 only, the policy's suites and groups in the
 * policy's order, a client certificate required and pinned to the fingerprint of the participant's session
 * description, an SRTP profile from the allow-list. Each refusal it raises leaves its {@link DtlsFailure}, which
 * Bouncy Castle's exceptions alone would not tell apart; on success it keeps the exported SRTP keys.
 */
final class PolicyTlsServer extends DefaultTlsServer {
    private static final String PEER_FINGERPRINT_HASH = "sha-256";

    private final TlsCodes codes;
    private final List<SrtpProfile> profiles;
    private final GatewayCertificate certificate;
    private final CertificateFingerprint expectedPeer;
    private final CryptoPolicy policy;
    private final int handshakeTimeoutMillis;

    private volatile DtlsFailure failure;
    private volatile String failureDetail;
    private SrtpProfile selectedProfile;
    private volatile DtlsOutcome.Established established;

    PolicyTlsServer(JcaTlsCrypto crypto, DtlsServerSettings settings, GatewayCertificate certificate,
                    CertificateFingerprint expectedPeer, CryptoPolicy policy) {
        super(crypto);
        this.codes = new TlsCodes(settings);
        this.profiles = settings.srtpProfiles();
        this.certificate = certificate;
        this.expectedPeer = expectedPeer;
        this.policy = policy;
        this.handshakeTimeoutMillis = (int) settings.handshakeTimeout().toMillis();
    }

    DtlsFailure failure() {
        return failure;
    }

    String failureDetail() {
        return failureDetail;
    }

    DtlsOutcome.Established established() {
        return established;
    }

    // ---- version, suites, groups ---------------------------------------------------------------

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), codes.cipherSuites());
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    public int[] getSupportedGroups() {
        return codes.namedGroups();
    }

    @Override
    public ProtocolVersion getServerVersion() throws IOException {
        try {
            return super.getServerVersion();
        } catch (TlsFatalAlert e) {
            throw refuse(DtlsFailure.UNSUPPORTED_VERSION, "the client offers no DTLS 1.2", e.getAlertDescription());
        }
    }

    @Override
    public int getSelectedCipherSuite() throws IOException {
        try {
            return super.getSelectedCipherSuite();
        } catch (TlsFatalAlert e) {
            boolean suiteInCommon = Arrays.stream(offeredCipherSuites).anyMatch(offered -> Arrays.stream(cipherSuites).anyMatch(ours -> ours == offered));
            throw suiteInCommon
                    ? refuse(DtlsFailure.NO_COMMON_GROUP, "the client offers none of the groups " + Arrays.toString(codes.namedGroups()), e.getAlertDescription())
                    : refuse(DtlsFailure.NO_COMMON_SUITE, "the client offers no ECDHE-ECDSA AES-GCM suite", e.getAlertDescription());
        }
    }

    /** Only the policy's groups, in the policy's order, among those the client offers. */
    @Override
    protected int selectECDH(int minimumCurveBits) {
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        for (int group : codes.namedGroups()) {
            if (NamedGroup.getCurveBits(group) >= minimumCurveBits && (offered == null || contains(offered, group))) {
                return group;
            }
        }
        return -1;
    }

    @Override
    protected int getMaximumNegotiableCurveBits() {
        int[] offered = context.getSecurityParametersHandshake().getClientSupportedGroups();
        int bits = 0;
        for (int group : codes.namedGroups()) {
            if (offered == null || contains(offered, group)) {
                bits = Math.max(bits, NamedGroup.getCurveBits(group));
            }
        }
        return bits;
    }

    /** RFC 7627: without the extended master secret, a man in the middle could make two sessions share keys. */
    @Override
    public boolean requiresExtendedMasterSecret() {
        return true;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    // ---- use_srtp --------------------------------------------------------------------------------

    @Override
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        UseSRTPData offered = clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
        if (offered == null) {
            throw refuse(DtlsFailure.NO_COMMON_PROFILE, "the client offers no use_srtp extension", AlertDescription.handshake_failure);
        }
        for (SrtpProfile profile : profiles) {
            if (contains(offered.getProtectionProfiles(), profile.code())) {
                selectedProfile = profile;
                return;
            }
        }
        throw refuse(DtlsFailure.NO_COMMON_PROFILE, "the client offers none of the SRTP profiles " + profiles, AlertDescription.handshake_failure);
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getServerExtensions() throws IOException {
        Hashtable extensions = super.getServerExtensions();
        // No MKI: one key per direction for the life of the association (RFC 5764 §4.1.2 lets the server choose).
        TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(new int[] {selectedProfile.code()}, TlsUtils.EMPTY_BYTES));
        return extensions;
    }

    // ---- certificates ----------------------------------------------------------------------------

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        TlsCertificate own = getCrypto().createCertificate(certificate.encoded());
        return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), (JcaTlsCrypto) getCrypto(),
                certificate.privateKey(), new Certificate(new TlsCertificate[] {own}),
                new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
    }

    @Override
    public CertificateRequest getCertificateRequest() {
        return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign}, codes.signatureAlgorithms(), null);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            throw refuse(DtlsFailure.NO_CLIENT_CERTIFICATE, "the client presented no certificate", AlertDescription.handshake_failure);
        }
        TlsCertificate leaf = clientCertificate.getCertificateAt(0);
        byte[] encoded = leaf.getEncoded();
        if (!expectedPeer.matches(encoded)) {
            throw refuse(DtlsFailure.FINGERPRINT_MISMATCH, "the client's certificate is not the one its session description announced ("
                    + CertificateFingerprint.of(expectedPeer.hash(), encoded) + " instead of " + expectedPeer + ")", AlertDescription.bad_certificate);
        }
        try {
            PublicKey key = JcaTlsCertificate.convert((JcaTlsCrypto) getCrypto(), leaf).getX509Certificate().getPublicKey();
            policy.requireAcceptable(key);
        } catch (CryptoPolicyViolation e) {
            throw refuse(DtlsFailure.PEER_CERTIFICATE_REFUSED, e.getMessage(), AlertDescription.bad_certificate);
        }
    }

    // ---- outcome ---------------------------------------------------------------------------------

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        // Bouncy Castle lets the exporter run only here (RFC 5764 §4.2: label EXTRACTOR-dtls_srtp, no context).
        byte[] exported = context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, selectedProfile.keyingMaterialBytes());
        SrtpKeyingMaterial keys = SrtpKeyingMaterial.split(selectedProfile, exported);
        Arrays.fill(exported, (byte) 0);
        byte[] peer = context.getSecurityParametersConnection().getPeerCertificate().getCertificateAt(0).getEncoded();
        established = new DtlsOutcome.Established(context.getServerVersion().getName(),
                codes.cipherSuiteName(context.getSecurityParametersConnection().getCipherSuite()), selectedProfile,
                CertificateFingerprint.of(PEER_FINGERPRINT_HASH, peer), keys);
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertLevel == AlertLevel.fatal && failure == null) {
            remember(DtlsFailure.PROTOCOL_ERROR, AlertDescription.getText(alertDescription) + (message == null ? "" : ": " + message));
        }
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal && failure == null) {
            remember(DtlsFailure.PEER_ABORTED, "the client sent " + AlertDescription.getText(alertDescription));
        }
    }

    private TlsFatalAlert refuse(DtlsFailure reason, String detail, short alertDescription) {
        remember(reason, detail);
        return new TlsFatalAlert(alertDescription, detail);
    }

    private void remember(DtlsFailure reason, String detail) {
        if (failure == null) {
            failure = reason;
            failureDetail = detail;
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }
}
