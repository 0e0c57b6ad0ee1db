package io.vestibule.identity;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.guard.BreakInGuard;
import io.vestibule.guard.Verdict;
import io.vestibule.identity.oidc.ProviderTokenRejected;
import io.vestibule.identity.oidc.SingleSignOn;
import io.vestibule.identity.oidc.SsoIdentity;
import io.vestibule.identity.oidc.SsoRefused;
import io.vestibule.identity.session.SessionLimitReached;
import io.vestibule.identity.session.Sessions;

/**
 * Signs a person in to the portal through the organisation's OpenID provider (R-SSO-1), and names the user of an
 * API call made with the provider's access token (R-SSO-3). Either way the account is keyed by the provider's
 * issuer and the token's subject, so the same person arriving by browser or by the Outlook add-in is one user.
 */
@ApplicationScoped
public class SsoSignIn {
    @Inject
    SingleSignOn sso;

    @Inject
    PortalSignIn portal;

    @Inject
    UserAccountRepository accounts;

    @Inject
    Sessions<PortalPrincipal> sessions;

    @Inject
    BreakInGuard guard;

    /** A signed-in browser and the page it asked for before signing in. */
    public record SignedIn(PortalUser user, Sessions.Started<PortalPrincipal> session, String next) {
    }

    /** Starts a browser's sign-in, unless its address made too many attempts of any kind (counted here too). */
    public SingleSignOn.Redirect start(String next, InetAddress source) throws SsoRefused {
        if (guard.admitSignInStart(source) instanceof Verdict.Refused refused) {
            throw new SsoRefused(SsoRefused.Reason.BLOCKED, "the address is blocked", refused.retryAfter());
        }
        return sso.begin(next);
    }

    /** Completes the browser's sign-in, records the account with the name and e-mail of the ID token, and starts a session. */
    public SignedIn complete(String cookie, SingleSignOn.Callback callback) throws SsoRefused {
        SingleSignOn.Completed completed = sso.complete(cookie, callback);
        SsoIdentity identity = completed.identity();
        UserAccount account = portal.record(issuer(), identity.subject(), identity.username(), identity.displayName(),
                identity.email().orElse(null));
        try {
            return new SignedIn(account.toPortalUser(), sessions.start(account.id().toString(),
                    new PortalPrincipal(account.id(), Set.copyOf(identity.groups()), Optional.of(completed.idToken()))),
                    completed.next());
        } catch (SessionLimitReached full) {
            throw new SsoRefused(SsoRefused.Reason.BUSY, "the service holds as many sessions as it allows");
        }
    }

    /**
     * The user an access token names. The account is created at the first call (someone who uses the add-in before
     * ever opening the portal) and otherwise only read: an API call does not rewrite the account.
     */
    public PortalUser bearerUser(String accessToken) throws ProviderTokenRejected, SsoRefused {
        SsoIdentity identity = sso.bearer(accessToken);
        String issuer = issuer();
        return accounts.findByIdentity(issuer, identity.subject())
                .orElseGet(() -> portal.record(issuer, identity.subject(), identity.username(), identity.displayName(),
                        identity.email().orElse(null)))
                .toPortalUser();
    }

    private String issuer() throws SsoRefused {
        return sso.settings().orElseThrow(() -> new SsoRefused(SsoRefused.Reason.UNAVAILABLE, "single sign-on is not configured"))
                .issuerId();
    }
}
