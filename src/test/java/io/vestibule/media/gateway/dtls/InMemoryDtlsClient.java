package io.vestibule.media.gateway.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Hashtable;
import java.util.Vector;

import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ExporterLabel;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

import io.vestibule.media.gateway.SrtpKeyingMaterial;
import io.vestibule.media.gateway.SrtpProfile;

/**
 * A participant's DTLS client as a browser would run it, on Bouncy Castle's client: it offers the suites, groups and
 * SRTP profiles it is given, presents a certificate unless it has none, and keeps the server's certificate and the
 * exported SRTP keys.
 */
final class InMemoryDtlsClient extends DefaultTlsClient {
    private final int[] cipherSuites;
    private final int[] groups;
    private final int[] srtpProfiles;
    private final GatewayCertificate certificate;

    private volatile int selectedProfile = -1;
    private volatile byte[] serverCertificate;
    private volatile SrtpKeyingMaterial keys;

    /**
     * @param groups the named groups to offer, or null for Bouncy Castle's default
     * @param srtpProfiles the profile codes for use_srtp, or null to leave the extension out
     * @param certificate the client's certificate, or null to present none
     */
    InMemoryDtlsClient(int[] cipherSuites, int[] groups, int[] srtpProfiles, GatewayCertificate certificate) {
        super(new JcaTlsCryptoProvider().create(new SecureRandom()));
        this.cipherSuites = cipherSuites;
        this.groups = groups;
        this.srtpProfiles = srtpProfiles;
        this.certificate = certificate;
    }

    SrtpKeyingMaterial keys() {
        return keys;
    }

    byte[] serverCertificate() {
        return serverCertificate;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return cipherSuites;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        if (groups == null) {
            return super.getSupportedGroups(namedGroupRoles);
        }
        Vector offered = new Vector();
        for (int group : groups) {
            offered.add(group);
        }
        return offered;
    }

    @Override
    public int getHandshakeTimeoutMillis() {
        return 20_000;
    }

    @Override
    @SuppressWarnings({"rawtypes"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = TlsExtensionsUtils.ensureExtensionsInitialised(super.getClientExtensions());
        if (srtpProfiles != null) {
            TlsSRTPUtils.addUseSRTPExtension(extensions, new UseSRTPData(srtpProfiles, TlsUtils.EMPTY_BYTES));
        }
        return extensions;
    }

    @Override
    @SuppressWarnings({"rawtypes"})
    public void processServerExtensions(Hashtable serverExtensions) throws IOException {
        super.processServerExtensions(serverExtensions);
        UseSRTPData chosen = TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
        if (chosen != null && chosen.getProtectionProfiles().length == 1) {
            selectedProfile = chosen.getProtectionProfiles()[0];
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        SrtpProfile profile = SrtpProfile.withCode(selectedProfile).orElseThrow();
        keys = SrtpKeyingMaterial.split(profile, context.exportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.keyingMaterialBytes()));
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate server) throws IOException {
                serverCertificate = server.getCertificate().getCertificateAt(0).getEncoded();
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                if (certificate == null) {
                    return null;
                }
                TlsCertificate own = getCrypto().createCertificate(certificate.encoded());
                return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), (JcaTlsCrypto) getCrypto(),
                        certificate.privateKey(), new Certificate(new TlsCertificate[] {own}),
                        new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }
        };
    }
}
