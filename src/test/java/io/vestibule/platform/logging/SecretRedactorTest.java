package io.vestibule.platform.logging;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "login {\"username\":\"alice\",\"password\":\"Tr0ub4dor&3\"} | Tr0ub4dor&3 | alice",
        "{\"hostPin\": \"48291736\", \"title\": \"Review\"} | 48291736 | Review",
        "{'guestPin':'95027314'} | 95027314 | guestPin",
        "url?password=hunter22&user=bob | hunter22 | user=bob",
        "pin=48291736, room=abc | 48291736 | room=abc",
        "Authorization: Bearer abc.def-ghi_jkl | abc.def-ghi_jkl | Authorization",
        "token eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl seen | eyJhbGciOiJFUzI1NiJ9 | seen",
        "Cookie: __Host-vestibule-session=Zm9vYmFyYmF6cXV4; other=1 | Zm9vYmFyYmF6cXV4 | other=1",
        "Cookie: __Host-vestibule-admin=QWRtaW5Ub2tlbjEy; other=1 | QWRtaW5Ub2tlbjEy | other=1",
        "{\"csrfToken\":\"yldUKJm2NOvX0VBnp3O4H\"} | yldUKJm2NOvX0VBnp3O4H | csrfToken",
        "Loading keystoreFile = /data/https.p12, keystorePass = Zq8xL2pQ | Zq8xL2pQ | keystoreFile = /data/https.p12",
        "trustStorePassword=changeme2 | changeme2 | trustStorePassword",
        "GET /api/v1/calendar/feed/q3Zk9_-vT0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1.ics 404 | q3Zk9_-vT0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1 | .ics 404",
        "webcal://meet.example.org/api/v1/calendar/feed/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE.ics | AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE | webcal://meet.example.org/api/v1/calendar/feed/"})
    void removesTheSecretAndKeepsTheRest(String text, String secret, String kept) {
        String redacted = SecretRedactor.redact(text);

        assertThat(redacted).doesNotContain(secret).contains(kept).contains(SecretRedactor.REDACTED);
    }

    @Test
    void privateKeysInPemAreRemovedWhole() {
        String text = "loaded -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBv\n-----END EC PRIVATE KEY----- from file";

        assertThat(SecretRedactor.redact(text)).isEqualTo("loaded [redacted private key] from file");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "Portal users sign in against ldap://localhost:10389 (START_TLS); pinned 3 rooms";

        assertThat(SecretRedactor.redact(text)).isEqualTo(text);
        assertThat(SecretRedactor.redact(null)).isNull();
    }

    @Test
    void theFilterRedactsFormattedMessagesAndExceptionMessages() {
        LogRecord record = new LogRecord(Level.WARNING, "Sign-in of {0} failed with password={1}");
        record.setParameters(new Object[] {"alice", "Tr0ub4dor3"});
        record.setThrown(new IllegalStateException("outer", new IllegalArgumentException("bad {\"pin\":\"48291736\"}")));

        assertThat(newFilter().isLoggable(record)).isTrue();

        assertThat(record.getMessage()).contains("alice").doesNotContain("Tr0ub4dor3");
        assertThat(record.getParameters()).isNull();
        assertThat(record.getThrown().getMessage()).contains("outer").contains(IllegalStateException.class.getName());
        assertThat(record.getThrown().getCause().getMessage()).doesNotContain("48291736").contains(IllegalArgumentException.class.getName());
        assertThat(record.getThrown().getCause().getStackTrace()).isNotEmpty();
    }

    @Test
    void aRecordWithoutSecretsKeepsItsOwnException() {
        IllegalStateException failure = new IllegalStateException("database unreachable");
        LogRecord record = new LogRecord(Level.SEVERE, "Unexpected failure");
        record.setThrown(failure);

        newFilter().isLoggable(record);

        assertThat(record.getThrown()).isSameAs(failure);
    }

    private static java.util.logging.Filter newFilter() {
        java.util.logging.Handler handler = new java.util.logging.ConsoleHandler();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(handler);
        try {
            RedactingLogFilter.install();
            return handler.getFilter();
        } finally {
            root.removeHandler(handler);
        }
    }
}
