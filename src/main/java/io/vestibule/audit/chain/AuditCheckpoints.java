package io.vestibule.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Signs and checks the checkpoint that ends each audit file, with the service's audit checkpoint key (ECDSA, from
 * the crypto policy; the private key stays in the master key store, the certificate is published beside the files).
 * The signature covers the file's number, the checkpoint's sequence number, the hash of the line before it (so the
 * whole chain up to it) and the file's line count: a chain rewritten after the fact cannot carry a valid checkpoint
 * without the private key.
 */
public final class AuditCheckpoints {
    private static final String CONTEXT = "vestibule audit checkpoint";

    private final CryptoPolicy policy;

    public AuditCheckpoints(CryptoPolicy policy) {
        this.policy = policy;
    }

    public String sign(PrivateKey key, PublicKey publicKey, long file, long sequence, String previous, long lines, String at) {
        try {
            Signature signature = Signature.getInstance(policy.signatureAlgorithmFor(publicKey));
            signature.initSign(key);
            signature.update(message(file, sequence, previous, lines, at));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign an audit checkpoint", e);
        }
    }

    /** Whether a checkpoint line's signature is valid under the key it names, among the keys the verifier trusts. */
    public boolean valid(Map<String, PublicKey> trusted, Map<String, Object> checkpoint) {
        PublicKey key = trusted.get(String.valueOf(checkpoint.get(AuditLines.KEY)));
        if (key == null || !(checkpoint.get(AuditLines.FILE) instanceof Long file) || !(checkpoint.get(AuditLines.SEQUENCE) instanceof Long sequence)
                || !(checkpoint.get(AuditLines.LINES) instanceof Long lines)) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(policy.signatureAlgorithmFor(key));
            signature.initVerify(key);
            signature.update(message(file, sequence, String.valueOf(checkpoint.get(AuditLines.PREVIOUS)), lines,
                    String.valueOf(checkpoint.get(AuditLines.AT))));
            return signature.verify(Base64.getDecoder().decode(String.valueOf(checkpoint.get(AuditLines.SIGNATURE))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** How checkpoints name their key: SHA-256 of the public key's encoding, in hex. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] message(long file, long sequence, String previous, long lines, String at) {
        return String.join("\n", CONTEXT, Long.toString(file), Long.toString(sequence), previous, Long.toString(lines), at)
                .getBytes(StandardCharsets.UTF_8);
    }
}
