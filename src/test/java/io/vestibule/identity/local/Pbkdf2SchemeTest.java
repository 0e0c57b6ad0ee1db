package io.vestibule.identity.local;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.crypto.CryptoModule;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicy.Pbkdf2Hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** FIPS mode's password hash; these tests run on both builds (pom.xml, crypto-in-fips-mode), so each reads the other's hashes. */
class Pbkdf2SchemeTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final Pbkdf2Hashing CHEAP = new Pbkdf2Hashing(1000, 16, 32);
    private static final byte[] PASSWORD = "Vestibule-FIPS-2026".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = POLICY.newSecureRandom();
    private final Pbkdf2Scheme scheme = new Pbkdf2Scheme(CHEAP, POLICY);

    private byte[] salt() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return salt;
    }

    @Test
    void thePolicyAsksForOwaspsCostAndTheModulesFloor() {
        assertThat(POLICY.fipsPasswordHashing()).isEqualTo(new Pbkdf2Hashing(600_000, 16, 32));
        assertThat(POLICY.fipsShortestPassword()).isEqualTo(14);
        assertThat(POLICY.passwordKeyDerivation()).isEqualTo("PBKDF2WithHmacSHA256");
    }

    @Test
    void hashesInPhcLikeFormAndTheSamePasswordMatchesAnotherDoesNot() {
        String encoded = scheme.hash(PASSWORD, salt());
        assertThat(encoded).matches("\\$pbkdf2-sha256\\$i=1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(scheme.recognises(encoded)).isTrue();
        assertThat(scheme.matches(PASSWORD, encoded)).isTrue();
        assertThat(scheme.matches("Vestibule-FIPS-2027".getBytes(StandardCharsets.UTF_8), encoded)).isFalse();
    }

    /** The same derivation as the JDK's own provider: a hash made in FIPS mode is checked by the standard build and back. */
    @Test
    void theHashIsPbkdf2HmacSha256AsTheJdkDerivesIt() throws Exception {
        byte[] salt = salt();
        String encoded = scheme.hash(PASSWORD, salt);
        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256", "SunJCE")
                .generateSecret(new PBEKeySpec("Vestibule-FIPS-2026".toCharArray(), salt, 1000, 256)).getEncoded();
        assertThat(encoded).endsWith("$" + Base64.getEncoder().withoutPadding().encodeToString(expected));
    }

    @Test
    void aPasswordShorterThanTheModulesFloorIsNeverHashedAndNeverMatches() {
        byte[] thirteen = "Thirteen-byte".getBytes(StandardCharsets.UTF_8);
        assertThat(thirteen).hasSize(13);
        assertThatIllegalArgumentException().isThrownBy(() -> scheme.hash(thirteen, salt())).withMessageContaining("14");
        String encoded = scheme.hash(PASSWORD, salt());
        assertThat(scheme.matches(thirteen, encoded)).isFalse();
    }

    @Test
    void aStoredHashCheaperThanThePolicyIsWeakerAndThePolicysIsNot() {
        Pbkdf2Scheme policy = new Pbkdf2Scheme(new Pbkdf2Hashing(2000, 16, 32), POLICY);
        assertThat(policy.weakerThanPolicy(scheme.hash(PASSWORD, salt()))).isTrue();
        assertThat(policy.weakerThanPolicy(policy.hash(PASSWORD, salt()))).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "$pbkdf2-sha256$i=999$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$pbkdf2-sha256$i=10000001$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$pbkdf2-sha256$i=1000$c2hvcnQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$pbkdf2-sha256$i=1000$c29tZXNhbHRzb21lc2FsdA$c2hvcnQ",
            "$pbkdf2-sha256$i=1000$c29tZXNhbHRzb21lc2FsdB$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$pbkdf2-sha1$i=1000$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"})
    void malformedOrUnreasonableHashesMatchNothingAndCountAsWeaker(String encoded) {
        assertThat(scheme.matches(PASSWORD, encoded)).isFalse();
        assertThat(scheme.weakerThanPolicy(encoded)).isTrue();
    }

    /** The façade: PBKDF2 in FIPS mode, where Argon2id cannot be checked; Argon2id otherwise, PBKDF2 still checked. */
    @Test
    void theHasherHashesWithTheBuildsSchemeAndTellsWhichHashesItCanCheck() {
        PasswordHasher hasher = new PasswordHasher(POLICY, random);
        String pbkdf2 = scheme.hash(PASSWORD, salt());
        String argon2 = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
        assertThat(hasher.matches("Vestibule-FIPS-2026".toCharArray(), pbkdf2)).isTrue();
        assertThat(hasher.checkable(pbkdf2)).isTrue();
        assertThat(hasher.needsRehash(pbkdf2)).as("cheaper than OWASP's cost, or another scheme than Argon2id").isTrue();
        if (CryptoModule.fips()) {
            assertThat(hasher.shortestPassword()).isEqualTo(14);
            assertThat(hasher.hash("Vestibule-FIPS-2026".toCharArray())).startsWith("$pbkdf2-sha256$i=600000$");
            assertThat(hasher.checkable(argon2)).isFalse();
            assertThat(hasher.needsRehash(argon2)).isTrue();
        } else {
            assertThat(hasher.shortestPassword()).isEqualTo(1);
            assertThat(hasher.checkable(argon2)).isTrue();
        }
    }
}
