package io.vestibule.cdr;

import javax.crypto.SecretKey;

import io.vestibule.cdr.keys.CallRecordKeys;

/**
 * The baseline of the call-record benchmark, never used by the service: a sealer whose encryption step keeps the
 * event's JSON as it is. Keys, blind indexes, chain hashes, journal and store work as for sealed records, so the
 * difference between the two measures what AES-256-GCM costs.
 */
public final class UnencryptedCallRecords {
    private UnencryptedCallRecords() {
    }

    public static CallRecordSealer sealer(CallRecordKeys keys, BlindIndex index, HashChain chain) {
        return new CallRecordSealer(keys, new CallRecordSealer.Encryption() {
            @Override
            public byte[] seal(SecretKey key, byte[] plaintext, byte[] associatedData) {
                return plaintext;
            }

            @Override
            public byte[] open(SecretKey key, byte[] sealed, byte[] associatedData) {
                return sealed;
            }
        }, index, chain);
    }
}
