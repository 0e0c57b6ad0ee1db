package io.vestibule.calendar.integration;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.booking.Organizer;
import io.vestibule.identity.PortalUser;
import io.vestibule.identity.UserAccount;
import io.vestibule.identity.UserAccountRepository;

/**
 * The portal user a verified callback books for: the one account whose e-mail address is the organizer's, as the
 * directory or the OpenID provider gave it at the user's last sign-in. Someone who never signed in is not known yet
 * and is refused rather than created: the calendar system's word alone does not make a portal user. Two accounts
 * with one address (a directory and a provider account of one person) are refused too: the service cannot tell whose
 * meetings these are.
 */
@ApplicationScoped
public class CallbackOrganizers {
    private UserAccountRepository accounts;

    @Inject
    public CallbackOrganizers(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    /** For CDI's client proxy only. */
    protected CallbackOrganizers() {
    }

    public PortalUser userOf(VerifiedCallback callback) throws CallbackRefused {
        List<UserAccount> found = accounts.findByEmail(callback.organizerEmail());
        if (found.size() != 1) {
            throw new CallbackRefused(CallbackRejection.ORGANIZER_UNKNOWN);
        }
        return found.get(0).toPortalUser();
    }

    public Organizer organizerOf(VerifiedCallback callback) throws CallbackRefused {
        PortalUser user = userOf(callback);
        return new Organizer(user.id(), user.displayName(), user.email());
    }
}
