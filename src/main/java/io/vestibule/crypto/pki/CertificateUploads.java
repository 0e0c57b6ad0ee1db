package io.vestibule.crypto.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import io.vestibule.crypto.CryptoPolicy;

/** Reads what administrators upload: PEM certificates, a PKCS#8 key (encrypted or not), a PKCS#12 file. */
final class CertificateUploads {
    /** Larger than any real chain or PKCS#12 file; refuses a flood before it is parsed. */
    static final int LARGEST_UPLOAD = 256 * 1024;

    private CertificateUploads() {
    }

    static List<X509Certificate> certificates(String pem) {
        requireSize(pem == null ? 0 : pem.length());
        if (pem == null || pem.isBlank()) {
            return List.of();
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CertificateRefusal("unreadable", "The certificates are not PEM-encoded X.509 certificates");
        }
    }

    static PrivateKey privateKey(String pem, char[] passphrase) {
        requireSize(pem == null ? 0 : pem.length());
        try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(CryptoPolicy.bouncyCastle());
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return platformKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return platformKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    if (passphrase == null || passphrase.length == 0) {
                        throw new CertificateRefusal("wrong_passphrase", "The private key is encrypted; give its passphrase");
                    }
                    return platformKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(CryptoPolicy.bouncyCastle()).build(passphrase)));
                }
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new CertificateRefusal("wrong_passphrase", "The private key does not decrypt with this passphrase");
        } catch (IOException | RuntimeException e) {
            if (e instanceof CertificateRefusal refusal) {
                throw refusal;
            }
            throw new CertificateRefusal("unreadable", "The private key is not a PEM-encoded PKCS#8 key");
        }
        throw new CertificateRefusal("unreadable", "No private key was found in the PEM text");
    }

    /**
     * The key as the JDK's own provider makes it when it can: a PKCS#12 entry needs the key's algorithm name to be
     * the certificate's ("EC", where Bouncy Castle says "ECDSA"). Curves the JDK no longer knows stay with Bouncy
     * Castle, for the policy to refuse.
     */
    private static PrivateKey platformKey(PrivateKeyInfo info) throws IOException {
        try {
            String algorithm = info.getPrivateKeyAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "RSA";
            return KeyFactory.getInstance(algorithm, jdkProvider(algorithm)).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | RuntimeException unknownToTheJdk) {
            return new JcaPEMKeyConverter().setProvider(CryptoPolicy.bouncyCastle()).getPrivateKey(info);
        }
    }

    private static String jdkProvider(String algorithm) {
        return algorithm.equals("EC") ? "SunEC" : "SunRsaSign";
    }

    /** The first key entry of a PKCS#12 file, with its chain. */
    static TlsIdentity pkcs12(byte[] file, char[] passphrase) {
        requireSize(file.length);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(file), passphrase);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate certificate : store.getCertificateChain(alias)) {
                        chain.add((X509Certificate) certificate);
                    }
                    return new TlsIdentity((PrivateKey) store.getKey(alias, passphrase), chain);
                }
            }
            throw new CertificateRefusal("unreadable", "The PKCS#12 file holds no private key with a certificate");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new CertificateRefusal("wrong_passphrase", "The PKCS#12 file does not open with this passphrase");
            }
            throw new CertificateRefusal("unreadable", "The file is not a PKCS#12 file");
        } catch (UnrecoverableKeyException e) {
            throw new CertificateRefusal("wrong_passphrase", "The PKCS#12 file does not open with this passphrase");
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof CertificateRefusal refusal) {
                throw refusal;
            }
            throw new CertificateRefusal("unreadable", "The file is not a PKCS#12 file");
        }
    }

    private static void requireSize(int length) {
        if (length > LARGEST_UPLOAD) {
            throw new CertificateRefusal("too_large", "The upload is larger than " + LARGEST_UPLOAD / 1024 + " KiB");
        }
    }
}
