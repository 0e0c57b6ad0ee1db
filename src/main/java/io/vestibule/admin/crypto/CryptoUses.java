package io.vestibule.admin.crypto;

import java.io.IOException;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.access.token.SigningKeys;
import io.vestibule.audit.file.LocalAuditFiles;
import io.vestibule.audit.syslog.SyslogForwarding;
import io.vestibule.cdr.CallRecords;
import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.CryptoPolicyReport;
import io.vestibule.crypto.CryptoPolicyReport.Use;
import io.vestibule.crypto.inventory.CertificatesInUse;
import io.vestibule.crypto.pki.ListenerKeyStore;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.identity.DirectoryService;
import io.vestibule.identity.oidc.SingleSignOn;
import io.vestibule.media.gateway.MediaGateway;

/**
 * Gathers what each use of keys and certificates holds now, for {@link CryptoPolicyReport} to judge: the certificates of
 * {@link CertificatesInUse} (the listeners' chain as the launcher published it for this run, the trust files of the
 * directory, the provider, syslog and the administrators' client certificates, the trust store's CAs: the same list the
 * expiry alarms watch, read again so that the report shows each file as it is), the token signing keys, call records'
 * sealing and checkpoint key, the audit files' checkpoint key and the media gateway's DTLS certificate.
 */
@ApplicationScoped
public class CryptoUses {
    private static final String JVM_TRUST_STORE = "the JVM's trust store of public CAs, which the crypto policy does not check";

    private CryptoPolicy policy;
    private CertificatesInUse certificates;
    private SigningKeys signingKeys;
    private CallRecords callRecords;
    private LocalAuditFiles auditFiles;
    private MediaGateway mediaGateway;
    private DirectoryService directory;
    private SingleSignOn singleSignOn;
    private SyslogForwarding syslog;

    @Inject
    public CryptoUses(CryptoPolicy policy, CertificatesInUse certificates, SigningKeys signingKeys, CallRecords callRecords,
                      LocalAuditFiles auditFiles, MediaGateway mediaGateway, DirectoryService directory, SingleSignOn singleSignOn,
                      SyslogForwarding syslog) {
        this.policy = policy;
        this.certificates = certificates;
        this.signingKeys = signingKeys;
        this.callRecords = callRecords;
        this.auditFiles = auditFiles;
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
                report.module("crypto_module"),
                listener(report, "listener_portal", "portal"),
                listener(report, "listener_admin", "admin"),
                tokenSigning(report),
                report.sealed("cdr_sealing", "a data key per day, wrapped by " + callRecords.keyEncryptionKeysDescription()),
                report.signingKeys("cdr_checkpoints", "checkpoint key in the master key store", List.of(callRecords.checkpointPublicKey())),
                report.signingKeys("audit_checkpoints", "audit files' checkpoint key in the master key store",
                        List.of(auditFiles.checkpointPublicKey())),
                report.presented("dtls", "media gateway, made at each start", List.of(mediaGateway.certificate())),
                directoryTrust(report),
                providerTrust(report),
                syslogTrust(report),
                adminClientAuthorities(report),
                trustStore(report),
                report.absent("backups", "encrypted backups are not built yet"));
    }

    /**
     * What the listener presents now: its entry in the listeners' key store, which an assignment rewrites without a
     * restart; the chain published for this run when there is no such store (the application alone).
     */
    private Use listener(CryptoPolicyReport report, String name, String listener) {
        CertificatesInUse.Source listeners = certificates.named(CertificatesInUse.LISTENERS).orElseThrow();
        Optional<ListenerKeyStore> running = ListenerKeyStore.ofThisProcess(policy);
        if (running.isPresent()) {
            try {
                TlsIdentity presented = running.get().read().get(ListenerKeyStore.alias(listener));
                if (presented != null) {
                    return report.presented(name, "presented now: " + listeners.origin() + ", or assigned in the console", presented.chain());
                }
            } catch (IOException e) {
                return report.unreadable(name, "the listeners' key store", "the listeners' key store cannot be read: " + e.getMessage());
            }
        }
        try {
            return report.presented(name, listeners.origin(), listeners.read());
        } catch (IOException e) {
            return report.unreadable(name, listeners.origin(), "the certificate published for this run cannot be read: " + e.getMessage());
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

    /** The demo directory's own certificate when the demo runs, else the directory's trust file. */
    private Use directoryTrust(CryptoPolicyReport report) {
        if (directory.settings().isEmpty()) {
            return report.absent("directory_trust", "no directory is configured");
        }
        return trusted(report, "directory_trust", certificates.named(CertificatesInUse.DEMO_DIRECTORY)
                .or(() -> certificates.named(CertificatesInUse.DIRECTORY_TRUST)))
                .orElseGet(() -> report.unchecked("directory_trust", "JVM trust store", "no VESTIBULE_LDAP_TRUST_FILE: " + JVM_TRUST_STORE));
    }

    private Use providerTrust(CryptoPolicyReport report) {
        if (singleSignOn.settings().isEmpty()) {
            return report.absent("provider_trust", "single sign-on is not configured");
        }
        return trusted(report, "provider_trust", certificates.named(CertificatesInUse.PROVIDER_TRUST))
                .orElseGet(() -> report.unchecked("provider_trust", "JVM trust store", "no VESTIBULE_OIDC_TRUST_FILE: " + JVM_TRUST_STORE));
    }

    private Use syslogTrust(CryptoPolicyReport report) {
        if (syslog.settings().servers().isEmpty()) {
            return report.absent("syslog_trust", "no syslog server is configured");
        }
        return trusted(report, "syslog_trust", certificates.named(CertificatesInUse.SYSLOG_TRUST))
                .orElseGet(() -> report.unchecked("syslog_trust", "JVM trust store", "no VESTIBULE_SYSLOG_CA_FILE: " + JVM_TRUST_STORE));
    }

    private Use adminClientAuthorities(CryptoPolicyReport report) {
        return trusted(report, "admin_client_ca", certificates.named(CertificatesInUse.ADMIN_CLIENT_CA))
                .orElseGet(() -> report.absent("admin_client_ca", "no VESTIBULE_ADMIN_CLIENT_CA_FILE: administrators sign in without certificates"));
    }

    /** The CAs the directory, the provider and syslog trust besides their own trust file; each judged as at import. */
    private Use trustStore(CryptoPolicyReport report) {
        CertificatesInUse.Source store = certificates.named(CertificatesInUse.TRUST_STORE).orElseThrow();
        return trusted(report, "trust_store", Optional.of(store))
                .filter(use -> !use.keys().isEmpty())
                .orElseGet(() -> report.absent("trust_store", "no CA certificate has been imported into the trust store"));
    }

    private static Optional<Use> trusted(CryptoPolicyReport report, String name, Optional<CertificatesInUse.Source> source) {
        return source.map(file -> {
            try {
                return report.trusted(name, file.origin(), file.read());
            } catch (IOException e) {
                return report.unreadable(name, file.origin(), "cannot be read: " + e.getMessage());
            }
        });
    }
}
