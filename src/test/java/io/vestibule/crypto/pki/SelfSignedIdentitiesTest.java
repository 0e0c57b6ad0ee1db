package io.vestibule.crypto.pki;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.MasterPassphrase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class SelfSignedIdentitiesTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final MasterPassphrase PASSPHRASE = new MasterPassphrase("test passphrase".toCharArray(), false);
    private static final List<String> HOSTS = List.of("meet.example.org", "localhost", "127.0.0.1", "::1");
    private static final Instant NOW = Instant.now();

    private final SecureRandom random = POLICY.newSecureRandom();

    @TempDir
    Path directory;

    private MasterKeyStore store;
    private SelfSignedIdentities identities;

    @BeforeEach
    void openStore() {
        store = MasterKeyStore.openOrCreate(directory.resolve("master.p12"), PASSPHRASE, POLICY);
        identities = new SelfSignedIdentities(store, POLICY, random);
    }

    @Test
    void theFirstCallIssuesAndStoresAnIdentityForTheHosts() {
        TlsIdentity issued = identities.keptOrIssued("https", HOSTS, NOW);
        assertThat(issued.covers(HOSTS)).isTrue();
        assertThat(issued.leaf().getSubjectX500Principal().getName()).contains("CN=meet.example.org");
        assertThatCode(() -> issued.requireUsable(POLICY, NOW)).doesNotThrowAnyException();
        assertThat(store.tlsIdentity("https")).hasValueSatisfying(kept -> assertThat(kept.leaf()).isEqualTo(issued.leaf()));
    }

    @Test
    void aValidIdentityIsKept() {
        TlsIdentity issued = identities.keptOrIssued("https", HOSTS, NOW);
        TlsIdentity again = identities.keptOrIssued("https", HOSTS, NOW.plus(Duration.ofDays(1)));
        assertThat(again.leaf()).isEqualTo(issued.leaf());
        assertThat(again.privateKey().getEncoded()).isEqualTo(issued.privateKey().getEncoded());
    }

    @Test
    void theIdentitySurvivesAReopenedStore() {
        TlsIdentity issued = identities.keptOrIssued("https", HOSTS, NOW);
        MasterKeyStore reopened = MasterKeyStore.openOrCreate(directory.resolve("master.p12"), PASSPHRASE, POLICY);
        TlsIdentity kept = new SelfSignedIdentities(reopened, POLICY, random).keptOrIssued("https", HOSTS, NOW);
        assertThat(kept.leaf()).isEqualTo(issued.leaf());
    }

    @Test
    void aKeptIdentityServesASubsetOfItsHosts() {
        TlsIdentity issued = identities.keptOrIssued("https", HOSTS, NOW);
        assertThat(identities.keptOrIssued("https", List.of("meet.example.org", "localhost"), NOW).leaf())
                .isEqualTo(issued.leaf());
    }

    @Test
    void aNewHostGetsANewIdentity() {
        TlsIdentity issued = identities.keptOrIssued("https", HOSTS, NOW);
        List<String> more = List.of("meet.example.org", "localhost", "127.0.0.1", "::1", "video.example.org");
        TlsIdentity reissued = identities.keptOrIssued("https", more, NOW);
        assertThat(reissued.leaf()).isNotEqualTo(issued.leaf());
        assertThat(reissued.covers(more)).isTrue();
        assertThat(store.tlsIdentity("https")).hasValueSatisfying(kept -> assertThat(kept.leaf()).isEqualTo(reissued.leaf()));
    }

    @Test
    void anIdentityCloseToExpiryIsReplaced() {
        TlsIdentity issued = identities.keptOrIssued("https", HOSTS, NOW);
        Instant notAfter = issued.leaf().getNotAfter().toInstant();

        Instant stillFine = notAfter.minus(Duration.ofDays(31));
        assertThat(identities.keptOrIssued("https", HOSTS, stillFine).leaf()).isEqualTo(issued.leaf());

        Instant nearExpiry = notAfter.minus(Duration.ofDays(29));
        TlsIdentity renewed = identities.keptOrIssued("https", HOSTS, nearExpiry);
        assertThat(renewed.leaf()).isNotEqualTo(issued.leaf());
        assertThat(renewed.leaf().getNotAfter().toInstant()).isAfter(notAfter);
        assertThatCode(() -> renewed.requireUsable(POLICY, nearExpiry)).doesNotThrowAnyException();
    }

    @Test
    void anExpiredIdentityFarInThePastIsReplaced() {
        TlsIdentity issued = identities.keptOrIssued("https", HOSTS, NOW);
        Instant farFuture = NOW.plus(Duration.ofDays(5 * 365));
        TlsIdentity renewed = identities.keptOrIssued("https", HOSTS, farFuture);
        assertThat(renewed.leaf()).isNotEqualTo(issued.leaf());
        assertThatCode(() -> renewed.requireUsable(POLICY, farFuture)).doesNotThrowAnyException();
    }

    @Test
    void identitiesOfDifferentNamesAreKeptApart() {
        TlsIdentity https = identities.keptOrIssued("https", HOSTS, NOW);
        TlsIdentity admin = identities.keptOrIssued("admin", List.of("admin.example.org"), NOW);
        assertThat(admin.leaf()).isNotEqualTo(https.leaf());
        assertThat(identities.keptOrIssued("https", HOSTS, NOW).leaf()).isEqualTo(https.leaf());
    }
}
