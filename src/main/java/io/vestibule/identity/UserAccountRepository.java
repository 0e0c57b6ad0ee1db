package io.vestibule.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

public interface UserAccountRepository {
    Optional<UserAccount> find(UUID id);

    Optional<UserAccount> findByIdentity(String issuer, String subject);

    /** Creates the account of (issuer, subject) at its first sign-in and refreshes its details at every one. */
    UserAccount recordSignIn(String issuer, String subject, String username, String displayName, String email, Instant now);
}
