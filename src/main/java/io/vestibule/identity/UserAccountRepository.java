package io.vestibule.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface UserAccountRepository {
    Optional<UserAccount> find(UUID id);

    Optional<UserAccount> findByIdentity(String issuer, String subject);

    /** The accounts whose e-mail address is this one, compared without regard to case; usually one, possibly several. */
    List<UserAccount> findByEmail(String email);

    /** Creates the account of (issuer, subject) at its first sign-in and refreshes its details at every one. */
    UserAccount recordSignIn(String issuer, String subject, String username, String displayName, String email, Instant now);
}
