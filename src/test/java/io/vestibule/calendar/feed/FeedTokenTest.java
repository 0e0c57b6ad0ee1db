package io.vestibule.calendar.feed;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.crypto.CryptoPolicy;

import static org.assertj.core.api.Assertions.assertThat;

class FeedTokenTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void anIssuedTokenIs256RandomBitsInBase64url() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String value = FeedToken.issue(random).value();
            assertThat(value).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(value)).hasSize(32);
            seen.add(value);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void theTokenComesFromTheGivenRandomSource() {
        SecureRandom zeros = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        };

        assertThat(FeedToken.issue(zeros).value()).isEqualTo("A".repeat(43));
    }

    @Test
    void anIssuedTokenParsesBackToItself() {
        FeedToken token = FeedToken.issue(random);

        assertThat(FeedToken.parse(token.value())).map(FeedToken::value).contains(token.value());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",    // 42 characters
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",  // 44 characters
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",   // padding
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",   // base64, not base64url
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",   // spare bits set: a second spelling of ...AAA
        "../../../../etc/passwd"})
    void textThatIsNotATokenIsRefused(String text) {
        assertThat(FeedToken.parse(text)).isEmpty();
    }

    @Test
    void theStoredHashIsTheSha256OfTheTokenText() throws Exception {
        FeedToken token = FeedToken.issue(random);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.value().getBytes(StandardCharsets.US_ASCII));

        String hash = token.hash(CryptoPolicy.standard());

        assertThat(hash).isEqualTo(HexFormat.of().formatHex(expected)).hasSize(64).doesNotContain(token.value());
    }

    @Test
    void theTokenNeverShowsInItsText() {
        FeedToken token = FeedToken.issue(random);

        assertThat(token.toString()).doesNotContain(token.value()).contains("redacted");
    }
}
