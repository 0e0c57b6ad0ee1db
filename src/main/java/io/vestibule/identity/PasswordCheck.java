package io.vestibule.identity;

import java.net.InetAddress;

import io.vestibule.guard.BreakInGuard;
import io.vestibule.guard.Verdict;
import io.vestibule.identity.SignInRefused.Reason;
import io.vestibule.identity.ldap.DirectorySignInRefused;
import io.vestibule.identity.ldap.DirectoryUser;
import io.vestibule.identity.ldap.LdapDirectory;

/**
 * The password check of the portal's and the console's sign-in and its bookkeeping in the break-in guard (R-BRUTE-4):
 * a blocked account or address is refused before any password is looked at, a wrong password counts against both,
 * and a right one clears the account's count.
 */
final class PasswordCheck {
    private final DirectoryService directories;
    private final BreakInGuard guard;

    PasswordCheck(DirectoryService directories, BreakInGuard guard) {
        this.directories = directories;
        this.guard = guard;
    }

    /** Refuses while the account or the address is blocked, even before the right password. */
    void admit(String username, InetAddress source) throws SignInRefused {
        if (guard.admitLogin(username, source) instanceof Verdict.Refused refused) {
            throw new SignInRefused(Reason.BLOCKED, refused.retryAfter());
        }
    }

    /** Counts a wrong password (or an unknown certificate) and gives the refusal to throw. */
    SignInRefused failed(String username, InetAddress source, Reason reason) {
        guard.loginFailed(username, source);
        return new SignInRefused(reason);
    }

    void succeeded(String username) {
        guard.loginSucceeded(username);
    }

    /** The directory, when one is configured. */
    LdapDirectory directory() throws SignInRefused {
        return directories.directory().orElseThrow(() -> new SignInRefused(Reason.DIRECTORY_UNAVAILABLE));
    }

    /** The directory's account of a right password; a wrong one counts, a directory that does not answer does not. */
    DirectoryUser inDirectory(LdapDirectory directory, String username, char[] password, InetAddress source) throws SignInRefused {
        DirectoryUser user;
        try {
            user = directory.authenticate(username, password);
        } catch (DirectorySignInRefused refused) {
            if (refused.reason() == DirectorySignInRefused.Reason.INVALID_CREDENTIALS) {
                throw failed(username, source, Reason.INVALID_CREDENTIALS);
            }
            throw new SignInRefused(Reason.DIRECTORY_UNAVAILABLE);
        }
        succeeded(username);
        return user;
    }
}
