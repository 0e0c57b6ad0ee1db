package io.vestibule.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificate authorities and administrator client certificates made in the test with Bouncy Castle (R-ADM-5):
 * a subject CN, and optionally a subjectAltName userPrincipalName as Active Directory puts it.
 */
public final class ClientCertificates {
    private static final String UPN_OID = "1.3.6.1.4.1.311.20.2.3";
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private ClientCertificates() {
    }

    public static Issued authority(String name) {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name + ",O=Vestibule tests");
        try {
            var builder = new JcaX509v3CertificateBuilder(subject, serial(), Date.from(Instant.now().minus(Duration.ofMinutes(5))),
                    Date.from(Instant.now().plus(Duration.ofDays(30))), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            return new Issued(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued client(Issued authority, String commonName, Optional<String> userPrincipalName) {
        KeyPair keys = keyPair();
        try {
            var builder = new JcaX509v3CertificateBuilder(authority.certificate(), serial(),
                    Date.from(Instant.now().minus(Duration.ofMinutes(5))), Date.from(Instant.now().plus(Duration.ofDays(30))),
                    new X500Name("CN=" + commonName + ",O=Users"), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            if (userPrincipalName.isPresent()) {
                ASN1EncodableVector otherName = new ASN1EncodableVector();
                otherName.add(new ASN1ObjectIdentifier(UPN_OID));
                otherName.add(new DERTaggedObject(true, 0, new DERUTF8String(userPrincipalName.get())));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.otherName, new DERSequence(otherName))));
            }
            return new Issued(sign(builder, authority.key()), keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(JcaX509v3CertificateBuilder builder, PrivateKey issuerKey) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}
