package io.vestibule.crypto.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMDecryptorProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import io.vestibule.crypto.CryptoModule;
import io.vestibule.crypto.CryptoPolicy;

/** Reads and writes the PEM files administrators exchange with certificate authorities. */
public final class PemFiles {
    private PemFiles() {
    }

    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IOException("No certificate in " + file);
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IOException("Not a PEM or DER certificate file: " + file, e);
        }
    }

    /** Reads a PKCS#8 or traditional private key, decrypting it with the passphrase when it is encrypted. */
    public static PrivateKey readPrivateKey(Path file, char[] passphrase) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(CryptoPolicy.bouncyCastle());
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder()
                            .setProvider(CryptoPolicy.bouncyCastle()).build(requirePassphrase(passphrase, file));
                    return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor));
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    if (CryptoModule.fips()) {
                        // OpenSSL's traditional encryption derives its key with MD5, which the FIPS module refuses.
                        throw new IOException("The private key in " + file + " uses OpenSSL's traditional encryption, which FIPS mode"
                                + " cannot read; convert it to encrypted PKCS#8 (openssl pkcs8 -topk8 -v2 aes-256-cbc)");
                    }
                    PEMDecryptorProvider decryptor = new JcePEMDecryptorProviderBuilder()
                            .setProvider(CryptoPolicy.bouncyCastle()).build(requirePassphrase(passphrase, file));
                    return converter.getKeyPair(encrypted.decryptKeyPair(decryptor)).getPrivate();
                }
            }
            throw new IOException("No private key in " + file);
        } catch (OperatorCreationException | PKCSException e) {
            throw new IOException("The private key in " + file + " does not decrypt with the given passphrase", e);
        }
    }

    public static String toPem(List<X509Certificate> certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode certificates as PEM", e);
        }
        return text.toString();
    }

    private static char[] requirePassphrase(char[] passphrase, Path file) throws IOException {
        if (passphrase == null || passphrase.length == 0) {
            throw new IOException("The private key in " + file + " is encrypted; configure its passphrase");
        }
        return passphrase;
    }
}
