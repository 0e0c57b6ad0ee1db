package io.vestibule.identity.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.identity.roles.BuiltInRoles;
import io.vestibule.platform.ConsoleNotice;

/**
 * The first local administrator (R-RUN-3, no default passwords): at a start with no local account, either from
 * {@code VESTIBULE_BOOTSTRAP_ADMIN_PASSWORD} (to be changed at first sign-in, since it sat in the environment),
 * or through a one-time setup code printed on the console, which the first administrator is created with and
 * which is void afterwards. The code lives only in this process: a restart prints a new one.
 */
@ApplicationScoped
public class FirstAdministrator {
    private static final Logger LOG = Logger.getLogger(FirstAdministrator.class.getName());
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int CODE_LENGTH = 20;

    @Inject
    Config config;

    @Inject
    LocalAccounts accounts;

    @Inject
    SecureRandom random;

    @Inject
    CryptoPolicy policy;

    /** The setup code's hash while one is pending. */
    private byte[] pendingCodeHash;

    void atDeployment(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 200) @Initialized(ApplicationScoped.class) Object started) {
        if (accounts.any()) {
            return;
        }
        String username = config.getOptionalValue("vestibule.bootstrap.admin.user", String.class).orElse("admin");
        Optional<String> password = config.getOptionalValue("vestibule.bootstrap.admin.password", String.class);
        if (password.isPresent()) {
            try {
                accounts.create(username, Optional.of(password.get().toCharArray()), Set.of(BuiltInRoles.READ_WRITE.id()), false, false);
                LOG.info(() -> "Created the first administrator '" + username + "' from VESTIBULE_BOOTSTRAP_ADMIN_PASSWORD; the password must be changed at first sign-in");
                return;
            } catch (AccountRefused refused) {
                ConsoleNotice.print("\nVESTIBULE_BOOTSTRAP_ADMIN_PASSWORD was not used: " + refused.getMessage()
                        + (refused.failedRules().isEmpty() ? "" : " Rules not met: "
                        + String.join(", ", refused.failedRules().stream().map(PasswordRule::code).toList()) + ".")
                        + " A setup code follows instead.\n");
            }
        }
        String code = issueSetupCode();
        ConsoleNotice.print("\nFirst start: no administrator exists yet. Open the admin console and create the first one with"
                + " this one-time setup code:\n  " + code + "\n");
    }

    public synchronized boolean setupPending() {
        return pendingCodeHash != null;
    }

    /** Creates the first administrator if the code is the pending one; the code is void from then on. */
    public synchronized LocalAccount complete(char[] code, String username, char[] password) throws SetupRefused, AccountRefused {
        if (pendingCodeHash == null || accounts.any()) {
            pendingCodeHash = null;
            throw new SetupRefused(SetupRefused.Reason.CLOSED);
        }
        if (!MessageDigest.isEqual(pendingCodeHash, hash(normalised(code)))) {
            throw new SetupRefused(SetupRefused.Reason.INVALID_CODE);
        }
        LocalAccount created = accounts.create(username, Optional.of(password), Set.of(BuiltInRoles.READ_WRITE.id()), false, true);
        pendingCodeHash = null;
        return created;
    }

    /** A new setup code, which voids any earlier one; printed once, kept only as a hash. */
    synchronized String issueSetupCode() {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
        }
        pendingCodeHash = hash(code);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < code.length; i++) {
            grouped.append(i > 0 && i % 5 == 0 ? "-" : "").append(code[i]);
        }
        Arrays.fill(code, '\0');
        return grouped.toString();
    }

    /** People copy codes with their dashes and spaces, in either case. */
    private static char[] normalised(char[] typed) {
        StringBuilder kept = new StringBuilder(typed.length);
        for (char c : typed) {
            if (c != '-' && !Character.isWhitespace(c)) {
                kept.append(Character.toUpperCase(c));
            }
        }
        char[] result = new char[kept.length()];
        kept.getChars(0, kept.length(), result, 0);
        return result;
    }

    private byte[] hash(char[] code) {
        return policy.digest(new String(code).getBytes(StandardCharsets.US_ASCII));
    }

}
