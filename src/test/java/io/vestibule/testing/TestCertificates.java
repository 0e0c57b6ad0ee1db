package io.vestibule.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.vestibule.crypto.CryptoModule;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.CryptoPolicy;

/** Certificates made by Bouncy Castle for tests: authorities, administrators' client certificates, odd ones. */
public final class TestCertificates {
    private static final AtomicLong SERIALS = new AtomicLong(1000);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        public X500Name subject() {
            return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        }

        /** A PKCS#12 key store holding the key with its chain (this certificate, then the given issuers). */
        public KeyStore keyStore(char[] password, X509Certificate... issuers) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                Certificate[] chain = new Certificate[issuers.length + 1];
                chain[0] = certificate;
                System.arraycopy(issuers, 0, chain, 1, issuers.length);
                store.setKeyEntry("client", key, password, chain);
                return store;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TestCertificates() {
    }

    /** A private key as unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"), as servers such as Keycloak read it. */
    public static String privateKeyPem(PrivateKey key) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static KeyPair ecKeys() {
        return keys("EC", new ECGenParameterSpec("secp256r1"), 0);
    }

    /** One RSA-2048 pair for every test that needs a key below the policy: making one costs up to seconds. */
    public static KeyPair rsa2048() {
        return Rsa2048.KEYS;
    }

    private static final class Rsa2048 {
        static final KeyPair KEYS = rsaKeys(2048);
    }

    /**
     * The JUnit tag of tests that need bcprov itself (Argon2, P-192 keys, SHA-1 with ECDSA, jitsi-srtp's AES-CM,
     * OpenSSL's traditional key encryption, CMS password recipients' RFC 3211 key wrap), which the FIPS build does not
     * carry or its approved-only mode refuses: the crypto tests' FIPS execution leaves them out (pom.xml,
     * execution crypto-in-fips-mode).
     */
    public static final String NEEDS_BCPROV = "needs-bcprov";

    /**
     * The provider that signs with this algorithm in a test: Bouncy Castle's, except that the FIPS module in
     * approved-only mode makes no SHA-1, MD5 or DSA signature, so the certificates the policy must refuse come from
     * the JDK's providers there.
     */
    public static java.security.Provider signerFor(String algorithm) {
        String upper = algorithm.toUpperCase(java.util.Locale.ROOT);
        boolean ecdsa = upper.endsWith("ECDSA");
        boolean weak = upper.startsWith("SHA1") || upper.startsWith("MD5") || upper.endsWith("DSA") && !ecdsa;
        if (!CryptoModule.fips() || !weak) {
            return CryptoPolicy.bouncyCastle();
        }
        return java.security.Security.getProvider(ecdsa ? "SunEC" : upper.endsWith("DSA") ? "SUN" : "SunRsaSign");
    }

    /** Keys on any curve Bouncy Castle knows, such as P-192, which the JDK no longer generates. */
    public static KeyPair ecKeysOn(String curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoPolicy.bouncyCastle());
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKeys(int bits) {
        return keys("RSA", null, bits);
    }

    /** A self-signed certification authority on P-256, valid for a day. */
    public static Issued authority(String subject) {
        KeyPair keys = ecKeys();
        X500Name name = new X500Name(subject);
        return new Issued(build(name, keys, name, keys.getPrivate(), "SHA256withECDSA", Instant.now(), Duration.ofDays(1),
                true, null), keys.getPrivate());
    }

    /** A P-256 end-entity certificate issued by {@code issuer}, with these subjectAltNames when not null. */
    public static Issued issue(Issued issuer, String subject, GeneralNames altNames) {
        return issue(issuer, new X500Name(subject), altNames);
    }

    public static Issued issue(Issued issuer, X500Name subject, GeneralNames altNames) {
        KeyPair keys = ecKeys();
        return new Issued(build(subject, keys, issuer.subject(), issuer.key(), "SHA256withECDSA", Instant.now(), Duration.ofDays(1),
                false, altNames), keys.getPrivate());
    }

    /**
     * A P-256 certificate issued by {@code issuer} with these extensions besides basic constraints, such as CRL
     * distribution points or the OCSP responder's address; a CA certificate when {@code ca}.
     */
    public static Issued issue(Issued issuer, String subject, boolean ca, Extension... extensions) {
        KeyPair keys = ecKeys();
        return new Issued(build(new X500Name(subject), keys, issuer.subject(), issuer.key(), "SHA256withECDSA", Instant.now(),
                Duration.ofDays(1), ca, null, extensions), keys.getPrivate());
    }

    /**
     * A P-256 server certificate for a listener reached on loopback, valid for 90 days: subjectAltNames
     * {@code localhost} and {@code 127.0.0.1}, digital signature only, server authentication, and these extensions besides.
     */
    /** {@code subject}'s name and key again, as a CA certified by {@code issuer}: cross-certification, loops included. */
    public static Issued crossCertified(Issued subject, Issued issuer) {
        KeyPair keys = new KeyPair(subject.certificate().getPublicKey(), subject.key());
        return new Issued(build(subject.subject(), keys, issuer.subject(), issuer.key(), "SHA256withECDSA", Instant.now(),
                Duration.ofDays(1), true, null), subject.key());
    }

    public static Issued loopbackServer(Issued issuer, String subject, Extension... more) {
        try {
            List<Extension> extensions = new ArrayList<>(List.of(
                    new Extension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}).getEncoded()),
                    new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature).getEncoded()),
                    new Extension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth).getEncoded())));
            extensions.addAll(List.of(more));
            KeyPair keys = ecKeys();
            // As a public CA issues it: scanners want a random serial of at least 64 bits and more than 30 days to live.
            BigInteger serial = new BigInteger(127, RANDOM).setBit(120);
            return new Issued(build(new X500Name(subject), keys, issuer.subject(), issuer.key(), "SHA256withECDSA", serial, Instant.now(),
                    Duration.ofDays(90), false, null, extensions.toArray(new Extension[0])), keys.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CRL of {@code issuer} listing these serial numbers as revoked for key compromise. */
    public static X509CRL crl(Issued issuer, Instant thisUpdate, Instant nextUpdate, BigInteger... revoked) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer.subject(), Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            byte[] encoded = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(CryptoPolicy.bouncyCastle())
                    .build(issuer.key())).getEncoded();
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(encoded));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make a test CRL", e);
        }
    }

    /** CRLs as PEM, as an operator's CRL file holds them. */
    public static String crlPem(X509CRL... crls) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509CRL crl : crls) {
                writer.writeObject(crl);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** An administrator's client certificate: subject CN, and a userPrincipalName otherName as AD issues it. */
    public static Issued administrator(Issued issuer, String commonName, java.util.Optional<String> userPrincipalName) {
        GeneralNames upn = userPrincipalName.map(name -> new GeneralNames(new GeneralName(GeneralName.otherName,
                new org.bouncycastle.asn1.x509.OtherName(new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3"),
                        new org.bouncycastle.asn1.DERUTF8String(name))))).orElse(null);
        return issue(issuer, new X500Name(new org.bouncycastle.asn1.x500.RDN[] {
                new org.bouncycastle.asn1.x500.RDN(org.bouncycastle.asn1.x500.style.BCStyle.O, new org.bouncycastle.asn1.DERUTF8String("Users")),
                new org.bouncycastle.asn1.x500.RDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, new org.bouncycastle.asn1.DERUTF8String(commonName))}), upn);
    }

    /** Writes the certificates as one PEM file, making its directory if need be, and returns the file. */
    public static Path writePem(Path file, X509Certificate... certificates) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, PemFiles.toPem(List.of(certificates)), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Self-signed CAs the crypto policy refuses, one for each reason: an RSA-2048 key ("CN=Old RSA CA"), a SHA-1
     * signature ("CN=SHA-1 CA") and a P-192 key ("CN=P-192 CA"), valid for 30 days from {@code notBefore}.
     */
    public static List<X509Certificate> belowThePolicy(Instant notBefore) {
        return List.of(
                selfSigned("CN=Old RSA CA", rsa2048(), "SHA256withRSA", notBefore, Duration.ofDays(30)),
                selfSigned("CN=SHA-1 CA", ecKeys(), "SHA1withECDSA", notBefore, Duration.ofDays(30)),
                selfSigned("CN=P-192 CA", ecKeysOn("secp192r1"), "SHA256withECDSA", notBefore, Duration.ofDays(30)));
    }

    /** A self-signed certificate of any make, for the cases the policy must refuse. */
    public static X509Certificate selfSigned(String subject, KeyPair keys, String signatureAlgorithm, Instant notBefore,
                                             Duration validity) {
        X500Name name = new X500Name(subject);
        return build(name, keys, name, keys.getPrivate(), signatureAlgorithm, notBefore, validity, true, null);
    }

    private static X509Certificate build(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                         String signatureAlgorithm, Instant notBefore, Duration validity, boolean ca,
                                         GeneralNames altNames, Extension... extensions) {
        return build(subject, keys, issuer, issuerKey, signatureAlgorithm, BigInteger.valueOf(SERIALS.incrementAndGet()), notBefore, validity,
                ca, altNames, extensions);
    }

    private static X509Certificate build(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                         String signatureAlgorithm, BigInteger serial, Instant notBefore, Duration validity, boolean ca,
                                         GeneralNames altNames, Extension... extensions) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    serial, Date.from(notBefore.minusSeconds(60)),
                    Date.from(notBefore.plus(validity)), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            byte[] encoded = builder.build(new JcaContentSignerBuilder(signatureAlgorithm)
                    .setProvider(signerFor(signatureAlgorithm)).build(issuerKey)).getEncoded();
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(encoded));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make a test certificate for " + subject, e);
        }
    }

    private static KeyPair keys(String algorithm, ECGenParameterSpec curve, int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve != null) {
                generator.initialize(curve);
            } else {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
