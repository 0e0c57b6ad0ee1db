package io.vestibule.media.gateway.settings;

/**
 * The media gateway's settings that an administrator changes while it runs (admin API {@code /media-settings}).
 *
 * @param allowAesCm whether SRTP_AES128_CM_HMAC_SHA1_80 stays on the SRTP allow-list, after the AEAD profiles, for
 *        clients that offer no AEAD profile ({@code CryptoPolicy.srtpProfiles} decides the list and its order)
 */
public record MediaAdminSettings(boolean allowAesCm) {
}
