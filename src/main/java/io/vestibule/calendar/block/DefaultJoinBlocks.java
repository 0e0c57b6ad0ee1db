package io.vestibule.calendar.block;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The templates shipped with the service, in force for a language until an administrator saves another and again after
 * a reset: {@code calendar/join-block/<language>.html} and {@code .txt} on the class path. Each passes {@link TemplateCheck}.
 */
public final class DefaultJoinBlocks {
    private static final Map<JoinBlockLanguage, JoinBlockTemplate> TEMPLATES = load();

    private DefaultJoinBlocks() {
    }

    public static JoinBlockTemplate of(JoinBlockLanguage language) {
        return TEMPLATES.get(language);
    }

    private static Map<JoinBlockLanguage, JoinBlockTemplate> load() {
        Map<JoinBlockLanguage, JoinBlockTemplate> templates = new EnumMap<>(JoinBlockLanguage.class);
        for (JoinBlockLanguage language : JoinBlockLanguage.values()) {
            templates.put(language, new JoinBlockTemplate(resource(language.code() + ".html"), resource(language.code() + ".txt")));
        }
        return templates;
    }

    private static String resource(String name) {
        String path = "/calendar/join-block/" + name;
        try (InputStream in = DefaultJoinBlocks.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The default join-block template " + path + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
