package io.vestibule.crypto;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.security.DrbgParameters.Capability.RESEED_ONLY;

/**
 * The one place that decides which algorithms, key sizes and protocol parameters Vestibule uses.
 *
 * <p>The figures follow CCN-STIC-807 as quoted by the CCN-STIC guide (seed 000 §64): RSA of at least
 * 3072 bits, ECDSA on P-256 or larger, SHA-256 or stronger, AES-128 or stronger, ECDH on P-256 or larger.
 * ChaCha20 and X25519 are not on that list, so they are not offered. Every other class asks this one
 * instead of naming an algorithm itself.
 */
public final class CryptoPolicy {

    private static final CryptoPolicy STANDARD = new CryptoPolicy();

    private static final Set<String> ACCEPTED_CURVES = Set.of("secp256r1", "secp384r1", "secp521r1");
    private static final Map<String, ECParameterSpec> NAMED_CURVES = namedCurves(ACCEPTED_CURVES);
    private static final int MINIMUM_RSA_BITS = 3072;
    private static final Set<String> STRONG_HASHES = Set.of("SHA256", "SHA384", "SHA512");

    private CryptoPolicy() {
    }

    public static CryptoPolicy standard() {
        return STANDARD;
    }

    /** The build's Bouncy Castle provider, installed on first use: see {@link CryptoModule}. */
    public static Provider bouncyCastle() {
        return CryptoModule.provider();
    }

    /** Whether this is the FIPS build, whose cryptography all goes through the approved-only FIPS module. */
    public boolean fipsMode() {
        return CryptoModule.fips();
    }

    // ---- randomness ---------------------------------------------------------------------------

    /** A NIST SP 800-90A DRBG at 256-bit strength, seeded by the operating system; the FIPS module's in FIPS mode. */
    public SecureRandom newSecureRandom() {
        Optional<SecureRandom> fips = CryptoModule.fipsRandom();
        if (fips.isPresent()) {
            return fips.get();
        }
        try {
            return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256, RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK offers no DRBG", e);
        }
    }

    /**
     * The generator to share among all threads of the service: as {@link #newSecureRandom()}, with a DRBG of its
     * own for each thread, so that callers never wait for each other (one DRBG for all in FIPS mode).
     */
    public SecureRandom sharedSecureRandom() {
        // The FIPS module accepts only its own DRBG for keys and nonces, not a wrapper around it; that one is
        // thread-safe, so in FIPS mode all threads share it.
        Optional<SecureRandom> fips = CryptoModule.fipsRandom();
        if (fips.isPresent()) {
            return fips.get();
        }
        return new PerThreadSecureRandom(this::newSecureRandom);
    }

    // ---- digests -------------------------------------------------------------------------------

    /** SHA-256 of the input: for looking up secrets by hash (session tokens) and fingerprints. */
    public byte[] digest(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK offers no SHA-256", e);
        }
    }

    // ---- TLS ----------------------------------------------------------------------------------

    public List<String> tlsProtocols() {
        return List.of("TLSv1.3", "TLSv1.2");
    }

    /** TLS 1.3 AEAD suites, then TLS 1.2 suites limited to ECDHE key exchange with AES-GCM. */
    public List<String> tlsCipherSuites() {
        return List.of(
                "TLS_AES_256_GCM_SHA384",
                "TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    public List<String> tlsNamedGroups() {
        return List.of("secp256r1", "secp384r1");
    }

    /** Signature schemes for TLS handshakes and certificates: SHA-256 or stronger, RSA-PSS or ECDSA. */
    public List<String> tlsSignatureSchemes() {
        return List.of(
                "ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512",
                "rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
                "rsa_pss_pss_sha256", "rsa_pss_pss_sha384", "rsa_pss_pss_sha512",
                "rsa_pkcs1_sha256", "rsa_pkcs1_sha384", "rsa_pkcs1_sha512");
    }

    // ---- certificates -------------------------------------------------------------------------

    public String certificateKeyAlgorithm() {
        return "EC";
    }

    public ECGenParameterSpec certificateCurve() {
        return new ECGenParameterSpec("secp256r1");
    }

    public String certificateSignatureAlgorithm() {
        return "SHA256withECDSA";
    }

    /** The signature algorithm matching a key: SHA-256 for P-256 and RSA, SHA-384 and SHA-512 for larger curves. */
    public String signatureAlgorithmFor(PublicKey key) {
        if (key instanceof ECPublicKey ec) {
            return switch (ec.getParams().getCurve().getField().getFieldSize()) {
                case 384 -> "SHA384withECDSA";
                case 521 -> "SHA512withECDSA";
                default -> "SHA256withECDSA";
            };
        }
        if (key instanceof RSAPublicKey) {
            return "SHA256withRSA";
        }
        throw new CryptoPolicyViolation("Key type " + key.getAlgorithm() + " is not accepted");
    }

    /**
     * The signature of a certificate signing request: the hash sized to the key, SHA-384 for P-384 and RSA keys of
     * 4096 bits or more, SHA-256 for P-256 and RSA-3072.
     */
    public String certificateRequestSignatureAlgorithm(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength() >= 4096 ? "SHA384withRSA" : "SHA256withRSA";
        }
        return signatureAlgorithmFor(key);
    }

    /** Long enough to be practical, within the 397 days browsers accept for server certificates. */
    public Duration selfSignedCertificateValidity() {
        return Duration.ofDays(397);
    }

    /** Certificates whose expiry is nearer than this are replaced at start. */
    public Duration certificateRenewalMargin() {
        return Duration.ofDays(30);
    }

    /**
     * Refuses a public key that the policy does not accept (R-TLS-3): RSA under 3072 bits, curves other than
     * the NIST P-256/P-384/P-521, and any other key type.
     */
    public void requireAcceptable(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MINIMUM_RSA_BITS) {
                throw new CryptoPolicyViolation("RSA keys must have at least " + MINIMUM_RSA_BITS + " bits; this one has " + bits);
            }
            return;
        }
        if (key instanceof ECPublicKey ec) {
            String curve = curveName(ec.getParams());
            if (!ACCEPTED_CURVES.contains(curve)) {
                throw new CryptoPolicyViolation("Elliptic-curve keys must use P-256, P-384 or P-521; this one uses " + curve);
            }
            return;
        }
        throw new CryptoPolicyViolation("Key type " + key.getAlgorithm() + " is not accepted; use ECDSA (P-256 or larger) or RSA (3072 bits or more)");
    }

    /** The size of a public key in bits: the modulus of an RSA key, the field of an elliptic-curve key; 0 for others. */
    public static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return 0;
    }

    /** The curve of an elliptic-curve key by the name the policy uses ({@code secp256r1}), or what is known of it. */
    public static Optional<String> curveOf(PublicKey key) {
        return key instanceof ECPublicKey ec ? Optional.of(curveName(ec.getParams())) : Optional.empty();
    }

    /**
     * Refuses a certificate signed with a hash weaker than SHA-256 (MD5, SHA-1) or with DSA. For RSASSA-PSS the
     * hash is read from the signature's parameters, where it lives.
     */
    public void requireAcceptableSignature(X509Certificate certificate) {
        requireAcceptableSignature(certificate.getSigAlgName(), certificate.getSigAlgParams());
    }

    /** The same rule for the signature of a CRL. */
    public void requireAcceptableSignature(X509CRL crl) {
        requireAcceptableSignature(crl.getSigAlgName(), crl.getSigAlgParams());
    }

    private static void requireAcceptableSignature(String algorithm, byte[] parameters) {
        String name = algorithm.toUpperCase(Locale.ROOT);
        if (name.equals("RSASSA-PSS")) {
            String hash = pssDigest(parameters).toUpperCase(Locale.ROOT).replace("-", "");
            if (!STRONG_HASHES.contains(hash)) {
                throw new CryptoPolicyViolation("RSASSA-PSS with " + hash + " is not accepted; SHA-256 or stronger is required");
            }
            return;
        }
        boolean strongHash = STRONG_HASHES.stream().anyMatch(name::contains) || name.contains("SHA3-");
        boolean plainDsa = name.contains("DSA") && !name.contains("ECDSA");
        if (!strongHash || plainDsa) {
            throw new CryptoPolicyViolation("Signature algorithm " + algorithm
                    + " is not accepted; SHA-256 or stronger with ECDSA or RSA is required");
        }
    }

    private static String pssDigest(byte[] encodedParameters) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(encodedParameters);
            return parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new CryptoPolicyViolation("The RSASSA-PSS parameters of the signature cannot be read");
        }
    }

    private static String curveName(ECParameterSpec params) {
        return NAMED_CURVES.entrySet().stream()
                .filter(named -> sameCurve(named.getValue(), params))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("an unnamed " + params.getCurve().getField().getFieldSize() + "-bit curve");
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    private static Map<String, ECParameterSpec> namedCurves(Set<String> names) {
        Map<String, ECParameterSpec> curves = new TreeMap<>();
        for (String name : names) {
            try {
                AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
                parameters.init(new ECGenParameterSpec(name));
                curves.put(name, parameters.getParameterSpec(ECParameterSpec.class));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The JDK does not know curve " + name, e);
            }
        }
        return Map.copyOf(curves);
    }

    // ---- signed tokens ------------------------------------------------------------------------

    /**
     * The JWS algorithm of join, lobby and invitation tokens (RFC 7518 §3.4): ECDSA on P-256 with SHA-256.
     * A name, not a nimbus type: this class belongs to the boot layer, which carries no JOSE library.
     */
    public String joinTokenAlgorithm() {
        return "ES256";
    }

    public String joinTokenKeyAlgorithm() {
        return "EC";
    }

    /** The curve of token signing keys; it must match {@link #joinTokenAlgorithm()}. */
    public ECGenParameterSpec joinTokenCurve() {
        return new ECGenParameterSpec("secp256r1");
    }

    // ---- tokens of the OpenID provider (single sign-on) ----------------------------------------

    /**
     * JWS algorithms accepted on ID and access tokens from the OpenID provider (RFC 7518 names): ECDSA, and RSA with
     * PKCS#1 v1.5 or PSS, each with SHA-256 or stronger. Never {@code none}, and never HMAC: that would make the
     * client secret a signing key. The key that signs must also pass {@link #requireAcceptable(PublicKey)}, so an
     * RS256 token signed with Keycloak's default 2048-bit key is refused.
     */
    public Set<String> providerTokenAlgorithms() {
        return Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512");
    }

    /** The PKCE code challenge method (RFC 7636 §4.2): the SHA-256 of the verifier ({@link #digest}); never {@code plain}. */
    public String pkceChallengeMethod() {
        return "S256";
    }

    // ---- administrator passwords ---------------------------------------------------------------

    /**
     * Argon2id for local administrator passwords (R-ADM-6): OWASP's minimum cost of 19 MiB and two passes on one
     * lane, with a 16-byte salt and a 32-byte hash as RFC 9106 recommends.
     */
    public PasswordHashing passwordHashing() {
        return new PasswordHashing(19_456, 2, 1, 16, 32);
    }

    /** The cost of an Argon2id password hash; each stored hash carries its own, so raising this one keeps them valid. */
    public record PasswordHashing(int memoryKiB, int iterations, int parallelism, int saltBytes, int hashBytes) {
        public PasswordHashing {
            // Argon2's own floors (RFC 9106 §3.1): eight blocks per lane, a salt of at least eight bytes.
            if (iterations < 1 || parallelism < 1 || memoryKiB < 8 * parallelism || saltBytes < 8 || hashBytes < 4) {
                throw new IllegalArgumentException("Argon2id needs at least one pass and lane, 8 KiB per lane, an 8-byte salt and a 4-byte hash");
            }
        }
    }

    /**
     * PBKDF2-HMAC-SHA256 for local administrator passwords in FIPS mode, where Argon2id is not an approved algorithm:
     * OWASP's cost of 600,000 iterations (Password Storage Cheat Sheet), a 16-byte salt and a 32-byte hash.
     */
    public Pbkdf2Hashing fipsPasswordHashing() {
        return new Pbkdf2Hashing(600_000, 16, 32);
    }

    /** The JCA name of the password-based key derivation that {@link #fipsPasswordHashing()} uses. */
    public String passwordKeyDerivation() {
        return "PBKDF2WithHmacSHA256";
    }

    /**
     * The shortest password, in UTF-8 bytes, that the FIPS module accepts for PBKDF2 in approved-only mode: 112 bits
     * (NIST SP 800-132 and the module's security policy).
     */
    public int fipsShortestPassword() {
        return 14;
    }

    /** The cost of a PBKDF2 password hash; each stored hash carries its own, as for Argon2id. */
    public record Pbkdf2Hashing(int iterations, int saltBytes, int hashBytes) {
        public Pbkdf2Hashing {
            // SP 800-132 §5.1-5.2: a salt of at least 128 bits, at least 1,000 iterations; at least 112 bits out.
            if (iterations < 1000 || saltBytes < 16 || hashBytes < 14) {
                throw new IllegalArgumentException("PBKDF2 needs at least 1,000 iterations, a 16-byte salt and a 14-byte hash");
            }
        }
    }

    // ---- media ---------------------------------------------------------------------------------

    /**
     * Hash functions accepted for DTLS certificate fingerprints in session descriptions (RFC 8122 names), with
     * their digest length in bytes: SHA-256 or stronger, as for every other hash (SHA-1 and MD5 are refused).
     */
    public Map<String, Integer> dtlsFingerprintHashes() {
        return Map.of("sha-256", 32, "sha-384", 48, "sha-512", 64);
    }

    /** The media gateway speaks DTLS 1.2 only: DTLS 1.0 has no AEAD suites, and browsers do not offer DTLS 1.3 yet. */
    public List<String> dtlsProtocols() {
        return List.of("DTLSv1.2");
    }

    /**
     * DTLS suites of the media gateway, most preferred first: ECDHE key exchange authenticated by ECDSA with AES-GCM,
     * the only suites that meet CCN-STIC-807 (ECDH and ECDSA on P-256 or larger, AES-128 or stronger, SHA-256 or
     * stronger) and that WebRTC browsers, whose certificates are ECDSA, offer. CBC and static-RSA suites are not.
     */
    public List<String> dtlsCipherSuites() {
        return List.of(
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    /** Groups for the DTLS key exchange, most preferred first: the NIST curves of CCN-STIC-807 that browsers offer. */
    public List<String> dtlsNamedGroups() {
        return List.of("secp256r1", "secp384r1");
    }

    /** Signatures accepted in DTLS handshakes of the media gateway: ECDSA with SHA-256 or stronger (CCN-STIC-807). */
    public List<String> dtlsSignatureSchemes() {
        return List.of("ecdsa_secp256r1_sha256", "ecdsa_secp384r1_sha384", "ecdsa_secp521r1_sha512");
    }

    /** The media gateway's own DTLS certificate: ECDSA on P-256 (CCN-STIC-807), as WebRTC browsers use. */
    public ECGenParameterSpec dtlsCertificateCurve() {
        return new ECGenParameterSpec("secp256r1");
    }

    /**
     * How long the media gateway's DTLS certificate is valid. It is made afresh at every start and peers pin it by
     * the fingerprint in the session description, not by its dates; a year outlasts any run between restarts.
     */
    public Duration dtlsCertificateValidity() {
        return Duration.ofDays(365);
    }

    /**
     * SRTP protection profiles for DTLS-SRTP (RFC 5764 names), most preferred first: AEAD AES-256-GCM and
     * AES-128-GCM (RFC 7714), AES-128 or stronger as CCN-STIC-807 asks; then, unless the administrator turned it off
     * (the security wizard's toggle) or in FIPS mode, AES-128 counter mode with an 80-bit HMAC-SHA-1 tag, for clients
     * that offer no AEAD profile. The 32-bit tag and NULL profiles are never offered.
     */
    public List<String> srtpProfiles(boolean allowAesCm) {
        // jitsi-srtp's HMAC-SHA-1 for AES-CM reaches for bcprov, which the FIPS build does not carry.
        return allowAesCm && !fipsMode()
                ? List.of("SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_128_GCM", "SRTP_AES128_CM_HMAC_SHA1_80")
                : List.of("SRTP_AEAD_AES_256_GCM", "SRTP_AEAD_AES_128_GCM");
    }

    // ---- data at rest -------------------------------------------------------------------------

    /** AES-256-GCM: the authenticated cipher for everything sealed at rest. */
    public String aeadTransformation() {
        return "AES/GCM/NoPadding";
    }

    public int aeadKeyBits() {
        return 256;
    }

    public int aeadNonceBytes() {
        return 12;
    }

    public int aeadTagBits() {
        return 128;
    }

    /** AES key wrap (RFC 3394, NIST SP 800-38F) for data keys under a key-encryption key. */
    /** The hash chain over call records (R-CDR-4). */
    public String chainDigestAlgorithm() {
        return "SHA-256";
    }

    /** Keyed blind indexes of call records (R-CDR-5): HMAC-SHA-256 under a per-period key. */
    public String blindIndexMacAlgorithm() {
        return "HmacSHA256";
    }

    /** Signed calendar callbacks: HMAC-SHA-256 under the integration's 256-bit secret. */
    public String callbackMacAlgorithm() {
        return "HmacSHA256";
    }

    /** PBKDF2-HMAC-SHA-256 iterations for a passphrase that encrypts an export (OWASP 2023: 600,000). */
    public int exportPasswordIterations() {
        return 600_000;
    }

    public String keyWrapTransformation() {
        return "AES/KW/NoPadding";
    }

    /**
     * How a key-encryption key held by a PKCS#11 token protects a data key: the token encrypts the data key's bytes
     * with AES-256-GCM under a random {@link #aeadNonceBytes()} nonce and a {@link #aeadTagBits()} tag. The JDK 17's
     * SunPKCS11 provider has no AES key wrap (AES/KW and AES/KWP arrive in JDK 18) and refuses GCM in wrap mode, so
     * the RFC 3394 wrap of {@link #keyWrapTransformation()} cannot run on a token; GCM gives the same guarantee
     * that an altered wrapped key is refused. Random nonces allow 2^32 wraps per key (NIST SP 800-38D §8.3), far
     * more data keys than one key-encryption key ever wraps before it is rotated.
     */
    public String tokenKeyWrapTransformation() {
        return "AES/GCM/NoPadding";
    }

    /** The key store type for key-encryption keys and the TLS identity at rest. */
    public String keyStoreType() {
        return "PKCS12";
    }
}
