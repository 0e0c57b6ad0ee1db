package io.vestibule.admin.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.vestibule.access.token.SigningKeys;
import io.vestibule.audit.syslog.SyslogForwarding;
import io.vestibule.cdr.CallRecords;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyReport;
import io.vestibule.crypto.CryptoPolicyReport.Use;
import io.vestibule.crypto.pki.ListenerKeyStore;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.identity.DirectoryService;
import io.vestibule.identity.ldap.DirectorySettings;
import io.vestibule.identity.oidc.OidcSettings;
import io.vestibule.identity.oidc.SingleSignOn;
import io.vestibule.media.gateway.MediaGateway;

/**
 * Gathers what each use of keys and certificates holds now, for {@link CryptoPolicyReport} to judge: the listeners'
 * chain as the launcher published it for this run, the token signing keys, call records' sealing and checkpoint key,
 * the media gateway's DTLS certificate, the trust anchors in force for the directory and the provider, and the trust
 * files of syslog and the administrators' client certificates, read again so that the report shows the file as it is.
 */
@ApplicationScoped
public class CryptoUses {
    private static final String JVM_TRUST_STORE = "the JVM's trust store of public CAs, which the crypto policy does not check";

    private Config config;
    private CryptoPolicy policy;
    private SigningKeys signingKeys;
    private CallRecords callRecords;
    private MediaGateway mediaGateway;
    private DirectoryService directory;
    private SingleSignOn singleSignOn;
    private SyslogForwarding syslog;

    @Inject
    public CryptoUses(Config config, CryptoPolicy policy, SigningKeys signingKeys, CallRecords callRecords, MediaGateway mediaGateway,
                      DirectoryService directory, SingleSignOn singleSignOn, SyslogForwarding syslog) {
        this.config = config;
        this.policy = policy;
        this.signingKeys = signingKeys;
        this.callRecords = callRecords;
        this.mediaGateway = mediaGateway;
        this.directory = directory;
        this.singleSignOn = singleSignOn;
        this.syslog = syslog;
    }

    /** For CDI's client proxy only. */
    protected CryptoUses() {
    }

    /** Every use, in the order the report lists them. */
    public List<Use> inForce() {
        CryptoPolicyReport report = new CryptoPolicyReport(policy);
        return List.of(
                listener(report, "listener_portal", "portal"),
                listener(report, "listener_admin", "admin"),
                tokenSigning(report),
                report.sealed("cdr_sealing", "a data key per day, wrapped by " + callRecords.keyEncryptionKeysDescription()),
                report.signingKeys("cdr_checkpoints", "checkpoint key in the master key store", List.of(callRecords.checkpointPublicKey())),
                report.presented("dtls", "media gateway, made at each start", List.of(mediaGateway.certificate())),
                directoryTrust(report),
                providerTrust(report),
                syslogTrust(report),
                adminClientAuthorities(report),
                report.absent("backups", "encrypted backups are not built yet"));
    }

    /** Both listeners present the chain the launcher wrote for this run; each is listed, as each is a use. */
    /**
     * What the listener presents now: its entry in the listeners' key store, which an assignment rewrites without a
     * restart; the certificate published at the start when there is no such store (the application alone).
     */
    private Use listener(CryptoPolicyReport report, String name, String listener) {
        Optional<String> configured = setting("vestibule.tls.cert.file").map(file -> "VESTIBULE_TLS_CERT_FILE (" + file + ")");
        Optional<ListenerKeyStore> running = ListenerKeyStore.ofThisProcess(policy);
        if (running.isPresent()) {
            try {
                TlsIdentity presented = running.get().read().get(ListenerKeyStore.alias(listener));
                if (presented != null) {
                    return report.presented(name, configured.orElse("presented now (assigned in the console, or self-signed)"), presented.chain());
                }
            } catch (IOException e) {
                return report.unreadable(name, configured.orElse("the listeners' key store"), "the listeners' key store cannot be read: " + e.getMessage());
            }
        }
        Path published = dataDirectory().resolve("tls").resolve("https-certificate.pem");
        String source = configured.orElse("self-signed, kept in the master key store");
        try {
            return report.presented(name, source, PemFiles.readCertificates(published));
        } catch (IOException e) {
            return report.unreadable(name, source, "the certificate published for this run cannot be read: " + e.getMessage());
        }
    }

    private Use tokenSigning(CryptoPolicyReport report) {
        List<PublicKey> keys = signingKeys.publishedPublicKeys();
        if (keys.isEmpty()) {
            return report.absent("token_signing", "no signing key yet: the first is made when the first token is signed");
        }
        return report.signingKeys("token_signing", "join, lobby and invitation tokens (" + policy.joinTokenAlgorithm()
                + "), private keys sealed in the database", keys);
    }

    private Use directoryTrust(CryptoPolicyReport report) {
        Optional<DirectorySettings> settings = directory.settings();
        if (settings.isEmpty()) {
            return report.absent("directory_trust", "no directory is configured");
        }
        if (settings.get().trustAnchors().isEmpty()) {
            return report.unchecked("directory_trust", "JVM trust store", "no VESTIBULE_LDAP_TRUST_FILE: " + JVM_TRUST_STORE);
        }
        String source = config.getOptionalValue("vestibule.demo", Boolean.class).orElse(false)
                ? "the demo directory's certificate" : "VESTIBULE_LDAP_TRUST_FILE";
        return report.trusted("directory_trust", source, settings.get().trustAnchors());
    }

    private Use providerTrust(CryptoPolicyReport report) {
        Optional<OidcSettings> settings = singleSignOn.settings();
        if (settings.isEmpty()) {
            return report.absent("provider_trust", "single sign-on is not configured");
        }
        if (settings.get().trustAnchors().isEmpty()) {
            return report.unchecked("provider_trust", "JVM trust store", "no VESTIBULE_OIDC_TRUST_FILE: " + JVM_TRUST_STORE);
        }
        return report.trusted("provider_trust", "VESTIBULE_OIDC_TRUST_FILE", settings.get().trustAnchors());
    }

    private Use syslogTrust(CryptoPolicyReport report) {
        if (syslog.settings().servers().isEmpty()) {
            return report.absent("syslog_trust", "no syslog server is configured");
        }
        return trustFile(report, "syslog_trust", "vestibule.syslog.ca-file", "VESTIBULE_SYSLOG_CA_FILE")
                .orElseGet(() -> report.unchecked("syslog_trust", "JVM trust store", "no VESTIBULE_SYSLOG_CA_FILE: " + JVM_TRUST_STORE));
    }

    private Use adminClientAuthorities(CryptoPolicyReport report) {
        return trustFile(report, "admin_client_ca", "vestibule.admin.client.ca.file", "VESTIBULE_ADMIN_CLIENT_CA_FILE")
                .orElseGet(() -> report.absent("admin_client_ca", "no VESTIBULE_ADMIN_CLIENT_CA_FILE: administrators sign in without certificates"));
    }

    private Optional<Use> trustFile(CryptoPolicyReport report, String name, String key, String setting) {
        return setting(key).map(file -> {
            String source = setting + " (" + file + ")";
            try {
                List<X509Certificate> anchors = PemFiles.readCertificates(Path.of(file));
                return report.trusted(name, source, anchors);
            } catch (IOException e) {
                return report.unreadable(name, source, "the file cannot be read: " + e.getMessage());
            }
        });
    }

    private Optional<String> setting(String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(value -> !value.isEmpty());
    }

    private Path dataDirectory() {
        return Path.of(config.getOptionalValue("vestibule.data.dir", String.class).orElse("vestibule-data"));
    }
}
