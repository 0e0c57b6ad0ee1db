package io.vestibule.cdr;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.vestibule.crypto.CryptoPolicy;

/** Signs and checks checkpoints with the service's checkpoint key (ECDSA, from the crypto policy). */
public final class CheckpointSignatures {
    private static final byte[] CONTEXT = "vestibule call-record checkpoint".getBytes(StandardCharsets.US_ASCII);

    private final CryptoPolicy policy;

    public CheckpointSignatures(CryptoPolicy policy) {
        this.policy = policy;
    }

    public Checkpoint sign(PrivateKey key, PublicKey publicKey, Checkpoint.Kind kind, long sequence, byte[] chainHash, Instant time) {
        // Signed and stored to the millisecond: a database keeps microseconds and rounds, which could move the instant
        // into the next millisecond, and the signature would no longer verify.
        Instant at = time.truncatedTo(ChronoUnit.MILLIS);
        try {
            Signature signature = Signature.getInstance(policy.signatureAlgorithmFor(publicKey));
            signature.initSign(key);
            signature.update(message(kind, sequence, chainHash, at));
            return new Checkpoint(kind, sequence, chainHash.clone(), at, signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a call-record checkpoint", e);
        }
    }

    public boolean valid(PublicKey key, Checkpoint checkpoint) {
        try {
            Signature signature = Signature.getInstance(policy.signatureAlgorithmFor(key));
            signature.initVerify(key);
            signature.update(message(checkpoint.kind(), checkpoint.sequence(), checkpoint.chainHash(), checkpoint.signedAt()));
            return signature.verify(checkpoint.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] message(Checkpoint.Kind kind, long sequence, byte[] chainHash, Instant at) {
        return ByteBuffer.allocate(CONTEXT.length + 1 + 8 + chainHash.length + 8).put(CONTEXT).put((byte) kind.ordinal())
                .putLong(sequence).put(chainHash).putLong(at.toEpochMilli()).array();
    }
}
