package io.vestibule.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import com.unboundid.ldap.sdk.LDAPException;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.MasterKeyStore;
import io.vestibule.crypto.PrivateFiles;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.SelfSignedIdentities;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.identity.demo.DemoAccount;
import io.vestibule.identity.demo.DemoDirectory;
import io.vestibule.identity.ldap.DirectoryConfiguration;
import io.vestibule.identity.ldap.DirectorySettings;
import io.vestibule.identity.ldap.LdapDirectory;
import io.vestibule.platform.ConsoleNotice;

/**
 * The directory portal users sign in against: the demo directory when {@code VESTIBULE_DEMO=true}, otherwise the
 * organisation's directory when {@code VESTIBULE_LDAP_URL} is set, otherwise none.
 */
@ApplicationScoped
public class DirectoryService {
    private static final Logger LOG = Logger.getLogger(DirectoryService.class.getName());

    @Inject
    Config config;

    @Inject
    MasterKeyStore masterKeyStore;

    @Inject
    CryptoPolicy policy;

    @Inject
    SecureRandom random;

    @Inject
    Clock clock;

    private DemoDirectory demoDirectory;
    private LdapDirectory directory;
    private String issuer;

    void startAtDeployment(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 100) @Initialized(ApplicationScoped.class) Object started)
            throws LDAPException, IOException {
        Optional<DirectorySettings> settings;
        if (config.getOptionalValue("vestibule.demo", Boolean.class).orElse(false)) {
            demoDirectory = startDemoDirectory();
            settings = Optional.of(demoDirectory.clientSettings());
            issuer = "ldap:demo";
        } else {
            settings = DirectoryConfiguration.from(config);
            issuer = "ldap:" + config.getOptionalValue("vestibule.ldap.id", String.class).orElse("directory");
        }
        if (settings.isPresent()) {
            directory = LdapDirectory.connect(settings.get(), policy);
            LOG.info(() -> "Portal users sign in against " + settings.get().url() + " (" + settings.get().transport() + ")");
        } else {
            LOG.warning("No directory is configured (VESTIBULE_LDAP_URL or VESTIBULE_DEMO=true): portal sign-in is unavailable");
        }
    }

    /** The directory, when one is configured. */
    public Optional<LdapDirectory> directory() {
        return Optional.ofNullable(directory);
    }

    /** Names the source of directory accounts; with the account's stable id it keys the user (issuer, subject). */
    public String issuer() {
        return issuer;
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
        Path dataDirectory = Path.of(config.getOptionalValue("vestibule.data.dir", String.class).orElse("vestibule-data"));
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
        ConsoleNotice.print(notice.toString());
        return started;
    }
}
