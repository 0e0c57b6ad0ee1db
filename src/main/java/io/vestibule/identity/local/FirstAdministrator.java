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
import io.vestibule.identity.roles.RoleMappingRepository;
import io.vestibule.platform.ConsoleNotice;

/**
 * The first local administrator (R-RUN-3, no default passwords): at a start with no local account, either from
 * {@code VESTIBULE_BOOTSTRAP_ADMIN_PASSWORD} (to be changed at first sign-in, since it sat in the environment),
 * or through a one-time setup code printed on the console, which the first administrator is created with and
 * which is void afterwards. The code lives only in this process: a restart prints a new one.
 *
 * <p>The first Auditor comes the same way. Separation of duties lets only an Auditor create an Auditor, so while no
 * local account holds the Auditor role and no role mapping gives it, each start prints a second code that creates
 * an account holding Auditor alone.
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

    @Inject
    RoleMappingRepository mappings;

    /** The setup codes' hashes while they are pending. */
    private byte[] pendingCodeHash;
    private byte[] pendingAuditorCodeHash;

    void atDeployment(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE + 200) @Initialized(ApplicationScoped.class) Object started) {
        if (!accounts.any()) {
            offerFirstAdministrator();
        }
        if (!anAuditorPathExists()) {
            ConsoleNotice.print("\nNo Auditor exists yet. The first Auditor creates their account in the admin console's setup form with"
                    + " this one-time code:\n  " + issueAuditorSetupCode() + "\n");
        }
    }

    private void offerFirstAdministrator() {
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
        voidCodesOfSettledSetups();
        return pendingCodeHash != null;
    }

    public synchronized boolean auditorSetupPending() {
        voidCodesOfSettledSetups();
        return pendingAuditorCodeHash != null;
    }

    /**
     * A code is void once what it would create exists by another way: a directory administrator, who may sign in
     * before setup, can create local accounts and role mappings in the console.
     */
    private void voidCodesOfSettledSetups() {
        if (pendingCodeHash != null && accounts.any()) {
            pendingCodeHash = null;
        }
        if (pendingAuditorCodeHash != null && anAuditorPathExists()) {
            pendingAuditorCodeHash = null;
        }
    }

    /**
     * Creates the first administrator or the first Auditor, whichever the code was printed for, if no such account
     * exists yet; that code is void from then on.
     */
    public synchronized LocalAccount complete(char[] code, String username, char[] password) throws SetupRefused, AccountRefused {
        voidCodesOfSettledSetups();
        if (pendingCodeHash == null && pendingAuditorCodeHash == null) {
            throw new SetupRefused(SetupRefused.Reason.CLOSED);
        }
        byte[] typed = hash(normalised(code));
        if (pendingCodeHash != null && MessageDigest.isEqual(pendingCodeHash, typed)) {
            LocalAccount created = accounts.create(username, Optional.of(password), Set.of(BuiltInRoles.READ_WRITE.id()), false, true);
            pendingCodeHash = null;
            return created;
        }
        if (pendingAuditorCodeHash != null && MessageDigest.isEqual(pendingAuditorCodeHash, typed)) {
            LocalAccount created = accounts.create(username, Optional.of(password), Set.of(BuiltInRoles.AUDITOR.id()), false, true);
            pendingAuditorCodeHash = null;
            return created;
        }
        throw new SetupRefused(SetupRefused.Reason.INVALID_CODE);
    }

    /** A new setup code for the first administrator, which voids any earlier one; printed once, kept only as a hash. */
    synchronized String issueSetupCode() {
        char[] code = newCode();
        pendingCodeHash = hash(code);
        return grouped(code);
    }

    /** The same for the first Auditor. */
    synchronized String issueAuditorSetupCode() {
        char[] code = newCode();
        pendingAuditorCodeHash = hash(code);
        return grouped(code);
    }

    private boolean anAuditorPathExists() {
        return accounts.all().stream().anyMatch(account -> account.roleIds().contains(BuiltInRoles.AUDITOR.id()))
                || mappings.all().stream().anyMatch(mapping -> mapping.roleIds().contains(BuiltInRoles.AUDITOR.id()));
    }

    private char[] newCode() {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
        }
        return code;
    }

    private static String grouped(char[] code) {
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
