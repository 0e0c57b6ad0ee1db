package io.vestibule.crypto.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;

import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoModule;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class PemFilesTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final SecureRandom RANDOM = POLICY.newSecureRandom();
    private static final char[] PASSPHRASE = "Key-Passphrase-42".toCharArray();

    private static TlsIdentity first;
    private static TlsIdentity second;

    @TempDir
    Path directory;

    @BeforeAll
    static void issue() {
        SelfSignedCertificateIssuer issuer = new SelfSignedCertificateIssuer(POLICY, RANDOM);
        first = issuer.issue("one.example.org", List.of("one.example.org"), Instant.now());
        second = issuer.issue("two.example.org", List.of("two.example.org"), Instant.now());
    }

    /** The private value of an EC key: encodings differ between providers, the key does not. */
    private static BigInteger secret(PrivateKey key) {
        return ((ECPrivateKey) key).getS();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static OutputEncryptor pkcs8Encryptor(char[] passphrase) throws Exception {
        return new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
                .setProvider(CryptoPolicy.bouncyCastle()).setRandom(RANDOM).setPassword(passphrase).build();
    }

    @Test
    void certificatesRoundTripThroughPem() throws Exception {
        List<X509Certificate> chain = List.of(first.leaf(), second.leaf());
        String text = PemFiles.toPem(chain);
        assertThat(text).startsWith("-----BEGIN CERTIFICATE-----").contains("-----END CERTIFICATE-----");
        assertThat(text.split("BEGIN CERTIFICATE", -1)).hasSize(3);

        assertThat(PemFiles.readCertificates(write("chain.pem", text))).containsExactly(first.leaf(), second.leaf());
    }

    @Test
    void aDerCertificateIsReadToo() throws Exception {
        Path der = Files.write(directory.resolve("one.der"), first.leaf().getEncoded());
        assertThat(PemFiles.readCertificates(der)).containsExactly(first.leaf());
    }

    @Test
    void aFileWithoutCertificatesIsRefused() throws Exception {
        assertThatIOException().isThrownBy(() -> PemFiles.readCertificates(write("empty.pem", "")));
        assertThatIOException().isThrownBy(() -> PemFiles.readCertificates(write("junk.pem", "not a certificate\n")));
        assertThatIOException().isThrownBy(() -> PemFiles.readCertificates(directory.resolve("missing.pem")));
    }

    @Test
    void readsAnUnencryptedPkcs8Key() throws Exception {
        String text = pem(new JcaPKCS8Generator(first.privateKey(), null));
        assertThat(text).contains("-----BEGIN PRIVATE KEY-----");
        PrivateKey read = PemFiles.readPrivateKey(write("key.pem", text), null);
        assertThat(secret(read)).isEqualTo(secret(first.privateKey()));
        assertThat(new TlsIdentity(read, List.of(first.leaf())).covers(List.of("one.example.org"))).isTrue();
    }

    @Test
    void readsAKeyAfterItsCertificateInOneFile() throws Exception {
        String text = PemFiles.toPem(List.of(first.leaf())) + pem(new JcaPKCS8Generator(first.privateKey(), null));
        PrivateKey read = PemFiles.readPrivateKey(write("both.pem", text), null);
        assertThat(secret(read)).isEqualTo(secret(first.privateKey()));
    }

    @Test
    void readsAnEncryptedPkcs8KeyWithTheRightPassphrase() throws Exception {
        String text = pem(new JcaPKCS8Generator(first.privateKey(), pkcs8Encryptor(PASSPHRASE)));
        assertThat(text).contains("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        PrivateKey read = PemFiles.readPrivateKey(write("key.pem", text), PASSPHRASE.clone());
        assertThat(secret(read)).isEqualTo(secret(first.privateKey()));
    }

    @Test
    void refusesAnEncryptedPkcs8KeyWithTheWrongPassphrase() throws Exception {
        Path file = write("key.pem", pem(new JcaPKCS8Generator(first.privateKey(), pkcs8Encryptor(PASSPHRASE))));
        assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(file, "wrong passphrase".toCharArray()))
                .withMessageContaining("passphrase")
                .withMessageNotContaining("wrong passphrase");
    }

    @Test
    void refusesAnEncryptedKeyWithoutAPassphrase() throws Exception {
        Path file = write("key.pem", pem(new JcaPKCS8Generator(first.privateKey(), pkcs8Encryptor(PASSPHRASE))));
        assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(file, null)).withMessageContaining("encrypted");
        assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(file, new char[0])).withMessageContaining("encrypted");
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void readsATraditionalOpenSslKeyPlainAndEncrypted() throws Exception {
        // OpenSSL's "EC PRIVATE KEY" carries the curve and the public key, as Bouncy Castle's keys do.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoPolicy.bouncyCastle());
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        PrivateKey key = generator.generateKeyPair().getPrivate();

        String plain = pem(key);
        assertThat(plain).contains("-----BEGIN EC PRIVATE KEY-----");
        assertThat(secret(PemFiles.readPrivateKey(write("plain.pem", plain), null))).isEqualTo(secret(key));

        StringWriter encrypted = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(encrypted)) {
            writer.writeObject(key, new JcePEMEncryptorBuilder("AES-256-CBC")
                    .setProvider(CryptoPolicy.bouncyCastle()).setSecureRandom(RANDOM).build(PASSPHRASE));
        }
        assertThat(encrypted.toString()).contains("Proc-Type: 4,ENCRYPTED");
        Path file = write("encrypted.pem", encrypted.toString());
        assertThat(secret(PemFiles.readPrivateKey(file, PASSPHRASE))).isEqualTo(secret(key));
        assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(file, "wrong".toCharArray()));
        assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(file, null));
    }

    /** The FIPS module derives no key with MD5, so it says how to convert the key rather than that the passphrase is wrong. */
    @Test
    void aTraditionallyEncryptedKeyIsRefusedInFipsModeWithTheWayOut() throws Exception {
        byte[] body = new byte[48];
        RANDOM.nextBytes(body);
        Path file = write("traditional.pem", "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n"
                + java.util.Base64.getMimeEncoder().encodeToString(body) + "\n-----END EC PRIVATE KEY-----\n");
        assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(file, PASSPHRASE))
                .matches(refusal -> refusal.getMessage().contains("openssl pkcs8 -topk8") == CryptoModule.fips(), "names the conversion in FIPS mode only");
    }

    @Test
    void aFileWithoutAKeyIsRefused() throws Exception {
        Path certificateOnly = write("cert.pem", PemFiles.toPem(List.of(first.leaf())));
        assertThatIOException().isThrownBy(() -> PemFiles.readPrivateKey(certificateOnly, null))
                .withMessageContaining("No private key");
    }
}
