package io.vestibule.identity.settings;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.vestibule.identity.cert.CertificateLoginMode;
import io.vestibule.platform.settings.SavedSettings;

/**
 * The admin settings in force: each one saved through the admin API, or else the configuration's
 * ({@code VESTIBULE_ADMIN_*}), or else the default. Read once and kept until the next change through this
 * instance; in a cluster another instance sees a change after its restart (R-BRUTE-5 lists the shared state).
 */
@ApplicationScoped
public class AdminSettingsService {
    /** Warning and consent before sign-in (seed 000 §51). */
    static final String DEFAULT_BANNER = "Authorised use only. This is the administration interface of a secure "
            + "meeting service, for personnel authorised by its operator. All activity is recorded and audited; by "
            + "signing in you consent to this monitoring. Unauthorised access or misuse may lead to disciplinary "
            + "action and prosecution.";

    private static final String SOURCE = "admin.authentication-source";
    private static final String CERTIFICATE = "admin.client-certificate";
    private static final String BANNER = "admin.banner";
    private static final String IDLE = "admin.session.idle-minutes";

    @Inject
    Config config;

    @Inject
    SavedSettings saved;

    private volatile AdminSettings current;

    public AdminSettings current() {
        AdminSettings settings = current;
        if (settings == null) {
            settings = read();
            current = settings;
        }
        return settings;
    }

    /** Saves settings changed by an administrator; returns them as now in force. */
    public synchronized AdminSettings change(AdminSettings changed, String administrator) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(SOURCE, changed.authenticationSource().apiName());
        values.put(CERTIFICATE, changed.clientCertificate().apiName());
        values.put(BANNER, changed.banner());
        values.put(IDLE, String.valueOf(changed.sessionIdleMinutes()));
        saved.save(values, administrator);
        current = null;
        return current();
    }

    private AdminSettings read() {
        return new AdminSettings(
                AuthenticationSource.fromApiName(saved.text(SOURCE).orElse(defaultSource().apiName()))
                        .orElseThrow(() -> invalid(SOURCE, "local, ldap or ldap_and_local")),
                CertificateLoginMode.fromApiName(saved.text(CERTIFICATE).orElse(CertificateLoginMode.NOT_REQUIRED.apiName()))
                        .orElseThrow(() -> invalid(CERTIFICATE, "not_required, subject_cn or subject_alt_name_upn")),
                saved.text(BANNER).orElse(DEFAULT_BANNER),
                saved.wholeNumber(IDLE, 5));
    }

    /** With a directory (the demo's or the organisation's), the seed's "LDAP and local"; otherwise local only. */
    private AuthenticationSource defaultSource() {
        boolean directory = config.getOptionalValue("vestibule.demo", Boolean.class).orElse(false)
                || config.getOptionalValue("vestibule.ldap.url", String.class).isPresent();
        return directory ? AuthenticationSource.LDAP_AND_LOCAL : AuthenticationSource.LOCAL;
    }

    private static IllegalArgumentException invalid(String name, String allowed) {
        return new IllegalArgumentException(SavedSettings.variable(name) + " must be one of " + allowed);
    }
}
