package io.vestibule.identity.local;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicy.PasswordHashing;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

@Tag(TestCertificates.NEEDS_BCPROV)
class PasswordHasherTest {
    private static final PasswordHashing CHEAP = new PasswordHashing(64, 1, 1, 16, 32);
    private static final PasswordHashing STRONGER = new PasswordHashing(32_768, 3, 2, 32, 64);
    /** "somesaltsomesalt" and "hash" eight times: well formed, at the policy's cost: the control for the malformed variants below. */
    private static final String WELL_FORMED = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

    private final SecureRandom random = CryptoPolicy.standard().newSecureRandom();
    private final PasswordHasher hasher = new PasswordHasher(CryptoPolicy.standard(), random);

    private static char[] chars(String password) {
        return password.toCharArray();
    }

    /** The stored hash with one of its $-separated fields replaced. */
    private static String withField(String encoded, int field, String value) {
        String[] fields = encoded.split("\\$", -1);
        fields[field] = value;
        return String.join("$", fields);
    }

    /** A different Base64 character at the given position of the field, so the bytes change. */
    private static String tampered(String encoded, int field, int position) {
        String value = encoded.split("\\$", -1)[field];
        char replacement = value.charAt(position) == 'A' ? 'B' : 'A';
        return withField(encoded, field, value.substring(0, position) + replacement + value.substring(position + 1));
    }

    @Test
    void hashesInPhcFormAtThePolicysCost() {
        String encoded = hasher.hash(chars("Vestibule-2026"));
        // 16-byte salt and 32-byte hash: 22 and 43 characters of Base64 without padding.
        assertThat(encoded).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void theSamePasswordMatches() {
        String encoded = hasher.hash(chars("Vestibule-2026"));
        assertThat(hasher.matches(chars("Vestibule-2026"), encoded)).isTrue();
    }

    @Test
    void anotherPasswordDoesNotMatch() {
        String encoded = hasher.hash(chars("Vestibule-2026"));
        assertThat(hasher.matches(chars("Vestibule-2027"), encoded)).isFalse();
        assertThat(hasher.matches(chars("vestibule-2026"), encoded)).isFalse();
        assertThat(hasher.matches(chars("Vestibule-202"), encoded)).isFalse();
        assertThat(hasher.matches(chars(""), encoded)).isFalse();
    }

    @Test
    void theCallersPasswordIsLeftAsItWas() {
        char[] password = chars("Vestibule-2026");
        String encoded = hasher.hash(password);
        hasher.matches(password, encoded);
        assertThat(password).containsExactly(chars("Vestibule-2026"));
    }

    @Test
    void eachHashHasASaltOfItsOwn() {
        String first = hasher.hash(chars("Vestibule-2026"));
        String second = hasher.hash(chars("Vestibule-2026"));
        assertThat(second.split("\\$")[4]).isNotEqualTo(first.split("\\$")[4]);
        assertThat(second).isNotEqualTo(first);
        assertThat(hasher.matches(chars("Vestibule-2026"), first)).isTrue();
        assertThat(hasher.matches(chars("Vestibule-2026"), second)).isTrue();
    }

    @Test
    void theSaltComesFromTheInjectedRandom() {
        SecureRandom fixed = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) 7);
            }
        };
        PasswordHasher predictable = new PasswordHasher(CHEAP, fixed);
        String encoded = predictable.hash(chars("Vestibule-2026"));
        byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 7);
        assertThat(encoded.split("\\$")[4]).isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(salt));
        assertThat(predictable.hash(chars("Vestibule-2026"))).isEqualTo(encoded);
    }

    @Test
    void verifiesTheReferenceImplementationsArgon2idTestVector() {
        // From the Argon2 reference implementation's tests: "password", salt "somesalt", 64 MiB, two passes, one lane.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.matches(chars("password"), reference)).isTrue();
        assertThat(hasher.matches(chars("passwore"), reference)).isFalse();
    }

    @Test
    void aHashMadeAtAnotherCostStillVerifies() {
        String cheap = new PasswordHasher(CHEAP, random).hash(chars("Vestibule-2026"));
        String stronger = new PasswordHasher(STRONGER, random).hash(chars("Vestibule-2026"));
        assertThat(cheap).startsWith("$argon2id$v=19$m=64,t=1,p=1$");
        assertThat(stronger).startsWith("$argon2id$v=19$m=32768,t=3,p=2$");
        assertThat(hasher.matches(chars("Vestibule-2026"), cheap)).isTrue();
        assertThat(hasher.matches(chars("Vestibule-2026"), stronger)).isTrue();
        assertThat(hasher.matches(chars("Vestibule-2027"), stronger)).isFalse();
    }

    @Test
    void theCostIsReadFromTheHashNotAssumed() {
        String cheap = new PasswordHasher(CHEAP, random).hash(chars("Vestibule-2026"));
        // The same salt and hash claimed at another cost are another hash, which the password does not give.
        assertThat(hasher.matches(chars("Vestibule-2026"), withField(cheap, 3, "m=128,t=1,p=1"))).isFalse();
        assertThat(hasher.matches(chars("Vestibule-2026"), withField(cheap, 3, "m=64,t=2,p=1"))).isFalse();
        assertThat(hasher.matches(chars("Vestibule-2026"), withField(cheap, 3, "m=64,t=1,p=2"))).isFalse();
    }

    @Test
    void onlyHashesBelowThePolicyNeedRehashing() {
        assertThat(hasher.needsRehash(WELL_FORMED)).isFalse();
        assertThat(hasher.needsRehash(hasher.hash(chars("Vestibule-2026")))).isFalse();
        assertThat(hasher.needsRehash(new PasswordHasher(STRONGER, random).hash(chars("Vestibule-2026")))).isFalse();
        assertThat(hasher.needsRehash(new PasswordHasher(CHEAP, random).hash(chars("Vestibule-2026")))).isTrue();
        assertThat(hasher.needsRehash(new PasswordHasher(new PasswordHashing(19_456, 1, 1, 16, 32), random)
                .hash(chars("Vestibule-2026")))).isTrue();
        assertThat(hasher.needsRehash(new PasswordHasher(new PasswordHashing(19_456, 2, 1, 8, 32), random)
                .hash(chars("Vestibule-2026")))).isTrue();
        assertThat(hasher.needsRehash(new PasswordHasher(new PasswordHashing(19_456, 2, 1, 16, 16), random)
                .hash(chars("Vestibule-2026")))).isTrue();
    }

    @Test
    void anUnreadableHashNeedsRehashing() {
        assertThat(hasher.needsRehash("$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")).isTrue();
        assertThat(hasher.needsRehash("")).isTrue();
        assertThat(hasher.needsRehash(null)).isTrue();
    }

    @Test
    void unicodePasswordsAreHashedAsUtf8() {
        String password = "Contraseña-Ñandú-日本語-🔑";
        String encoded = new PasswordHasher(CHEAP, random).hash(chars(password));
        assertThat(hasher.matches(chars(password), encoded)).isTrue();

        byte[] salt = Base64.getDecoder().decode(encoded.split("\\$")[4]);
        Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
        argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(64).withIterations(1).withParallelism(1).withSalt(salt).build());
        byte[] expected = new byte[32];
        argon2.generateBytes(password.getBytes(StandardCharsets.UTF_8), expected);
        assertThat(encoded.split("\\$")[5]).isEqualTo(Base64.getEncoder().withoutPadding().encodeToString(expected));
    }

    @Test
    void unicodeIsComparedAsTypedWithoutNormalising() {
        String composed = "Caf\u00e9-Vestibule-1";
        String decomposed = "Cafe\u0301-Vestibule-1";
        String encoded = new PasswordHasher(CHEAP, random).hash(chars(composed));
        assertThat(hasher.matches(chars(composed), encoded)).isTrue();
        assertThat(hasher.matches(chars(decomposed), encoded)).isFalse();
    }

    @Test
    void anUnpairedSurrogateNeitherThrowsNorBreaksTheRoundTrip() {
        char[] odd = chars("Vestibule-\uD800-2026");
        String encoded = new PasswordHasher(CHEAP, random).hash(odd);
        assertThat(hasher.matches(odd, encoded)).isTrue();
        assertThat(hasher.matches(chars("Vestibule--2026"), encoded)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "plain text",
            "$argon2id$",
            "$argon2id$v=19$m=19456,t=2,p=1$",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$",
            "$argon2id$v=19$m=19456,t=2$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=19$t=2,m=19456,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2d$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=19$m=019456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=19$m=-19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g$extra",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2",
            "$argon2id$v=19$m=19456,t=2,p=1$c29t_XNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g ",
            " $argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$ARGON2ID$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"})
    void malformedHashesMatchNothing(String encoded) {
        assertThat(hasher.matches(chars("Vestibule-2026"), encoded)).isFalse();
        assertThat(hasher.needsRehash(encoded)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "m=1048577,t=2,p=1",        // more than 1 GiB
            "m=4294967296,t=2,p=1",     // beyond an int
            "m=9999999999,t=2,p=1",
            "m=19456,t=21,p=1",
            "m=19456,t=2147483648,p=1",
            "m=19456,t=2,p=17",
            "m=127,t=2,p=16"})          // fewer than eight blocks per lane
    void unreasonableCostsAreRefusedWithoutHashing(String cost) {
        String encoded = hasher.hash(chars("Vestibule-2026"));
        assertThat(hasher.matches(chars("Vestibule-2026"), withField(encoded, 3, cost))).isFalse();
    }

    @Test
    void saltsAndHashesOfUnreasonableLengthAreRefused() {
        String encoded = new PasswordHasher(CHEAP, random).hash(chars("Vestibule-2026"));
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        assertThat(hasher.matches(chars("Vestibule-2026"), withField(encoded, 4, base64.encodeToString(new byte[7])))).isFalse();
        assertThat(hasher.matches(chars("Vestibule-2026"), withField(encoded, 4, base64.encodeToString(new byte[65])))).isFalse();
        assertThat(hasher.matches(chars("Vestibule-2026"), withField(encoded, 5, base64.encodeToString(new byte[15])))).isFalse();
        assertThat(hasher.matches(chars("Vestibule-2026"), withField(encoded, 5, base64.encodeToString(new byte[65])))).isFalse();
    }

    @Test
    void aTamperedOrTruncatedHashIsRefused() {
        String encoded = new PasswordHasher(CHEAP, random).hash(chars("Vestibule-2026"));
        String hash = encoded.split("\\$")[5];
        assertThat(hasher.matches(chars("Vestibule-2026"), encoded)).isTrue();
        assertThat(hasher.matches(chars("Vestibule-2026"), tampered(encoded, 5, 0))).isFalse();
        assertThat(hasher.matches(chars("Vestibule-2026"), tampered(encoded, 5, 20))).isFalse();
        assertThat(hasher.matches(chars("Vestibule-2026"), tampered(encoded, 4, 3))).isFalse();
        assertThat(hasher.matches(chars("Vestibule-2026"), encoded.substring(0, encoded.length() - 1))).isFalse();
        assertThat(hasher.matches(chars("Vestibule-2026"), withField(encoded, 5, hash.substring(0, 22)))).isFalse();
    }

    @Test
    void onlyTheCanonicalBase64IsAccepted() {
        String encoded = new PasswordHasher(CHEAP, random).hash(chars("Vestibule-2026"));
        String hash = encoded.split("\\$")[5];
        // The last of 43 characters carries two unused bits; setting one gives the same bytes in another spelling.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        char last = hash.charAt(42);
        char respelled = alphabet.charAt(alphabet.indexOf(last) | 1);
        String noncanonical = withField(encoded, 5, hash.substring(0, 42) + respelled);
        assertThat(Base64.getDecoder().decode(noncanonical.split("\\$")[5])).isEqualTo(Base64.getDecoder().decode(hash));
        assertThat(hasher.matches(chars("Vestibule-2026"), noncanonical)).isFalse();
    }
}
