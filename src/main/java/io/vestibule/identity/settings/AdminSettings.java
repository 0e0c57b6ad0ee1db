package io.vestibule.identity.settings;

import java.time.Duration;

import io.vestibule.identity.cert.CertificateLoginMode;

/**
 * The administrator-facing settings of the admin console (R-ADM-2, R-ADM-5, R-ADM-7).
 *
 * @param banner shown before login (seed 000 §36–52); plain text
 * @param sessionIdleMinutes an admin session ends after this long without a request (default 5, seed 000 §51)
 */
public record AdminSettings(AuthenticationSource authenticationSource, CertificateLoginMode clientCertificate, String banner,
                            int sessionIdleMinutes) {
    public static final int LONGEST_BANNER = 4000;
    public static final int LONGEST_IDLE_MINUTES = 60;

    public AdminSettings {
        if (authenticationSource == null || clientCertificate == null || banner == null) {
            throw new IllegalArgumentException("Every admin setting needs a value");
        }
        if (banner.isBlank() || banner.length() > LONGEST_BANNER) {
            throw new IllegalArgumentException("The banner has 1 to " + LONGEST_BANNER + " characters");
        }
        if (sessionIdleMinutes < 1 || sessionIdleMinutes > LONGEST_IDLE_MINUTES) {
            throw new IllegalArgumentException("The session idle timeout is 1 to " + LONGEST_IDLE_MINUTES + " minutes");
        }
    }

    public Duration sessionIdleTimeout() {
        return Duration.ofMinutes(sessionIdleMinutes);
    }

    /** Whether the login page offers the password form: not when a client certificate is required (seed 003). */
    public boolean passwordLogin() {
        return clientCertificate == CertificateLoginMode.NOT_REQUIRED;
    }
}
