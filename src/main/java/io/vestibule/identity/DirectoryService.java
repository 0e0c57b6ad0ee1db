package io.vestibule.identity;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import com.unboundid.ldap.sdk.LDAPException;
import org.eclipse.microprofile.config.Config;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.PrivateFiles;
import io.vestibule.crypto.keys.DataDirectoryPath;
import io.vestibule.crypto.keys.DataKeyRing;
import io.vestibule.crypto.pki.CaTrustStore;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.SelfSignedIdentities;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.identity.demo.DemoAccount;
import io.vestibule.identity.demo.DemoDirectory;
import io.vestibule.identity.ldap.DirectoryCheck;
import io.vestibule.identity.ldap.DirectoryConfiguration;
import io.vestibule.identity.ldap.DirectoryContact;
import io.vestibule.identity.ldap.DirectorySettings;
import io.vestibule.identity.ldap.LdapDirectory;
import io.vestibule.platform.ConsoleNotice;
import io.vestibule.platform.logging.LogText;
import io.vestibule.platform.settings.SettingStore;

/**
 * The directory portal users sign in against: the demo directory when {@code VESTIBULE_DEMO=true}, otherwise the
 * organisation's directory when {@code VESTIBULE_LDAP_URL} is set, otherwise none.
 */
@ApplicationScoped
public class DirectoryService {
    private static final Logger LOG = Logger.getLogger(DirectoryService.class.getName());

    private static final String CREDENTIAL_PURPOSE = "directory-credential";
    private static final String URL = "ldap.url";
    private static final String TRANSPORT = "ldap.transport";
    private static final String ALLOW_INSECURE = "ldap.allow-insecure-transport";
    private static final String BIND_DN = "ldap.bind-dn";
    private static final String BIND_PASSWORD = "ldap.bind-password.sealed";
    private static final String USER_BASE_DN = "ldap.user-base-dn";
    private static final String USER_NAME_ATTRIBUTE = "ldap.user-name-attribute";
    private static final String USER_OBJECT_CLASS = "ldap.user-object-class";

    private Config config;
    private MasterKeyStore masterKeyStore;
    private CryptoPolicy policy;
    private SecureRandom random;
    private Clock clock;
    private SettingStore store;
    private DataKeyRing dataKeys;
    private DirectoryContact contact;
    private CaTrustStore caStore;
    private DataDirectoryPath dataDirectory;
    private DemoDirectory demoDirectory;
    private volatile LdapDirectory directory;
    private Optional<DirectorySettings> baseline = Optional.empty();
    private String issuer;

    @Inject
    public DirectoryService(Config config, MasterKeyStore masterKeyStore, CryptoPolicy policy, SecureRandom random, Clock clock,
                            SettingStore store, DataKeyRing dataKeys, DirectoryContact contact,
                            CaTrustStore caStore, DataDirectoryPath dataDirectory) {
        this.caStore = caStore;
        this.dataDirectory = dataDirectory;
        this.config = config;
        this.masterKeyStore = masterKeyStore;
        this.policy = policy;
        this.random = random;
        this.clock = clock;
        this.store = store;
        this.dataKeys = dataKeys;
        this.contact = contact;
    }

    /** For CDI's client proxy only. */
    protected DirectoryService() {
    }

    void startAtDeployment(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) @Initialized(ApplicationScoped.class) Object started)
            throws LDAPException, IOException {
        Optional<DirectorySettings> configured;
        if (config.getOptionalValue("vestibule.demo", Boolean.class).orElse(false)) {
            demoDirectory = startDemoDirectory();
            configured = Optional.of(demoDirectory.clientSettings());
            issuer = "ldap:demo";
        } else {
            configured = DirectoryConfiguration.from(config, policy);
            issuer = "ldap:" + config.getOptionalValue("vestibule.ldap.id", String.class).orElse("directory");
        }
        baseline = configured;
        Optional<DirectorySettings> settings = saved(configured).or(() -> configured);
        if (settings.isPresent()) {
            directory = LdapDirectory.connect(settings.get(), policy, contact, caStore::certificates);
            LOG.info(() -> "Portal users sign in against " + settings.get().url() + " (" + settings.get().transport() + ")");
        } else {
            LOG.warning("No directory is configured (VESTIBULE_LDAP_URL or VESTIBULE_DEMO=true): portal sign-in is unavailable");
        }
    }

    /** The directory settings in force, when a directory is configured. */
    public Optional<DirectorySettings> settings() {
        return directory().map(LdapDirectory::settings);
    }

    /**
     * Replaces the directory settings (admin console, R-ADM-3): saved, with the service account's password sealed
     * under a data key, then the new directory replaces the old one. Trust anchors and the portal group stay those of
     * the configuration (or of the demo directory).
     */
    public synchronized void reconfigure(DirectorySettings changed, String administrator) throws LDAPException {
        LdapDirectory replacement = LdapDirectory.connect(changed, policy, contact, caStore::certificates);
        Map<String, String> values = new LinkedHashMap<>();
        values.put(URL, changed.url().toString());
        values.put(TRANSPORT, changed.transport().name());
        values.put(ALLOW_INSECURE, String.valueOf(changed.allowInsecureTransport()));
        values.put(BIND_DN, changed.bindDn());
        values.put(BIND_PASSWORD, Base64.getEncoder().encodeToString(
                dataKeys.seal(CREDENTIAL_PURPOSE, new String(changed.bindPassword()).getBytes(StandardCharsets.UTF_8), BIND_PASSWORD)));
        values.put(USER_BASE_DN, changed.userBaseDn());
        values.put(USER_NAME_ATTRIBUTE, changed.userNameAttribute());
        values.put(USER_OBJECT_CLASS, changed.userObjectClass());
        store.save(values, administrator);
        LdapDirectory previous = directory;
        directory = replacement;
        if (previous != null) {
            previous.close();
        }
        LOG.info(() -> "Directory settings changed by " + LogText.quoted(administrator) + ": " + changed);
    }

    /**
     * The console's "test connection" of {@code settings}; when they reach the directory in force, the outcome also
     * raises or clears {@code directory_unreachable}, as a sign-in would (settings not yet saved raise nothing).
     */
    public DirectoryCheck.Outcome test(DirectorySettings settings) {
        DirectoryCheck.Outcome outcome = DirectoryCheck.run(settings, policy, caStore::certificates);
        String tested = DirectoryContact.address(settings);
        if (settings().map(DirectoryContact::address).filter(tested::equals).isPresent()) {
            if (outcome.unreachable()) {
                contact.unreachable(tested, outcome.message());
            } else {
                contact.reached(tested);
            }
        }
        return outcome;
    }

    /** Trust anchors, portal group and time limits for settings an administrator enters. */
    public Optional<DirectorySettings> baseline() {
        return baseline;
    }

    /** The directory, when one is configured. */
    public Optional<LdapDirectory> directory() {
        return Optional.ofNullable(directory);
    }

    /** Names the source of directory accounts; with the account's stable id it keys the user (issuer, subject). */
    public String issuer() {
        return issuer;
    }

    private Optional<DirectorySettings> saved(Optional<DirectorySettings> configured) {
        Map<String, String> values = store.all();
        if (!values.containsKey(URL)) {
            return Optional.empty();
        }
        byte[] password = dataKeys.open(CREDENTIAL_PURPOSE, Base64.getDecoder().decode(values.get(BIND_PASSWORD)), BIND_PASSWORD);
        return Optional.of(new DirectorySettings(URI.create(values.get(URL)),
                DirectorySettings.Transport.valueOf(values.get(TRANSPORT)),
                Boolean.parseBoolean(values.get(ALLOW_INSECURE)),
                values.get(BIND_DN),
                new String(password, StandardCharsets.UTF_8).toCharArray(),
                values.get(USER_BASE_DN),
                values.get(USER_NAME_ATTRIBUTE),
                values.get(USER_OBJECT_CLASS),
                configured.map(DirectorySettings::trustAnchors).orElse(List.of()),
                configured.flatMap(DirectorySettings::portalGroupDn),
                configured.map(DirectorySettings::connectTimeoutMillis).orElse(3000),
                configured.map(DirectorySettings::responseTimeoutMillis).orElse(5000)));
    }

    @PreDestroy
    void stop() {
        if (directory != null) {
            directory.close();
        }
        if (demoDirectory != null) {
            demoDirectory.close();
        }
    }

    private DemoDirectory startDemoDirectory() throws LDAPException, IOException {
        int port = config.getOptionalValue("vestibule.demo.ldap.port", Integer.class).orElse(10389);
        Optional<String> password = config.getOptionalValue("vestibule.demo.password", String.class);
        TlsIdentity identity = new SelfSignedIdentities(masterKeyStore, policy, random)
                .keptOrIssued("demo-directory", List.of("localhost", "127.0.0.1"), clock.instant());
        PrivateFiles.writeAtomically(dataDirectory.resolve("tls").resolve("demo-directory-certificate.pem"),
                PemFiles.toPem(identity.chain()).getBytes(StandardCharsets.US_ASCII));
        DemoDirectory started = DemoDirectory.start(port, password, identity, policy, random);
        StringBuilder notice = new StringBuilder()
                .append("\nDemo directory (evaluation only): ldap://localhost:").append(started.port())
                .append(" with StartTLS, base ").append(DemoDirectory.BASE_DN).append('\n');
        for (DemoAccount account : started.accounts()) {
            notice.append(String.format("  %-6s %-28s %-20s password: %s%n", account.username(), account.purpose(),
                    account.group(), password.isPresent() ? "(VESTIBULE_DEMO_PASSWORD)" : account.password()));
        }
        notice.append("  service account ").append(started.clientSettings().bindDn()).append(", password: ")
                .append(password.isPresent() ? "(VESTIBULE_DEMO_PASSWORD)" : new String(started.clientSettings().bindPassword())).append('\n');
        ConsoleNotice.print(notice.toString());
        return started;
    }
}
