package io.vestibule.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a key-encryption key: {@code PREFIX-VERSION-TAG}, as in {@code kek-2-3f09a1c47be2}. The version orders
 * the keys; the tag, drawn at random when the key is made, makes the name unique, so no two keys ever share one. A
 * store or token that replaced a lost one therefore cannot pass its own first key for the lost first key: the
 * database names a key the new store does not hold, and the start says so instead of failing to unwrap.
 *
 * <p>The tag is random rather than computed from the key: a key held by a token never leaves it, and the classic
 * check value of an AES key (the encryption of a zero block) is GCM's hash key, part of which no name should carry.
 * Names made before tags existed ({@code kek-1}) are still read.
 */
public record KeyEncryptionKeyAlias(String prefix, int version, String tag) implements Comparable<KeyEncryptionKeyAlias> {
    private static final int TAG_BYTES = 6;
    /** What follows the prefix and its hyphen. */
    private static final Pattern VERSION_AND_TAG = Pattern.compile("([1-9]\\d{0,8})(?:-([0-9a-f]{" + 2 * TAG_BYTES + "}))?");

    /** The alias when it is a key-encryption key's name under this prefix, tagged or from before tags. */
    public static Optional<KeyEncryptionKeyAlias> parse(String prefix, String alias) {
        if (!alias.startsWith(prefix + "-")) {
            return Optional.empty();
        }
        Matcher matcher = VERSION_AND_TAG.matcher(alias.substring(prefix.length() + 1));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KeyEncryptionKeyAlias(prefix, Integer.parseInt(matcher.group(1)),
                matcher.group(2) == null ? "" : matcher.group(2)));
    }

    /** The name of the key that follows the newest one (or of the first key), with a tag of its own. */
    public static KeyEncryptionKeyAlias next(String prefix, Optional<KeyEncryptionKeyAlias> newest, SecureRandom random) {
        byte[] tag = new byte[TAG_BYTES];
        random.nextBytes(tag);
        return new KeyEncryptionKeyAlias(prefix, newest.map(alias -> alias.version() + 1).orElse(1), HexFormat.of().formatHex(tag));
    }

    @Override
    public int compareTo(KeyEncryptionKeyAlias other) {
        int byVersion = Integer.compare(version, other.version);
        return byVersion != 0 ? byVersion : tag.compareTo(other.tag);
    }

    @Override
    public String toString() {
        return tag.isEmpty() ? prefix + "-" + version : prefix + "-" + version + "-" + tag;
    }
}
