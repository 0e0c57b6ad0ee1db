package io.vestibule.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.vestibule.crypto.CryptoPolicy;

/**
 * What every line of an audit file holds first: its sequence number across all files ({@code seq}), the hash of the
 * line before it ({@code prev}, in the previous file for a file's first line) and its kind. The hash is SHA-256 (the
 * crypto policy's chain digest) of the line's UTF-8 bytes without the line ending, so changing any character of a line
 * breaks the link from the next one.
 */
public final class AuditLines {
    public static final String SEQUENCE = "seq";
    public static final String PREVIOUS = "prev";
    public static final String KIND = "kind";

    /** A file's first line: its number, the highest file number the size cap has deleted, when it was started. */
    public static final String HEADER = "header";
    /** An audit event; {@code unwritten_before} counts the events that could not be written just before it. */
    public static final String EVENT = "event";
    /** A file's last line: signed, closing the file at rotation, at a clean stop or at the next start after a crash. */
    public static final String CHECKPOINT = "checkpoint";

    public static final String FILE = "file";
    public static final String RETIRED_THROUGH = "retired_through";
    public static final String AT = "at";
    public static final String LINES = "lines";
    public static final String KEY = "key";
    public static final String SIGNATURE = "sig";
    public static final String UNWRITTEN_BEFORE = "unwritten_before";

    /** The hash before the first line ever written. */
    public static final String GENESIS = "0".repeat(64);

    private final String algorithm;

    public AuditLines(CryptoPolicy policy) {
        this.algorithm = policy.chainDigestAlgorithm();
    }

    public String hash(String line) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(line.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
