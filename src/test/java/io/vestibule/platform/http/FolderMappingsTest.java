package io.vestibule.platform.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every folder of the WAR ({@code webapp/} and the console's build-time copy) is mapped to {@link FolderServlet} in {@code web.xml}: an unmapped folder named
 * without its slash would be answered by the container's own redirect, built from the Host header and without the
 * security headers (penetration test, finding 8).
 */
class FolderMappingsTest {
    private static final Path WEBAPP = Path.of("webapp");
    private static final Path WEB_XML = Path.of("src/main/webinf/web.xml");
    /** The console's copy of the portal's shared files, made by the WAR plugin (pom.xml): folders of the WAR too. */
    private static final List<String> SHARED_COPY = List.of("/admin/shared", "/admin/shared/css", "/admin/shared/i18n",
            "/admin/shared/img", "/admin/shared/js");

    @Test
    void everyFolderOfTheWebappIsMappedToTheFolderServlet() throws IOException {
        List<String> folders = new ArrayList<>(SHARED_COPY);
        try (Stream<Path> paths = Files.walk(WEBAPP)) {
            paths.filter(Files::isDirectory).filter(path -> !path.equals(WEBAPP))
                    .map(path -> "/" + WEBAPP.relativize(path).toString().replace('\\', '/')).forEach(folders::add);
        }
        folders.sort(null);
        String webXml = Files.readString(WEB_XML);
        Matcher mapping = Pattern.compile("<servlet-mapping>\\s*<servlet-name>Folders</servlet-name>(.*?)</servlet-mapping>", Pattern.DOTALL)
                .matcher(webXml);
        assertThat(mapping.find()).as("web.xml maps the Folders servlet").isTrue();
        List<String> mapped = Pattern.compile("<url-pattern>([^<]+)</url-pattern>").matcher(mapping.group(1)).results()
                .map(result -> result.group(1)).sorted().toList();

        assertThat(folders).contains("/admin", "/js");
        assertThat(mapped).isEqualTo(folders);
    }
}
