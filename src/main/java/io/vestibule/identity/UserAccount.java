package io.vestibule.identity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A person who has signed in to the portal, keyed by where the identity comes from ({@code issuer}: a directory
 * or an OpenID provider) and its stable id there ({@code subject}); name and e-mail are refreshed at each sign-in.
 */
@Entity
@Table(name = "user_account")
public class UserAccount {
    @Id
    @Column(length = 36)
    private String id;

    @Column(nullable = false)
    private String issuer;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String username;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(length = 320)
    private String email;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "last_sign_in_at")
    private OffsetDateTime lastSignInAt;

    protected UserAccount() {
    }

    public UserAccount(UUID id, String issuer, String subject, Instant now) {
        this.id = id.toString();
        this.issuer = issuer;
        this.subject = subject;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    /** Records a sign-in with the name and address the identity source gives today. */
    public void signedIn(String username, String displayName, String email, Instant now) {
        this.username = username;
        this.displayName = displayName;
        this.email = email;
        this.lastSignInAt = now.atOffset(ZoneOffset.UTC);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public PortalUser toPortalUser() {
        return new PortalUser(id(), username, displayName, email);
    }
}
