package io.vestibule.admin.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import io.vestibule.audit.AuditEvent;
import io.vestibule.audit.AuditQuery;
import io.vestibule.audit.AuditSeverity;
import io.vestibule.platform.api.ApiProblem;
import io.vestibule.platform.api.QueryParameters;

/**
 * The audit log's filter from query parameters, checked here so the log sees only sound values: each refusal names
 * its parameter and a stable reason. {@code type} is one event type, or a prefix when it ends in {@code *}
 * ({@code admin.*}); {@code severity} is the least severe to include; {@code before} an event id, for the next page.
 */
record AuditQueryParameters(String from, String to, String type, String actor, String severity, String outcome, String before) {
    static final Duration DEFAULT_SPAN = Duration.ofDays(7);
    private static final int LONGEST_TYPE = 60;
    private static final int LONGEST_ACTOR = 255;

    AuditQuery toQuery(Instant now, int limit) {
        Instant end = QueryParameters.instant("to", to).orElse(now.plusSeconds(1));
        Instant start = QueryParameters.instant("from", from).orElse(end.minus(DEFAULT_SPAN));
        if (!start.isBefore(end)) {
            throw ApiProblem.invalidField("from", "time_range", "'from' must be before 'to'.");
        }
        Optional<String> typeText = present(type);
        boolean prefix = typeText.isPresent() && typeText.get().endsWith("*");
        Optional<String> eventType = typeText.map(text -> prefix ? text.substring(0, text.length() - 1) : text);
        if (eventType.isPresent() && (eventType.get().isEmpty() || eventType.get().length() > LONGEST_TYPE || !eventType.get().matches("[a-z0-9.-]+"))) {
            throw ApiProblem.invalidField("type", "not_allowed",
                    "'type' is an event type such as admin.login, or the start of one followed by * such as admin.*.");
        }
        Optional<String> actorName = present(actor);
        if (actorName.isPresent() && (actorName.get().length() > LONGEST_ACTOR || actorName.get().chars().anyMatch(Character::isISOControl))) {
            throw ApiProblem.invalidField("actor", "not_allowed", "'actor' is a user name of at most " + LONGEST_ACTOR + " characters.");
        }
        Optional<AuditSeverity> minimum = present(severity).map(name -> AuditSeverity.fromApiName(name)
                .orElseThrow(() -> ApiProblem.invalidField("severity", "one_of", "'severity' is alert, warning, notice or informational.")));
        Optional<AuditEvent.Outcome> chosenOutcome = present(outcome).map(AuditQueryParameters::outcomeNamed);
        return new AuditQuery(start, end, eventType, prefix, actorName, minimum, chosenOutcome, beforeId(), limit);
    }

    private OptionalLong beforeId() {
        Optional<String> text = present(before);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        if (!text.get().matches("[1-9]\\d{0,17}")) {
            throw ApiProblem.invalidField("before", "not_allowed", "'before' is the id of an event, a positive whole number.");
        }
        return OptionalLong.of(Long.parseLong(text.get()));
    }

    private static AuditEvent.Outcome outcomeNamed(String name) {
        return Arrays.stream(AuditEvent.Outcome.values()).filter(value -> value.name().toLowerCase(Locale.ROOT).equals(name)).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("outcome", "one_of", "'outcome' is success, failure or refused."));
    }

    private static Optional<String> present(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }
}
