package io.vestibule.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CryptoPolicyTest {
    private final CryptoPolicy policy = CryptoPolicy.standard();
    private final SecureRandom random = policy.newSecureRandom();

    private PublicKey ecKey(String curve, String provider) throws Exception {
        KeyPairGenerator generator = provider == null
                ? KeyPairGenerator.getInstance("EC") : KeyPairGenerator.getInstance("EC", CryptoPolicy.bouncyCastle());
        generator.initialize(new ECGenParameterSpec(curve), random);
        return generator.generateKeyPair().getPublic();
    }

    /** An RSA public key with a modulus of exactly this many bits; the policy looks at the size only. */
    private PublicKey rsaKeyOfBits(int bits) throws Exception {
        BigInteger modulus = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
        assertThat(modulus.bitLength()).isEqualTo(bits);
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, BigInteger.valueOf(65537)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "secp384r1", "secp521r1"})
    void acceptsNistCurvesFromTheJdk(String curve) throws Exception {
        PublicKey key = ecKey(curve, null);
        assertThatCode(() -> policy.requireAcceptable(key)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256r1", "P-384"})
    void acceptsNistCurvesFromBouncyCastle(String curve) throws Exception {
        PublicKey key = ecKey(curve, "BC");
        assertThatCode(() -> policy.requireAcceptable(key)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256k1", "brainpoolP256r1", "secp224r1"})
    void refusesOtherCurves(String curve) throws Exception {
        PublicKey key = ecKey(curve, "BC");
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> policy.requireAcceptable(key));
    }

    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void refusesP192() throws Exception {
        PublicKey key = ecKey("prime192v1", "BC");
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> policy.requireAcceptable(key));
    }

    @Test
    void acceptsAGeneratedRsaKeyOf3072Bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072, random);
        PublicKey key = generator.generateKeyPair().getPublic();
        assertThatCode(() -> policy.requireAcceptable(key)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {3072, 4096})
    void acceptsRsaOfAtLeast3072Bits(int bits) throws Exception {
        PublicKey key = rsaKeyOfBits(bits);
        assertThatCode(() -> policy.requireAcceptable(key)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {1024, 2048, 3071})
    void refusesSmallerRsaKeys(int bits) throws Exception {
        PublicKey key = rsaKeyOfBits(bits);
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> policy.requireAcceptable(key))
                .withMessageContaining("3072");
    }

    @Test
    void refusesAGeneratedRsaKeyOf2048Bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        PublicKey key = generator.generateKeyPair().getPublic();
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> policy.requireAcceptable(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "X25519", "DSA"})
    void refusesOtherKeyTypes(String algorithm) throws Exception {
        PublicKey key = KeyPairGenerator.getInstance(algorithm).generateKeyPair().getPublic();
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> policy.requireAcceptable(key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA1withRSA", "MD5withRSA", "SHA256withDSA", "SHA224withECDSA", "SHA224withRSA"})
    void refusesCertificatesWithWeakSignatures(String algorithm) throws Exception {
        X509Certificate certificate = certificateSignedWith(algorithm);
        assertThatExceptionOfType(CryptoPolicyViolation.class)
                .isThrownBy(() -> policy.requireAcceptableSignature(certificate));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA", "SHA256withRSA", "SHA384withRSA",
            "SHA3-256withECDSA", "SHA256withRSAandMGF1", "SHA512withRSAandMGF1"})
    void acceptsCertificatesWithStrongSignatures(String algorithm) throws Exception {
        X509Certificate certificate = certificateSignedWith(algorithm);
        assertThatCode(() -> policy.requireAcceptableSignature(certificate)).doesNotThrowAnyException();
    }

    /** Neither the FIPS module nor the JDK signs with SHA-1 on a P-256 or 2048-bit DSA key, so only bcprov makes these. */
    @ParameterizedTest
    @ValueSource(strings = {"SHA1withECDSA", "SHA1withDSA"})
    @Tag(TestCertificates.NEEDS_BCPROV)
    void refusesSha1WithEcdsaOrDsa(String algorithm) throws Exception {
        X509Certificate certificate = certificateSignedWith(algorithm);
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> policy.requireAcceptableSignature(certificate));
    }

    /** Also the case of RSASSA-PSS with SHA-1, which neither the FIPS module nor the JDK names as one algorithm. */
    @Test
    @Tag(TestCertificates.NEEDS_BCPROV)
    void rsaPssIsJudgedByTheHashInItsParameters() throws Exception {
        X509Certificate weak = certificateSignedWith("SHA1withRSAandMGF1");
        X509Certificate strong = certificateSignedWith("SHA256withRSAandMGF1");
        assertThat(weak.getSigAlgName()).isEqualTo(strong.getSigAlgName()).isEqualTo("RSASSA-PSS");
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> policy.requireAcceptableSignature(weak))
                .withMessageContaining("SHA1");
        assertThatCode(() -> policy.requireAcceptableSignature(strong)).doesNotThrowAnyException();
    }

    /**
     * A self-signed certificate made with the given signature algorithm and a key of the matching type, read back
     * by the JDK's own certificate factory (which names RSASSA-PSS by its OID, its hash in the parameters).
     */
    private static X509Certificate certificateSignedWith(String algorithm) throws Exception {
        String upper = algorithm.toUpperCase(java.util.Locale.ROOT);
        KeyPair keys = upper.endsWith("ECDSA") ? KEYS_EC : upper.endsWith("DSA") ? KEYS_DSA : KEYS_RSA;
        X500Name name = new X500Name("CN=signature test");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now), Date.from(now.plusSeconds(3600)),
                name, keys.getPublic());
        byte[] encoded = builder.build(new JcaContentSignerBuilder(algorithm).setProvider(TestCertificates.signerFor(algorithm))
                .build(keys.getPrivate())).getEncoded();
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(encoded));
    }

    private static final KeyPair KEYS_EC = keyPair("EC", 256);
    private static final KeyPair KEYS_RSA = keyPair("RSA", 2048);
    private static final KeyPair KEYS_DSA = keyPair("DSA", 2048);

    private static KeyPair keyPair(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void signatureAlgorithmsFollowTheKeySize() throws Exception {
        assertThat(policy.signatureAlgorithmFor(ecKey("secp256r1", null))).isEqualTo("SHA256withECDSA");
        assertThat(policy.signatureAlgorithmFor(ecKey("secp384r1", null))).isEqualTo("SHA384withECDSA");
        assertThat(policy.signatureAlgorithmFor(ecKey("secp521r1", null))).isEqualTo("SHA512withECDSA");
        assertThat(policy.signatureAlgorithmFor(rsaKeyOfBits(3072))).isEqualTo("SHA256withRSA");
        PublicKey edwards = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        assertThatExceptionOfType(CryptoPolicyViolation.class).isThrownBy(() -> policy.signatureAlgorithmFor(edwards));
    }

    @Test
    void onlyTls12AndTls13() {
        assertThat(policy.tlsProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void cipherSuitesAreAeadWithForwardSecrecyOnly() {
        List<String> suites = policy.tlsCipherSuites();
        assertThat(suites).isNotEmpty().doesNotHaveDuplicates();
        assertThat(suites).noneMatch(suite -> suite.contains("CBC"));
        assertThat(suites).noneMatch(suite -> suite.contains("CHACHA20"));
        assertThat(suites).noneMatch(suite -> suite.contains("_SHA") && !suite.contains("GCM"));
        assertThat(suites).allMatch(suite -> suite.contains("_GCM_"));
        List<String> tls12 = suites.stream().filter(suite -> !suite.startsWith("TLS_AES_")).toList();
        assertThat(tls12).isNotEmpty().allMatch(suite -> suite.startsWith("TLS_ECDHE_ECDSA_WITH_")
                || suite.startsWith("TLS_ECDHE_RSA_WITH_"));
        assertThat(suites).noneMatch(suite -> suite.contains("_anon_") || suite.contains("NULL") || suite.contains("RC4")
                || suite.contains("3DES") || suite.startsWith("TLS_RSA_") || suite.startsWith("TLS_DHE_"));
    }

    @Test
    void theJdkSupportsEverySuiteOfThePolicy() throws Exception {
        List<String> supported = Arrays.asList(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        assertThat(supported).containsAll(policy.tlsCipherSuites());
    }

    @Test
    void namedGroupsAreNistCurvesOnly() {
        assertThat(policy.tlsNamedGroups()).isNotEmpty()
                .noneMatch(group -> group.toLowerCase().contains("x25519") || group.toLowerCase().contains("x448"))
                .allMatch(group -> group.startsWith("secp") && group.endsWith("r1"))
                .contains("secp256r1");
    }

    @Test
    void signatureSchemesUseSha256OrStronger() {
        assertThat(policy.tlsSignatureSchemes()).isNotEmpty()
                .noneMatch(scheme -> scheme.endsWith("sha1") || scheme.contains("sha224") || scheme.startsWith("ed"));
    }

    @Test
    void theCertificateProfileMeetsThePolicy() throws Exception {
        assertThat(policy.certificateKeyAlgorithm()).isEqualTo("EC");
        X509Certificate profile = certificateSignedWith(policy.certificateSignatureAlgorithm());
        assertThatCode(() -> policy.requireAcceptableSignature(profile)).doesNotThrowAnyException();
        KeyPairGenerator generator = KeyPairGenerator.getInstance(policy.certificateKeyAlgorithm());
        generator.initialize(policy.certificateCurve(), random);
        PublicKey key = generator.generateKeyPair().getPublic();
        assertThatCode(() -> policy.requireAcceptable(key)).doesNotThrowAnyException();
        assertThat(policy.selfSignedCertificateValidity().toDays()).isBetween(31L, 398L);
        assertThat(policy.certificateRenewalMargin()).isLessThan(policy.selfSignedCertificateValidity());
    }

    @Test
    void dataAtRestUsesAes256Gcm() {
        assertThat(policy.aeadTransformation()).startsWith("AES/GCM/");
        assertThat(policy.aeadKeyBits()).isGreaterThanOrEqualTo(128);
        assertThat(policy.aeadNonceBytes()).isEqualTo(12);
        assertThat(policy.aeadTagBits()).isEqualTo(128);
    }

    @Test
    void dataKeysAreWrappedWithAuthenticationInAKeyStoreAndOnAToken() {
        assertThat(policy.keyWrapTransformation()).isEqualTo("AES/KW/NoPadding");
        assertThat(policy.tokenKeyWrapTransformation()).as("SunPKCS11 on JDK 17 has no AES/KW").isEqualTo("AES/GCM/NoPadding");
    }

    @Test
    void randomnessComesFromADrbg() {
        SecureRandom drbg = policy.newSecureRandom();
        assertThat(drbg.getAlgorithm()).as("the JDK's DRBG, or the FIPS module's").isEqualTo(CryptoModule.fips() ? "DEFAULT" : "DRBG");
        byte[] first = new byte[32];
        byte[] second = new byte[32];
        drbg.nextBytes(first);
        policy.newSecureRandom().nextBytes(second);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void digestIsSha256() throws Exception {
        byte[] input = "abc".getBytes(StandardCharsets.US_ASCII);
        // FIPS 180-2, appendix B.1.
        assertThat(HexFormat.of().formatHex(policy.digest(input)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(policy.digest(input)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(input));
    }

    @Test
    void bouncyCastleIsRegisteredOnceAfterTheJdkProvidersOrFirstWhenItIsTheFipsModule() {
        assertThat(CryptoPolicy.bouncyCastle()).isSameAs(CryptoPolicy.bouncyCastle());
        assertThat(CryptoPolicy.bouncyCastle().getName()).isEqualTo(CryptoModule.providerName());
        assertThat(Security.getProviders()[0] == CryptoPolicy.bouncyCastle()).isEqualTo(CryptoModule.fips());
    }

    @Test
    void joinTokenKeysAreP256MatchingES256AndPassThePolicy() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(policy.joinTokenKeyAlgorithm());
        generator.initialize(policy.joinTokenCurve(), random);
        PublicKey key = generator.generateKeyPair().getPublic();

        assertThat(policy.joinTokenAlgorithm()).isEqualTo("ES256");
        assertThat(((ECPublicKey) key).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThatCode(() -> policy.requireAcceptable(key)).doesNotThrowAnyException();
    }

    @Test
    void administratorPasswordsUseArgon2idAtLeastAtOwaspsMinimumCost() {
        CryptoPolicy.PasswordHashing cost = policy.passwordHashing();
        assertThat(cost.memoryKiB()).isGreaterThanOrEqualTo(19_456);
        assertThat(cost.iterations()).isGreaterThanOrEqualTo(2);
        assertThat(cost.parallelism()).isEqualTo(1);
        assertThat(cost.saltBytes()).isGreaterThanOrEqualTo(16);
        assertThat(cost.hashBytes()).isGreaterThanOrEqualTo(32);
    }

    @ParameterizedTest
    @CsvSource({"7, 1, 1, 16, 32", "15, 1, 2, 16, 32", "64, 0, 1, 16, 32", "64, 1, 0, 16, 32", "64, 1, 1, 7, 32", "64, 1, 1, 16, 3"})
    void passwordHashingBelowArgon2sOwnFloorsIsRefused(int memoryKiB, int iterations, int parallelism, int saltBytes, int hashBytes) {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(
                () -> new CryptoPolicy.PasswordHashing(memoryKiB, iterations, parallelism, saltBytes, hashBytes));
        assertThatCode(() -> new CryptoPolicy.PasswordHashing(8, 1, 1, 8, 4)).doesNotThrowAnyException();
    }

    @Test
    void providerTokensMayBeSignedWithEcdsaOrRsaAndSha256OrStrongerButNeverUnsignedOrWithHmac() {
        assertThat(policy.providerTokenAlgorithms()).contains("ES256", "RS256", "PS256")
                .allMatch(name -> name.matches("(ES|RS|PS)(256|384|512)"))
                .doesNotContain("none", "HS256", "HS512", "RS1");
        assertThat(policy.pkceChallengeMethod()).isEqualTo("S256");
    }

    @Test
    void mediaDtlsIsVersionOnePointTwoWithEcdheEcdsaAesGcmSuitesOnNistCurves() {
        assertThat(policy.dtlsProtocols()).containsExactly("DTLSv1.2");
        assertThat(policy.dtlsCipherSuites()).isNotEmpty()
                .allMatch(suite -> suite.startsWith("TLS_ECDHE_ECDSA_WITH_AES_") && suite.contains("_GCM_"));
        assertThat(policy.dtlsNamedGroups()).isNotEmpty().isSubsetOf("secp256r1", "secp384r1", "secp521r1");
        assertThat(policy.dtlsSignatureSchemes()).isNotEmpty().allMatch(scheme -> scheme.startsWith("ecdsa_") && !scheme.endsWith("sha1"));
        assertThat(policy.dtlsCertificateCurve().getName()).isEqualTo("secp256r1");
    }

    @Test
    void srtpProfilesPreferAeadAndOfferAesCmOnlyWhenAllowedAndNeverInFipsMode() {
        if (CryptoModule.fips()) {
            assertThat(policy.srtpProfiles(true)).containsExactly("SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_128_GCM");
        } else {
            assertThat(policy.srtpProfiles(true))
                    .containsExactly("SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_128_GCM", "SRTP_AES128_CM_HMAC_SHA1_80");
        }
        assertThat(policy.srtpProfiles(false)).containsExactly("SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_128_GCM");
    }
}
