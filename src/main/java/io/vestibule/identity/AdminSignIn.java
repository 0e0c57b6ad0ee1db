package io.vestibule.identity;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.guard.BreakInGuard;
import io.vestibule.identity.SignInRefused.Reason;
import io.vestibule.identity.cert.CertificateLoginMode;
import io.vestibule.identity.cert.ClientCertificateRevocation;
import io.vestibule.identity.cert.ClientCertificates;
import io.vestibule.identity.cert.RevocationStatus;
import io.vestibule.identity.ldap.DirectorySignInRefused;
import io.vestibule.identity.ldap.DirectoryUser;
import io.vestibule.identity.ldap.LdapDirectory;
import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.local.LocalAccounts;
import io.vestibule.identity.roles.AdministratorRoles;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.session.SessionLimitReached;
import io.vestibule.identity.session.Sessions;
import io.vestibule.identity.settings.AdminSettings;
import io.vestibule.identity.settings.AdminSettingsService;
import io.vestibule.identity.settings.AuthenticationSource;

/**
 * Signs an administrator in to the admin console (R-ADM-2, R-ADM-5, R-ADM-7) with a password, or with the client
 * certificate the TLS handshake verified, and starts an admin session.
 *
 * <p>A local account is checked locally and never sent to the directory; any other name goes to the directory when
 * the authentication source allows it. Failed passwords count in the break-in guard (R-BRUTE-4) like the portal's.
 */
@ApplicationScoped
public class AdminSignIn {
    private DirectoryService directories;
    private LocalAccounts accounts;
    private AdminSettingsService settings;
    private AdministratorRoles roles;
    private PasswordCheck passwords;
    private Sessions<AdminPrincipal> sessions;
    private ClientCertificateRevocation revocation;

    @Inject
    public AdminSignIn(DirectoryService directories, LocalAccounts accounts, AdminSettingsService settings, AdministratorRoles roles,
                       BreakInGuard guard, Sessions<AdminPrincipal> sessions, ClientCertificateRevocation revocation) {
        this.directories = directories;
        this.accounts = accounts;
        this.settings = settings;
        this.roles = roles;
        this.passwords = new PasswordCheck(directories, guard);
        this.sessions = sessions;
        this.revocation = revocation;
    }

    /** For CDI's client proxy only. */
    protected AdminSignIn() {
    }

    /**
     * @param revocationUnknown the client certificate's revocation could not be checked and soft fail admitted it,
     *                          which the audit record of the sign-in says
     */
    public record SignedIn(AdminPrincipal principal, List<Role> roles, Sessions.Started<AdminPrincipal> session,
                           Optional<String> revocationUnknown) {
    }

    public SignedIn signIn(String username, char[] password, InetAddress source) throws SignInRefused {
        AdminSettings current = settings.current();
        if (!current.passwordLogin()) {
            throw new SignInRefused(Reason.CERTIFICATE_REQUIRED);
        }
        passwords.admit(username, source);
        AuthenticationSource allowed = current.authenticationSource();
        Optional<LocalAccount> local = allowed.allowsLocal() ? accounts.find(username) : Optional.empty();
        AdminPrincipal principal;
        if (local.isPresent() || !allowed.allowsDirectory()) {
            principal = checkLocal(local, username, password, source);
        } else {
            principal = checkDirectory(username, password, source);
        }
        return start(principal, Optional.empty());
    }

    /**
     * Signs in with a verified client certificate. When certificates are required, the identity it carries (subject
     * CN or userPrincipalName) names a local account or a directory account; when they are not, only certificate-only
     * ("last resort") local accounts sign in this way, named by the subject CN. A revoked certificate is refused, and
     * so is one whose revocation cannot be found out unless revocation checking is set to soft fail.
     *
     * @param chain the chain the client presented, leaf first; empty when it presented none
     */
    public SignedIn signInWithCertificate(List<X509Certificate> chain, InetAddress source) throws SignInRefused {
        X509Certificate presented = chain.stream().findFirst().orElseThrow(() -> new SignInRefused(Reason.CERTIFICATE_MISSING));
        AdminSettings current = settings.current();
        CertificateLoginMode mode = current.clientCertificate();
        boolean required = mode != CertificateLoginMode.NOT_REQUIRED;
        String identity = ClientCertificates.identify(presented, required ? mode : CertificateLoginMode.SUBJECT_CN).name()
                .orElseThrow(() -> new SignInRefused(Reason.CERTIFICATE_UNKNOWN));
        passwords.admit(identity, source);
        Optional<String> revocationUnknown = checkRevocation(chain);
        Optional<LocalAccount> local = accounts.find(identity);
        if (local.isPresent() && (local.get().certificateOnly() || required && current.authenticationSource().allowsLocal())) {
            return start(permitted(AdminPrincipal.local(local.get().id(), local.get().username())), revocationUnknown);
        }
        if (required && current.authenticationSource().allowsDirectory() && local.isEmpty()) {
            LdapDirectory directory = passwords.directory();
            String attribute = mode == CertificateLoginMode.SUBJECT_ALT_NAME_UPN ? "userPrincipalName" : directory.settings().userNameAttribute();
            try {
                Optional<DirectoryUser> user = directory.lookUp(attribute, identity);
                if (user.isPresent()) {
                    return start(permitted(directoryPrincipal(user.get())), revocationUnknown);
                }
            } catch (DirectorySignInRefused unavailable) {
                throw new SignInRefused(Reason.DIRECTORY_UNAVAILABLE);
            }
        }
        throw passwords.failed(identity, source, Reason.CERTIFICATE_UNKNOWN);
    }

    /**
     * Refuses a revoked certificate, and one of unknown revocation when checking fails closed; otherwise says why
     * revocation is unknown, if it is. Neither counts as a failed attempt: a revoked certificate guesses nothing, and
     * counting it would let its holder lock the account of the administrator it names.
     */
    private Optional<String> checkRevocation(List<X509Certificate> chain) throws SignInRefused {
        RevocationStatus status = revocation.check(chain);
        if (status instanceof RevocationStatus.Revoked revoked) {
            throw new SignInRefused(Reason.CERTIFICATE_REVOKED, revoked.description());
        }
        if (!revocation.failureMode().admits(status)) {
            throw new SignInRefused(Reason.CERTIFICATE_REVOCATION_UNKNOWN, ((RevocationStatus.Unknown) status).description());
        }
        return status instanceof RevocationStatus.Unknown unknown ? Optional.of(unknown.description()) : Optional.empty();
    }

    /** A password change proves the current password, so it is guarded like a sign-in. */
    public void admitPasswordChange(String username, InetAddress source) throws SignInRefused {
        passwords.admit(username, source);
    }

    public void passwordFailed(String username, InetAddress source) {
        passwords.failed(username, source, Reason.INVALID_CREDENTIALS);
    }

    private AdminPrincipal checkLocal(Optional<LocalAccount> account, String username, char[] password, InetAddress source)
            throws SignInRefused {
        if (!accounts.passwordMatches(account, password)) {
            throw passwords.failed(username, source, Reason.INVALID_CREDENTIALS);
        }
        passwords.succeeded(username);
        if (accounts.passwordChangeRequired(account.get())) {
            throw new SignInRefused(Reason.PASSWORD_EXPIRED);
        }
        return permitted(AdminPrincipal.local(account.get().id(), account.get().username()));
    }

    private AdminPrincipal checkDirectory(String username, char[] password, InetAddress source) throws SignInRefused {
        DirectoryUser user = passwords.inDirectory(passwords.directory(), username, password, source);
        return permitted(directoryPrincipal(user));
    }

    private AdminPrincipal directoryPrincipal(DirectoryUser user) {
        return AdminPrincipal.directory(directories.issuer(), user.stableId(), user.username(), user.displayName(), user.groupDns());
    }

    /** An account without any administrator role has nothing to do in the console. */
    private AdminPrincipal permitted(AdminPrincipal principal) throws SignInRefused {
        if (roles.of(principal).isEmpty()) {
            throw new SignInRefused(Reason.NOT_PERMITTED);
        }
        return principal;
    }

    private SignedIn start(AdminPrincipal principal, Optional<String> revocationUnknown) throws SignInRefused {
        try {
            return new SignedIn(principal, roles.of(principal), sessions.start(principal.owner(), principal), revocationUnknown);
        } catch (SessionLimitReached full) {
            throw new SignInRefused(Reason.SESSION_LIMIT);
        }
    }
}
