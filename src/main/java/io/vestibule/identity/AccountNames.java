package io.vestibule.identity;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vestibule.identity.ldap.DirectorySignInRefused;
import io.vestibule.identity.ldap.LdapDirectory;
import io.vestibule.identity.local.LocalAccounts;

/**
 * Whether a name typed at a sign-in is an account's. People type passwords into the user-name field, so what names
 * no account is not repeated where operators read (R-RUN-5).
 */
@ApplicationScoped
public class AccountNames {
    private final LocalAccounts localAccounts;
    private final DirectoryService directories;

    @Inject
    public AccountNames(LocalAccounts localAccounts, DirectoryService directories) {
        this.localAccounts = localAccounts;
        this.directories = directories;
    }

    /** For CDI's client proxy only. */
    protected AccountNames() {
        this(null, null);
    }

    /** A local account's name, or one the directory finds now; a directory that does not answer finds nothing. */
    public boolean exists(String typed) {
        if (localAccounts.find(typed).isPresent()) {
            return true;
        }
        Optional<LdapDirectory> directory = directories.directory();
        if (directory.isEmpty()) {
            return false;
        }
        try {
            return directory.get().lookUp(directory.get().settings().userNameAttribute(), typed).isPresent();
        } catch (DirectorySignInRefused unavailable) {
            return false;
        }
    }
}
