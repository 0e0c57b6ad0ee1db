package io.vestibule.calendar.block;

import java.net.URI;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the console shows while an administrator edits a template: the template, if it could be saved, filled with
 * sample values (a room of this service with a guest PIN and a numeric alias, tomorrow at 10:00 UTC), so that every
 * line shows. The sample's subject may be the administrator's own, to see how a long or odd one comes out.
 */
@ApplicationScoped
public class JoinBlockPreview {
    static final String SAMPLE_ALIAS = "sample-room";
    static final String SAMPLE_NUMERIC_ALIAS = "80012345";
    static final String SAMPLE_GUEST_PIN = "583920";

    private URI publicUrl;
    private Clock clock;

    @Inject
    public JoinBlockPreview(@ConfigProperty(name = "vestibule.public.url", defaultValue = "https://localhost:8443/") URI publicUrl,
                            Clock clock) {
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** For CDI's client proxy only. */
    protected JoinBlockPreview() {
    }

    /** {@code template} filled with the sample, or {@link TemplateRefused} as a save would refuse it. */
    public JoinBlock preview(JoinBlockLanguage language, JoinBlockTemplate template, Optional<String> subject) {
        ZonedDateTime start = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC)).plusDays(1).with(LocalTime.of(10, 0));
        JoinBlockDetails sample = new JoinBlockDetails(subject.orElse(sampleSubject(language)),
                publicUrl.resolve("/join/" + SAMPLE_ALIAS), SAMPLE_ALIAS, Optional.of(SAMPLE_NUMERIC_ALIAS),
                Optional.of(SAMPLE_GUEST_PIN), start, start.plusHours(1));
        return TemplateSubstitution.fill(TemplateCheck.checked(template), sample, language);
    }

    private static String sampleSubject(JoinBlockLanguage language) {
        return switch (language) {
            case ENGLISH -> "Quarterly review";
            case SPANISH -> "Revisión trimestral";
            case FRENCH -> "Revue trimestrielle";
        };
    }
}
