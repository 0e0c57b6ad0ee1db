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

    /** The alias of a version in this store. */
    protected abstract String alias(int version);

    protected SecretKey dataKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(policy.aeadKeyBits(), random);
        return generator.generateKey();
    }

    @Test
    void theFirstKeyIsVersionOne() {
        assertThat(open().current().alias()).isEqualTo(alias(1));
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
        assertThat(second.alias()).isEqualTo(alias(2));
        assertThat(keys.current().alias()).isEqualTo(alias(2));
        assertThat(keys.byAlias(alias(1)).unwrap(wrappedByFirst, "AES").getEncoded()).isEqualTo(dataKey.getEncoded());
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
        byte[] wrappedByFirst = keys.current().wrap(firstDataKey);
        byte[] wrappedBySecond = keys.rotate().wrap(secondDataKey);

        KeyEncryptionKeys reopened = reopen();
        assertThat(reopened.current().alias()).isEqualTo(alias(2));
        assertThat(reopened.byAlias(alias(1)).unwrap(wrappedByFirst, "AES").getEncoded()).isEqualTo(firstDataKey.getEncoded());
        assertThat(reopened.byAlias(alias(2)).unwrap(wrappedBySecond, "AES").getEncoded()).isEqualTo(secondDataKey.getEncoded());
    }

    @Test
    void versionsAreOrderedAsNumbersNotAsText() {
        KeyEncryptionKeys keys = open();
        keys.current();
        for (int version = 2; version <= 10; version++) {
            keys.rotate();
        }
        assertThat(keys.current().alias()).isEqualTo(alias(10));
        assertThat(keys.rotate().alias()).isEqualTo(alias(11));
    }

    @Test
    void anUnknownAliasIsABrokenSeal() {
        KeyEncryptionKeys keys = open();
        keys.current();
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> keys.byAlias(alias(9)));
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> keys.byAlias("tls-https"));
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> keys.byAlias(alias(1) + "0x"));
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
