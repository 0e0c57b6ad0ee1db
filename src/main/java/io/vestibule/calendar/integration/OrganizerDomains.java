package io.vestibule.calendar.integration;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.vestibule.platform.FieldRefused;

/**
 * The e-mail domains whose organizers an integration may act for: an exact domain match of the organizer's address
 * ({@code example.com} allows {@code ana@example.com}, not {@code ana@sub.example.com}), so that an integration
 * given to one department cannot book for another, and a leaked secret books only inside its domains.
 */
public record OrganizerDomains(List<String> domains) {
    public static final int MOST_DOMAINS = 20;
    private static final int LONGEST_DOMAIN = 253;
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    public OrganizerDomains {
        domains = List.copyOf(domains);
    }

    /** Lower-cased and without repeats; at least one, each a DNS name of two labels or more. */
    public static OrganizerDomains parse(List<String> given) throws FieldRefused {
        if (given.isEmpty()) {
            throw new FieldRefused("organizerDomains", "required", "Name at least one e-mail domain whose organizers the integration may act for.");
        }
        if (given.size() > MOST_DOMAINS) {
            throw new FieldRefused("organizerDomains", "too_many", "An integration may act for at most " + MOST_DOMAINS + " domains.");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (String each : given) {
            String domain = each.strip().toLowerCase(Locale.ROOT);
            if (domain.length() > LONGEST_DOMAIN || !DOMAIN.matcher(domain).matches()) {
                throw new FieldRefused("organizerDomains", "invalid_domain", "'" + shorten(each) + "' is not an e-mail domain such as example.com.");
            }
            domains.add(domain);
        }
        return new OrganizerDomains(new ArrayList<>(domains));
    }

    /** Whether the address's domain (after its last {@code @}) is one of these, compared without regard to case. */
    public boolean allows(String email) {
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return false;
        }
        return domains.contains(email.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** As stored: one column, domains separated by spaces (no domain holds one). */
    public String stored() {
        return String.join(" ", domains);
    }

    public static OrganizerDomains fromStored(String stored) {
        return new OrganizerDomains(List.of(stored.split(" ")));
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
