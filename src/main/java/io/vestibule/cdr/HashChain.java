package io.vestibule.cdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.vestibule.crypto.CryptoPolicy;

/**
 * The tamper-evident chain over call records (R-CDR-4): each record's hash covers the previous record's hash and
 * everything stored of the record itself (sequence, time to the millisecond, key, ciphertext, indexes). Deleting, altering or
 * reordering a record breaks every hash after it; it is computed over what is stored, so it can be checked without
 * any key.
 */
public final class HashChain {
    /** The hash before the first record. */
    public static final byte[] GENESIS = new byte[32];

    private final String algorithm;
    /** One digest per thread: looking the algorithm up costs about as much as hashing a record. */
    private final ThreadLocal<MessageDigest> digests;

    public HashChain(CryptoPolicy policy) {
        this.algorithm = policy.chainDigestAlgorithm();
        this.digests = ThreadLocal.withInitial(this::newDigest);
    }

    public byte[] next(byte[] previous, long sequence, java.time.Instant occurredAt, int keyId, byte[] ciphertext,
                       SealedRecord.BlindIndexes indexes) {
        MessageDigest digest = digests.get();
        digest.reset();
        digest.update(previous);
        digest.update(ByteBuffer.allocate(8 + 8 + 4 + 4).putLong(sequence).putLong(occurredAt.toEpochMilli())
                .putInt(keyId).putInt(ciphertext.length).array());
        digest.update(ciphertext);
        for (String index : new String[] {indexes.room(), indexes.participant(), indexes.name(), indexes.outcome()}) {
            byte[] bytes = index.getBytes(StandardCharsets.US_ASCII);
            digest.update((byte) bytes.length);
            digest.update(bytes);
        }
        return digest.digest();
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] of(byte[] previous, SealedRecord record) {
        return next(previous, record.sequence(), record.occurredAt(), record.keyId(), record.ciphertext(), record.indexes());
    }
}
