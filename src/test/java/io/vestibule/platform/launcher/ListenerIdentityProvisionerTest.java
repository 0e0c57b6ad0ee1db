package io.vestibule.platform.launcher;

import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.MasterPassphrase;
import io.vestibule.crypto.pki.InstalledCertificate;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.ServerCertificates;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerIdentityProvisionerTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();

    @TempDir
    Path directory;

    @Test
    void eachListenerPresentsTheCertificateAssignedToItAndTheOtherTheSelfSignedOne() throws Exception {
        MasterKeyStore master = MasterKeyStore.openOrCreate(directory.resolve("master.p12"),
                new MasterPassphrase("test passphrase".toCharArray(), false), POLICY);
        TestCertificates.Issued ca = TestCertificates.authority("CN=Test Root CA");
        TestCertificates.Issued admin = TestCertificates.issue(ca, "CN=admin.example.org", null);
        ServerCertificates certificates = new ServerCertificates(master, POLICY, POLICY.newSecureRandom(), Clock.systemUTC());
        InstalledCertificate installed = certificates.installWithKey(PemFiles.toPem(List.of(admin.certificate(), ca.certificate())),
                TestCertificates.privateKeyPem(admin.key()), null);
        certificates.assign(Map.of("admin", installed.id()));
        ListenerIdentityProvisioner provisioner = new ListenerIdentityProvisioner(POLICY, POLICY.newSecureRandom(), Clock.systemUTC());

        TlsIdentity portalIdentity = provisioner.identity("portal", "https", Optional.empty(), master, List.of("localhost"));
        TlsIdentity adminIdentity = provisioner.identity("admin", "https", Optional.empty(), master, List.of("localhost"));
        ListenerIdentityProvisioner.RuntimeKeyStore published = provisioner.publish(portalIdentity, adminIdentity,
                directory.resolve("https.p12"), directory.resolve("https.pem"));

        assertThat(adminIdentity.leaf()).isEqualTo(admin.certificate());
        assertThat(portalIdentity.leaf().getSubjectX500Principal().getName()).as("self-signed").startsWith("CN=localhost");
        KeyStore store = KeyStore.getInstance(POLICY.keyStoreType());
        try (var in = java.nio.file.Files.newInputStream(published.file())) {
            store.load(in, published.password().toCharArray());
        }
        assertThat(store.getCertificate(ListenerIdentityProvisioner.ADMIN_KEY_ALIAS)).isEqualTo(admin.certificate());
        assertThat(store.getCertificate(ListenerIdentityProvisioner.KEY_ALIAS)).isEqualTo(portalIdentity.leaf());
    }
}
