package io.vestibule.media.gateway;

import java.util.List;
import java.util.Optional;

/**
 * The SRTP protection profiles the gateway can negotiate in DTLS's use_srtp extension, with their IANA code and
 * the master key, master salt and tag lengths in bytes (RFC 5764 §4.1.2, RFC 7714). Which of them are
 * offered, and in which order, is {@code CryptoPolicy.srtpProfiles}'s decision.
 */
public enum SrtpProfile {
    SRTP_AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10),
    SRTP_AEAD_AES_128_GCM(0x0007, 16, 12, 16),
    SRTP_AEAD_AES_256_GCM(0x0008, 32, 12, 16);

    private final int code;
    private final int keyBytes;
    private final int saltBytes;
    private final int tagBytes;

    SrtpProfile(int code, int keyBytes, int saltBytes, int tagBytes) {
        this.code = code;
        this.keyBytes = keyBytes;
        this.saltBytes = saltBytes;
        this.tagBytes = tagBytes;
    }

    /** The profiles a policy names, in its order; a name the gateway cannot speak is a programming error. */
    public static List<SrtpProfile> named(List<String> names) {
        return names.stream().map(SrtpProfile::valueOf).toList();
    }

    public static Optional<SrtpProfile> withCode(int code) {
        for (SrtpProfile profile : values()) {
            if (profile.code == code) {
                return Optional.of(profile);
            }
        }
        return Optional.empty();
    }

    public int code() {
        return code;
    }

    public int keyBytes() {
        return keyBytes;
    }

    public int saltBytes() {
        return saltBytes;
    }

    public int tagBytes() {
        return tagBytes;
    }

    public boolean aead() {
        return this != SRTP_AES128_CM_HMAC_SHA1_80;
    }

    /** How many bytes the DTLS exporter must give for this profile: a key and a salt for each direction. */
    public int keyingMaterialBytes() {
        return 2 * (keyBytes + saltBytes);
    }
}
