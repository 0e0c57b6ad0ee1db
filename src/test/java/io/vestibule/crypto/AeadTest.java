package io.vestibule.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AeadTest {
    private static final byte[] PLAINTEXT = "48291736".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PLACE = "room 7f1c/host PIN".getBytes(StandardCharsets.US_ASCII);

    private final CryptoPolicy policy = CryptoPolicy.standard();
    private final SecureRandom random = policy.newSecureRandom();
    private final Aead aead = new Aead(policy, random);
    private final SecretKey key = newKey();

    private SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, CryptoPolicy.standard().newSecureRandom());
            return generator.generateKey();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void opensWhatItSealed() {
        byte[] sealed = aead.seal(key, PLAINTEXT, PLACE);
        assertThat(aead.open(key, sealed, PLACE)).isEqualTo(PLAINTEXT);
    }

    @Test
    void opensAnEmptyPlaintextAndALargeOne() {
        assertThat(aead.open(key, aead.seal(key, new byte[0], PLACE), PLACE)).isEmpty();
        byte[] large = new byte[100_000];
        // Content, not a secret: the FIPS module's DRBG gives at most 32 KiB per request.
        new java.util.Random(100_000).nextBytes(large);
        assertThat(aead.open(key, aead.seal(key, large, PLACE), PLACE)).isEqualTo(large);
    }

    @Test
    void theSealedFormIsNonceCiphertextAndTagWithoutThePlaintext() {
        byte[] sealed = aead.seal(key, PLAINTEXT, PLACE);
        assertThat(sealed).hasSize(12 + PLAINTEXT.length + 16);
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("48291736");
    }

    @Test
    void twoSealsOfTheSamePlaintextDiffer() {
        byte[] first = aead.seal(key, PLAINTEXT, PLACE);
        byte[] second = aead.seal(key, PLAINTEXT, PLACE);
        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOf(first, 12)).isNotEqualTo(Arrays.copyOf(second, 12));
    }

    @Test
    void noncesDrawnInBulkAreNeverHandedOutTwice() {
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 10 * Aead.NONCES_PER_DRAW + 3; i++) {
            assertThat(nonces.add(HexFormat.of().formatHex(aead.seal(key, PLAINTEXT, PLACE), 0, 12))).as("seal %d", i).isTrue();
        }
    }

    @Test
    void anotherKeyDoesNotOpenIt() {
        byte[] sealed = aead.seal(key, PLAINTEXT, PLACE);
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> aead.open(newKey(), sealed, PLACE));
    }

    @Test
    void anyFlippedBitBreaksTheSeal() {
        byte[] sealed = aead.seal(key, PLAINTEXT, PLACE);
        // Every byte: nonce, ciphertext and tag.
        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            assertThatExceptionOfType(Aead.SealBroken.class).as("bit flipped in byte %d", i)
                    .isThrownBy(() -> aead.open(key, altered, PLACE));
        }
    }

    @Test
    void anotherPlaceDoesNotOpenIt() {
        byte[] sealed = aead.seal(key, PLAINTEXT, PLACE);
        byte[] otherPlace = "room 7f1c/guest PIN".getBytes(StandardCharsets.US_ASCII);
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> aead.open(key, sealed, otherPlace));
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> aead.open(key, sealed, new byte[0]));
    }

    @Test
    void truncatedInputBreaksTheSeal() {
        byte[] sealed = aead.seal(key, PLAINTEXT, PLACE);
        for (int length : new int[] {0, 1, 11, 12, 27, sealed.length - 1}) {
            byte[] truncated = Arrays.copyOf(sealed, length);
            assertThatExceptionOfType(Aead.SealBroken.class).as("truncated to %d bytes", length)
                    .isThrownBy(() -> aead.open(key, truncated, PLACE));
        }
    }

    @Test
    void appendedBytesBreakTheSeal() {
        byte[] sealed = aead.seal(key, PLAINTEXT, PLACE);
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
        assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> aead.open(key, longer, PLACE));
    }

    @Test
    void threadsSharingItSealAndOpenWithKeysInTurnAndAfterFailures() throws Exception {
        SecretKey other = newKey();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        SecretKey current = i % 2 == 0 ? key : other;
                        byte[] plaintext = ("message " + i).getBytes(StandardCharsets.US_ASCII);
                        byte[] sealed = aead.seal(current, plaintext, PLACE);
                        assertThatExceptionOfType(Aead.SealBroken.class)
                                .isThrownBy(() -> aead.open(current == key ? other : key, sealed, PLACE));
                        assertThat(aead.open(current, sealed, PLACE)).isEqualTo(plaintext);
                    }
                    return null;
                }));
            }
            for (Future<?> result : done) {
                result.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
