package io.vestibule.media.gateway.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * A certificate fingerprint as session descriptions carry it ({@code a=fingerprint:sha-256 AB:CD:...}, RFC 8122):
 * the hash function's name and the digest of the certificate's DER encoding. Only the hash functions of
 * {@code CryptoPolicy.dtlsFingerprintHashes()} are accepted. Not secret.
 */
public final class CertificateFingerprint {
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private final String hash;
    private final byte[] digest;

    private CertificateFingerprint(String hash, byte[] digest) {
        this.hash = hash;
        this.digest = digest;
    }

    /**
     * Reads the value of an {@code a=fingerprint} attribute.
     *
     * @param acceptedHashes hash names (RFC 8122, lower case) with their digest length in bytes
     * @throws IllegalArgumentException when the value is not a fingerprint with an accepted hash
     */
    public static CertificateFingerprint parse(String value, Map<String, Integer> acceptedHashes) {
        String[] parts = value == null ? new String[0] : value.trim().split(" ", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("A fingerprint is <hash function> <hex pairs>");
        }
        String hash = parts[0].toLowerCase(Locale.ROOT);
        Integer length = acceptedHashes.get(hash);
        if (length == null) {
            throw new IllegalArgumentException("Fingerprints must use one of " + acceptedHashes.keySet());
        }
        byte[] digest;
        try {
            digest = COLON_HEX.parseHex(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A fingerprint's digest is hex pairs separated by colons");
        }
        if (digest.length != length) {
            throw new IllegalArgumentException("A " + hash + " fingerprint has " + length + " bytes");
        }
        return new CertificateFingerprint(hash, digest);
    }

    /** The fingerprint of a certificate's DER encoding under a hash function named as in RFC 8122. */
    public static CertificateFingerprint of(String hash, byte[] encodedCertificate) {
        String name = hash.toLowerCase(Locale.ROOT);
        return new CertificateFingerprint(name, digest(name, encodedCertificate));
    }

    public String hash() {
        return hash;
    }

    public byte[] digest() {
        return digest.clone();
    }

    /** Whether the certificate has this fingerprint, compared in constant time. */
    public boolean matches(byte[] encodedCertificate) {
        return MessageDigest.isEqual(digest, digest(hash, encodedCertificate));
    }

    /** The value of an {@code a=fingerprint} attribute. */
    public String toSdp() {
        return hash + " " + COLON_HEX.formatHex(digest);
    }

    private static byte[] digest(String hash, byte[] encodedCertificate) {
        try {
            // RFC 8122 names (sha-256) are the JDK's in upper case (SHA-256).
            return MessageDigest.getInstance(hash.toUpperCase(Locale.ROOT)).digest(encodedCertificate);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("The JDK has no hash function " + hash, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateFingerprint that && hash.equals(that.hash) && MessageDigest.isEqual(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return 31 * hash.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return toSdp();
    }
}
