package io.vestibule.crypto.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Issues the self-signed server certificate used until an administrator installs one signed by a CA
 * (seed 000 §66): a fresh key of the policy's type, a 128-bit random serial, subjectAltName entries for every
 * name the service answers to, and the extensions of a TLS server leaf (not a CA).
 */
public final class SelfSignedCertificateIssuer {
    private final CryptoPolicy policy;
    private final SecureRandom random;

    public SelfSignedCertificateIssuer(CryptoPolicy policy, SecureRandom random) {
        this.policy = policy;
        this.random = random;
    }

    public TlsIdentity issue(String commonName, Collection<String> hosts, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(policy.certificateKeyAlgorithm());
            generator.initialize(policy.certificateCurve(), random);
            KeyPair keys = generator.generateKeyPair();

            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Vestibule")
                    .addRDN(BCStyle.CN, commonName)
                    .build();
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            Instant notBefore = now.minusSeconds(300);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(1, serial),
                    Date.from(notBefore), Date.from(now.plus(policy.selfSignedCertificateValidity())), subject,
                    keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(commonName, hosts));

            X509Certificate certificate = new JcaX509CertificateConverter()
                    .setProvider(CryptoPolicy.bouncyCastle())
                    .getCertificate(builder.build(new JcaContentSignerBuilder(policy.certificateSignatureAlgorithm())
                            .setProvider(CryptoPolicy.bouncyCastle())
                            .build(keys.getPrivate())));
            return new TlsIdentity(keys.getPrivate(), List.of(certificate));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("Cannot issue a self-signed certificate", e);
        }
    }

    private static GeneralNames alternativeNames(String commonName, Collection<String> hosts) {
        Set<String> all = new LinkedHashSet<>();
        all.add(commonName);
        all.addAll(hosts);
        List<GeneralName> names = new ArrayList<>();
        for (String host : all) {
            names.add(HostNames.isIpLiteral(host)
                    ? new GeneralName(GeneralName.iPAddress, HostNames.normalise(host))
                    : new GeneralName(GeneralName.dNSName, host));
        }
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }
}
