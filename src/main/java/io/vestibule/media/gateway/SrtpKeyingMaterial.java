package io.vestibule.media.gateway;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The SRTP master keys and salts a DTLS handshake exported, one pair for what the DTLS client writes and one for
 * what the server writes (RFC 5764 §4.2). Secret: never printed, and {@link #destroy()} wipes it once the SRTP
 * contexts hold their copies.
 */
public final class SrtpKeyingMaterial {
    private final SrtpProfile profile;
    private final byte[] clientKey;
    private final byte[] serverKey;
    private final byte[] clientSalt;
    private final byte[] serverSalt;

    private SrtpKeyingMaterial(SrtpProfile profile, byte[] clientKey, byte[] serverKey, byte[] clientSalt, byte[] serverSalt) {
        this.profile = profile;
        this.clientKey = clientKey;
        this.serverKey = serverKey;
        this.clientSalt = clientSalt;
        this.serverSalt = serverSalt;
    }

    /**
     * Splits the exporter's output in RFC 5764's order: client write key, server write key, client write salt,
     * server write salt.
     */
    public static SrtpKeyingMaterial split(SrtpProfile profile, byte[] exported) {
        if (exported.length != profile.keyingMaterialBytes()) {
            throw new IllegalArgumentException(profile + " needs " + profile.keyingMaterialBytes() + " bytes of keying material");
        }
        int key = profile.keyBytes();
        int salt = profile.saltBytes();
        return new SrtpKeyingMaterial(profile,
                Arrays.copyOfRange(exported, 0, key),
                Arrays.copyOfRange(exported, key, 2 * key),
                Arrays.copyOfRange(exported, 2 * key, 2 * key + salt),
                Arrays.copyOfRange(exported, 2 * key + salt, 2 * key + 2 * salt));
    }

    public SrtpProfile profile() {
        return profile;
    }

    public byte[] clientKey() {
        return clientKey.clone();
    }

    public byte[] serverKey() {
        return serverKey.clone();
    }

    public byte[] clientSalt() {
        return clientSalt.clone();
    }

    public byte[] serverSalt() {
        return serverSalt.clone();
    }

    /** Whether both hold the same profile and keys, compared in constant time. */
    public boolean sameAs(SrtpKeyingMaterial other) {
        return profile == other.profile
                & MessageDigest.isEqual(clientKey, other.clientKey)
                & MessageDigest.isEqual(serverKey, other.serverKey)
                & MessageDigest.isEqual(clientSalt, other.clientSalt)
                & MessageDigest.isEqual(serverSalt, other.serverSalt);
    }

    public void destroy() {
        Arrays.fill(clientKey, (byte) 0);
        Arrays.fill(serverKey, (byte) 0);
        Arrays.fill(clientSalt, (byte) 0);
        Arrays.fill(serverSalt, (byte) 0);
    }

    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + profile + ", keys redacted]";
    }
}
