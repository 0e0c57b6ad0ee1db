package io.vestibule.identity.settings;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where administrator passwords are checked (R-ADM-2, seed 000 §47–48). With {@code LDAP_AND_LOCAL} a local
 * account of the given name is checked locally and never sent to the directory, so local accounts keep working
 * while the directory is unreachable.
 */
public enum AuthenticationSource {
    LOCAL("local"), LDAP("ldap"), LDAP_AND_LOCAL("ldap_and_local");

    private final String apiName;

    AuthenticationSource(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }

    public boolean allowsLocal() {
        return this != LDAP;
    }

    public boolean allowsDirectory() {
        return this != LOCAL;
    }

    public static Optional<AuthenticationSource> fromApiName(String name) {
        return Arrays.stream(values()).filter(source -> source.apiName.equals(name)).findFirst();
    }
}
