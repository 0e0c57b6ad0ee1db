package io.vestibule.identity.local;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface LocalAccountRepository {
    List<LocalAccount> all();

    Optional<LocalAccount> find(UUID id);

    /** User names are matched without regard to case, as a directory would. */
    Optional<LocalAccount> findByUsername(String username);

    boolean any();

    void add(LocalAccount account);

    /** Writes the changes made to an account found here. */
    LocalAccount update(LocalAccount account);

    void delete(UUID id);
}
