package io.vestibule.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What every store of key-encryption keys must do (R-CDR-3), whether a PKCS#12 file or a PKCS#11 token. Each
 * subclass opens its own empty store; {@link #reopen()} opens the same store again as a new instance, after the
 * earlier one is closed.
 */
abstract class KeyEncryptionKeysContract {
    protected final CryptoPolicy policy = CryptoPolicy.standard();
    protected final SecureRandom random = policy.newSecureRandom();

    /** A new, empty store. */
    protected abstract KeyEncryptionKeys open();

    /** The store {@link #open()} made, closed and opened again as a new instance. */
    protected abstract KeyEncryptionKeys reopen();

    /** Opens the store with a wrong secret (PIN, passphrase); the exception is the test's business. */
    protected abstract void openWithWrongSecret();

    /** The name of the setting that holds the secret, which the refusal must name. */
    protected abstract String secretSetting();

    /** Secrets no message may contain: the right and the wrong one. */
    protected abstract String[] secrets();

    /** The prefix of this store's key names. */
    protected abstract String aliasPrefix();

    /** Asserts that the key is this store's key of that version, with a tag of its own. */
    protected void assertVersion(KeyEncryptionKey key, int version) {
        assertThat(KeyEncryptionKeyAlias.parse(aliasPrefix(), key.alias())).as(key.alias()).hasValueSatisfying(alias -> {
            assertThat(alias.version()).isEqualTo(version);
            assertThat(alias.tag()).matches("[0-9a-f]{12}");
        });
    }

    protected SecretKey dataKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(policy.aeadKeyBits(), random);
        return generator.generateKey();
    }

    @Test
    void theFirstKeyIsVersionOne() {
        assertVersion(open().current(), 1);
    }

    @Test
    void aDataKeyRoundTrips() throws Exception {
        KeyEncryptionKey kek = open().current();
        SecretKey dataKey = dataKey();
        byte[] wrapped = kek.wrap(dataKey);
        assertThat(Arrays.equals(wrapped, dataKey.getEncoded())).isFalse();
        SecretKey unwrapped = kek.unwrap(wrapped, "AES");
        assertThat(unwrapped.getAlgorithm()).isEqualTo("AES");
        assertThat(unwrapped.getEncoded()).isEqualTo(dataKey.getEncoded());
    }

    @Test
    void aDataKeyWrappedBeforeRotationStillUnwraps() throws Exception {
        KeyEncryptionKeys keys = open();
        KeyEncryptionKey first = keys.current();
        SecretKey dataKey = dataKey();
        byte[] wrappedByFirst = first.wrap(dataKey);

        KeyEncryptionKey second = keys.rotate();
        assertVersion(second, 2);
        assertThat(keys.current().alias()).isEqualTo(second.alias());
        assertThat(keys.byAlias(first.alias()).unwrap(wrappedByFirst, "AES").getEncoded()).isEqualTo(dataKey.getEncoded());
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> second.unwrap(wrappedByFirst, "AES"));
    }

    @Test
    void everyAlteredByteIsDetected() throws Exception {
        KeyEncryptionKey kek = open().current();
        SecretKey dataKey = dataKey();
        byte[] wrapped = kek.wrap(dataKey);
        for (int i = 0; i < wrapped.length; i++) {
            byte[] altered = wrapped.clone();
            altered[i] ^= 0x01;
            assertThatExceptionOfType(Aead.SealBroken.class).as("byte %d altered", i)
                    .isThrownBy(() -> kek.unwrap(altered, "AES"));
        }
        assertThatExceptionOfType(Aead.SealBroken.class).as("truncated")
                .isThrownBy(() -> kek.unwrap(Arrays.copyOf(wrapped, wrapped.length - 1), "AES"));
        assertThat(kek.unwrap(wrapped, "AES").getEncoded()).as("the original, after all that").isEqualTo(dataKey.getEncoded());
    }

    @Test
    void keysPersistAcrossClosingAndReopening() throws Exception {
        KeyEncryptionKeys keys = open();
        SecretKey firstDataKey = dataKey();
        SecretKey secondDataKey = dataKey();
        KeyEncryptionKey first = keys.current();
        KeyEncryptionKey second = keys.rotate();
        byte[] wrappedByFirst = first.wrap(firstDataKey);
        byte[] wrappedBySecond = second.wrap(secondDataKey);

        KeyEncryptionKeys reopened = reopen();
        assertThat(reopened.current().alias()).isEqualTo(second.alias());
        assertThat(reopened.byAlias(first.alias()).unwrap(wrappedByFirst, "AES").getEncoded()).isEqualTo(firstDataKey.getEncoded());
        assertThat(reopened.byAlias(second.alias()).unwrap(wrappedBySecond, "AES").getEncoded()).isEqualTo(secondDataKey.getEncoded());
    }

    @Test
    void versionsAreOrderedAsNumbersNotAsText() {
        KeyEncryptionKeys keys = open();
        keys.current();
        for (int version = 2; version <= 10; version++) {
            keys.rotate();
        }
        assertVersion(keys.current(), 10);
        assertVersion(keys.rotate(), 11);
    }

    @Test
    void anUnknownAliasIsABrokenSeal() {
        KeyEncryptionKeys keys = open();
        String first = keys.current().alias();
        KeyEncryptionKeyAlias parsed = KeyEncryptionKeyAlias.parse(aliasPrefix(), first).orElseThrow();
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> keys.byAlias(aliasPrefix() + "-9-" + parsed.tag()));
        assertThatExceptionOfType(Aead.SealBroken.class).as("the same version under another tag")
                .isThrownBy(() -> keys.byAlias(aliasPrefix() + "-1-" + "0".repeat(12)));
        assertThatExceptionOfType(Aead.SealBroken.class).as("the version without its tag")
                .isThrownBy(() -> keys.byAlias(aliasPrefix() + "-1"));
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> keys.byAlias("tls-https"));
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> keys.byAlias(first + "0x"));
    }

    @Test
    void aWrongSecretIsRefusedNamingTheSettingAndNotTheSecret() {
        open().current();
        var refusal = assertThatIllegalStateException().isThrownBy(this::openWithWrongSecret)
                .withMessageContaining(secretSetting());
        for (String secret : secrets()) {
            refusal.withMessageNotContaining(secret);
        }
    }

    @Test
    void theDescriptionHoldsNoSecret() {
        String description = open().describe();
        assertThat(description).isNotBlank();
        for (String secret : secrets()) {
            assertThat(description).doesNotContain(secret);
        }
    }
}
