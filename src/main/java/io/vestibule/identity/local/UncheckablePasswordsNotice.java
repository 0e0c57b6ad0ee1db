package io.vestibule.identity.local;

import java.util.List;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Says at start which local accounts cannot sign in with their password because FIPS mode cannot check its hash
 * (Argon2id, made before the switch), and what to do: the operator learns it before an administrator is refused.
 */
@ApplicationScoped
public class UncheckablePasswordsNotice {
    private static final Logger LOG = Logger.getLogger(UncheckablePasswordsNotice.class.getName());

    @Inject
    LocalAccounts accounts;

    void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object started) {
        List<String> uncheckable = accounts.withUncheckablePasswords();
        if (!uncheckable.isEmpty()) {
            LOG.warning(() -> "FIPS mode cannot check the Argon2id password hashes of " + uncheckable.size() + " local account(s): "
                    + String.join(", ", uncheckable) + ". They cannot sign in with a password until another administrator sets a new"
                    + " one (console: Accounts); directory administrators and client certificates are not affected.");
        }
    }
}
