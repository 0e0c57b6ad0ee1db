package io.vestibule.identity.local;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An administrator account kept by Vestibule itself (R-ADM-2, R-ADM-6): its password hash and the hashes of the
 * passwords before it, when the password was set, whether it must be changed at the next sign-in, and its roles.
 * A certificate-only account (the seed's "last resort" administrator) has no password at all and signs in only
 * with its client certificate.
 */
@Entity
@Table(name = "local_admin_account")
public class LocalAccount {
    public static final int LONGEST_USERNAME = 64;

    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false)
    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    /** Earlier password hashes, newest first, one per line. */
    @Column(name = "password_history", nullable = false, length = 2000)
    private String passwordHistory;

    @Column(name = "password_set_at", nullable = false)
    private OffsetDateTime passwordSetAt;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword;

    @Column(name = "certificate_only", nullable = false)
    private boolean certificateOnly;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "local_admin_account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Column(name = "role_id", length = 36)
    private Set<String> roleIds = new HashSet<>();

    @Version
    private int version;

    protected LocalAccount() {
    }

    public LocalAccount(UUID id, String username, Set<UUID> roles, Instant now) {
        this.id = id.toString();
        this.username = username;
        this.passwordHistory = "";
        this.passwordSetAt = now.atOffset(ZoneOffset.UTC);
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        assignRoles(roles);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String username() {
        return username;
    }

    public Optional<String> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    /** The current password's hash first, then the earlier ones, newest first. */
    public List<String> passwordHashes() {
        List<String> hashes = new java.util.ArrayList<>();
        passwordHash().ifPresent(hashes::add);
        Arrays.stream(passwordHistory.split("\n")).filter(line -> !line.isEmpty()).forEach(hashes::add);
        return hashes;
    }

    /**
     * Sets a new password hash; the current one moves into the history, which keeps {@code remembered} hashes in all
     * (current included). {@code mustChange} marks a password someone else chose: it works once, to set a new one.
     */
    public void setPassword(String newHash, int remembered, boolean mustChange, Instant now) {
        List<String> earlier = passwordHashes().stream().limit(Math.max(0, remembered - 1L)).toList();
        this.passwordHistory = String.join("\n", earlier);
        this.passwordHash = newHash;
        this.passwordSetAt = now.atOffset(ZoneOffset.UTC);
        this.mustChangePassword = mustChange;
        this.certificateOnly = false;
    }

    /** Makes this the certificate-only "last resort" account: the password and its history are gone. */
    public void makeCertificateOnly(Instant now) {
        this.certificateOnly = true;
        this.passwordHash = null;
        this.passwordHistory = "";
        this.mustChangePassword = false;
        this.passwordSetAt = now.atOffset(ZoneOffset.UTC);
    }

    public Instant passwordSetAt() {
        return passwordSetAt.toInstant();
    }

    public boolean mustChangePassword() {
        return mustChangePassword;
    }

    public boolean certificateOnly() {
        return certificateOnly;
    }

    public Instant createdAt() {
        return createdAt.toInstant();
    }

    public Set<UUID> roleIds() {
        return roleIds.stream().map(UUID::fromString).collect(Collectors.toUnmodifiableSet());
    }

    public void assignRoles(Set<UUID> roles) {
        roleIds.clear();
        roles.forEach(role -> roleIds.add(role.toString()));
    }

    @Override
    public String toString() {
        return "LocalAccount[" + username + "]";
    }
}
