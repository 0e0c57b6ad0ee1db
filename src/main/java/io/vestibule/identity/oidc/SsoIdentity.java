package io.vestibule.identity.oidc;

import java.text.ParseException;
import java.util.List;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * The person a verified token names: the subject (with the issuer, the account's key) and the name, e-mail and
 * groups the provider gives. The provider is trusted, but its claims are still bounded and cleaned here, at the
 * edge: a value too long for the account, or holding control characters, falls back or is left out.
 */
public record SsoIdentity(String subject, String username, String displayName, Optional<String> email, List<String> groups) {
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = 320;
    static final int MAX_GROUPS = 200;

    public SsoIdentity {
        groups = List.copyOf(groups);
    }

    /** Reads the claims of a token that passed verification ({@code sub} is present and bounded by then). */
    public static SsoIdentity of(JWTClaimsSet claims) {
        String subject = claims.getSubject();
        String username = text(claims, "preferred_username", MAX_NAME_LENGTH).orElse(subject);
        String displayName = text(claims, "name", MAX_NAME_LENGTH).orElse(username);
        // An address the provider has not verified could be anyone's, and an invitee's address lets them skip the guest PIN.
        Optional<String> email = text(claims, "email", MAX_EMAIL_LENGTH).filter(address -> address.contains("@"))
                .filter(address -> verified(claims));
        List<String> groups = groupsOf(claims);
        return new SsoIdentity(subject, username, displayName, email, groups);
    }

    public boolean memberOf(String group) {
        return groups.contains(group);
    }

    private static Optional<String> text(JWTClaimsSet claims, String name, int maxLength) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name)).map(String::strip)
                    .filter(value -> !value.isEmpty() && value.length() <= maxLength && clean(value));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static boolean verified(JWTClaimsSet claims) {
        try {
            return Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"));
        } catch (ParseException notABoolean) {
            return false;
        }
    }

    private static List<String> groupsOf(JWTClaimsSet claims) {
        if (!(claims.getClaim("groups") instanceof List<?> values)) {
            return List.of();
        }
        return values.stream()
                .filter(String.class::isInstance).map(String.class::cast)
                .filter(group -> !group.isEmpty() && group.length() <= MAX_NAME_LENGTH && clean(group))
                .limit(MAX_GROUPS)
                .toList();
    }

    private static boolean clean(String value) {
        return value.codePoints().noneMatch(Character::isISOControl);
    }
}
