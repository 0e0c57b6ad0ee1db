package io.vestibule.access.token;

import io.vestibule.crypto.keys.DataKeyRing;

/** Seals signing keys with the data-key ring (AES-256-GCM), each bound to its kid. */
public final class DataKeySealer implements PrivateKeySealer {
    static final String PURPOSE = "join-signing-keys";

    private final DataKeyRing keys;

    public DataKeySealer(DataKeyRing keys) {
        this.keys = keys;
    }

    @Override
    public byte[] seal(byte[] pkcs8, String kid) {
        return keys.seal(PURPOSE, pkcs8, "signing-key:" + kid);
    }

    @Override
    public byte[] open(byte[] sealed, String kid) {
        return keys.open(PURPOSE, sealed, "signing-key:" + kid);
    }
}
