package io.vestibule.cdr;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.access.events.CallEvent;
import io.vestibule.cdr.keys.CallRecordKeys;
import io.vestibule.cdr.store.JdbcDayKeyStore;
import io.vestibule.crypto.Aead;
import io.vestibule.crypto.Pkcs11KeyEncryptionKeys;
import io.vestibule.testing.SoftHsmToken;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Call records with their key-encryption keys in a real SoftHSM2 token: round trip, rotation, tampering. */
class CallRecordsOnTokenTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    @TempDir
    Path directory;

    @Test
    void recordsSealedUnderTokenKeysOpenAcrossARotationAndRefuseTampering() throws Exception {
        TestClock clock = new TestClock(START);
        try (Pkcs11KeyEncryptionKeys token = Pkcs11KeyEncryptionKeys.open(SoftHsmToken.primary().settings("cdr" + UUID.randomUUID().toString().substring(0, 8)),
                CallRecordsFixture.POLICY, CallRecordsFixture.RANDOM)) {
            CallRecordsFixture fixture = new CallRecordsFixture(directory, clock, CallRecordsFixture.database(), token);
            try (CallRecordPipeline pipeline = fixture.pipeline()) {
                pipeline.start();
                pipeline.record(CallEvent.of(CallEvent.Type.PARTICIPANT_JOIN, START, "guest").participant("p-1", "guest", "Before").build());
                assertThat(pipeline.awaitShipped(Duration.ofSeconds(10))).isTrue();
                String before = token.current().alias();
                token.rotate();
                assertThat(token.current().alias()).isNotEqualTo(before);
                pipeline.record(CallEvent.of(CallEvent.Type.PARTICIPANT_JOIN, START.plus(Duration.ofDays(1)), "guest")
                        .participant("p-2", "guest", "After").build());
                assertThat(pipeline.awaitShipped(Duration.ofSeconds(10))).isTrue();
            }
            CallRecordsFixture reopened = new CallRecordsFixture(directory.resolve("again"), clock, fixture.dataSource, token);
            assertThat(reopened.sealer.open(reopened.store.bySequence(1).orElseThrow()).orElseThrow().displayName()).contains("Before");
            assertThat(reopened.sealer.open(reopened.store.bySequence(2).orElseThrow()).orElseThrow().displayName()).contains("After");
            SealedRecord stored = reopened.store.bySequence(2).orElseThrow();
            byte[] tampered = stored.ciphertext().clone();
            tampered[20] ^= 1;
            assertThatExceptionOfType(Aead.SealBroken.class).isThrownBy(() -> reopened.sealer.open(
                    new SealedRecord(2, stored.occurredAt(), stored.keyId(), tampered, stored.indexes(), stored.chainHash())));
            assertThat(reopened.verifier().verify(reopened.store, fixture.checkpointKey.publicKey()).intact()).isTrue();
        }
    }

    /** Issue 21, fault 1: an emptied or replaced token was given a new first key, and the old records became unreadable. */
    @Test
    void aTokenWithoutTheKeysThatWrappedTheDayKeysIsRefusedAndGetsNoNewKey() throws Exception {
        TestClock clock = new TestClock(START);
        String prefix = "cdr" + UUID.randomUUID().toString().substring(0, 8);
        CallRecordsFixture fixture;
        String lost;
        try (Pkcs11KeyEncryptionKeys token = Pkcs11KeyEncryptionKeys.open(SoftHsmToken.primary().settings(prefix),
                CallRecordsFixture.POLICY, CallRecordsFixture.RANDOM)) {
            fixture = new CallRecordsFixture(directory, clock, CallRecordsFixture.database(), token);
            try (CallRecordPipeline pipeline = fixture.pipeline()) {
                pipeline.start();
                pipeline.record(CallEvent.of(CallEvent.Type.PARTICIPANT_JOIN, START, "guest").participant("p-1", "guest", "Sealed").build());
                assertThat(pipeline.awaitShipped(Duration.ofSeconds(10))).isTrue();
            }
            new CallRecordKeys(new JdbcDayKeyStore(fixture.dataSource), token, CallRecordsFixture.POLICY, CallRecordsFixture.RANDOM, clock)
                    .requireKeyEncryptionKeys();
            lost = token.current().alias();
        }
        String emptied = "cdr" + UUID.randomUUID().toString().substring(0, 8);
        try (Pkcs11KeyEncryptionKeys replaced = Pkcs11KeyEncryptionKeys.open(SoftHsmToken.primary().settings(emptied),
                CallRecordsFixture.POLICY, CallRecordsFixture.RANDOM)) {
            CallRecordKeys keys = new CallRecordKeys(new JdbcDayKeyStore(fixture.dataSource), replaced, CallRecordsFixture.POLICY,
                    CallRecordsFixture.RANDOM, clock);

            assertThatIllegalStateException().isThrownBy(keys::requireKeyEncryptionKeys)
                    .withMessageContaining("key-encryption key " + lost + " is not in").withMessageContaining("emptied, lost or replaced");
            assertThat(replaced.rotate().alias()).as("no key was made on the replacement: the first one made now is version 1")
                    .startsWith(emptied + "-1-");
        }
    }
}
