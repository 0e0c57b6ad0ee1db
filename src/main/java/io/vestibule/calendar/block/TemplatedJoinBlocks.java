package io.vestibule.calendar.block;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The join block from the template in force for the attendees' language, filled by {@link TemplateSubstitution}. */
@ApplicationScoped
public class TemplatedJoinBlocks implements JoinBlockRenderer {
    private JoinBlockTemplates templates;

    @Inject
    public TemplatedJoinBlocks(JoinBlockTemplates templates) {
        this.templates = templates;
    }

    /** For CDI's client proxy only. */
    protected TemplatedJoinBlocks() {
    }

    @Override
    public JoinBlock render(JoinBlockDetails details, Locale language) {
        JoinBlockLanguage chosen = JoinBlockLanguage.of(language);
        return TemplateSubstitution.fill(templates.inForce(chosen).template(), details, chosen);
    }
}
