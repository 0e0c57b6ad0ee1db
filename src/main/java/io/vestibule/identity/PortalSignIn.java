package io.vestibule.identity;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import io.vestibule.guard.BreakInGuard;
import io.vestibule.identity.SignInRefused.Reason;
import io.vestibule.identity.ldap.DirectoryUser;
import io.vestibule.identity.ldap.LdapDirectory;
import io.vestibule.identity.session.SessionLimitReached;
import io.vestibule.identity.session.Sessions;

/**
 * Signs a person in to the portal with their directory password (R-SSO-2): the directory checks the password,
 * membership of the portal group is required when one is configured, the account is recorded, and a new
 * session is started.
 */
@ApplicationScoped
public class PortalSignIn {
    private DirectoryService directories;
    private UserAccountRepository accounts;
    private Sessions<PortalPrincipal> sessions;
    private Clock clock;
    private PasswordCheck passwords;

    @Inject
    public PortalSignIn(DirectoryService directories, UserAccountRepository accounts, Sessions<PortalPrincipal> sessions,
                        Clock clock, BreakInGuard guard) {
        this.directories = directories;
        this.accounts = accounts;
        this.sessions = sessions;
        this.clock = clock;
        this.passwords = new PasswordCheck(directories, guard);
    }

    /** For CDI's client proxy only. */
    protected PortalSignIn() {
    }

    public record SignedIn(PortalUser user, Sessions.Started<PortalPrincipal> session) {
    }

    /**
     * Signs in from {@code source}. The break-in guard counts failed sign-ins per account and per address
     * (R-BRUTE-4): once either is over its limit, sign-ins are refused until the block ends, even with the right
     * password, and the directory is not asked.
     */
    public SignedIn signIn(String username, char[] password, InetAddress source) throws SignInRefused {
        passwords.admit(username, source);
        LdapDirectory directory = passwords.directory();
        DirectoryUser user = passwords.inDirectory(directory, username, password, source);
        Optional<String> portalGroup = directory.settings().portalGroupDn();
        if (portalGroup.isPresent() && !user.memberOf(portalGroup.get())) {
            throw new SignInRefused(Reason.NOT_PERMITTED);
        }
        UserAccount account = record(directories.issuer(), user.stableId(), user.username(), user.displayName(), user.email());
        try {
            return new SignedIn(account.toPortalUser(),
                    sessions.start(account.id().toString(), new PortalPrincipal(account.id(), user.groupDns(), Optional.empty())));
        } catch (SessionLimitReached full) {
            // The portal ends a user's oldest session instead; only the service-wide bound refuses.
            throw new SignInRefused(Reason.SESSION_LIMIT);
        }
    }

    /** Creates the account of (issuer, subject) at its first sign-in and refreshes its name and e-mail at every one. */
    UserAccount record(String issuer, String subject, String username, String displayName, String email) {
        try {
            return accounts.recordSignIn(issuer, subject, username, displayName, email, clock.instant());
        } catch (PersistenceException firstSignInRace) {
            // Two first sign-ins of one person at once: the other one created the account.
            return accounts.recordSignIn(issuer, subject, username, displayName, email, clock.instant());
        }
    }

    public Optional<PortalUser> user(UUID id) {
        return accounts.find(id).map(UserAccount::toPortalUser);
    }
}
