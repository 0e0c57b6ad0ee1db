package io.vestibule.portal;

import java.io.File;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;

import org.junit.jupiter.api.Test;

import io.vestibule.admin.api.AdminApplication;
import io.vestibule.admin.api.AdminAuthorization;
import io.vestibule.admin.api.ConsoleEntryResource;
import io.vestibule.platform.api.ApiProviders;
import io.vestibule.portal.signin.SessionAuthentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WAR holds two JAX-RS applications; each lists its classes, since one that listed none would serve every
 * resource of the WAR. Every resource must be in exactly one of them: admin resources in the admin API only.
 */
class JaxRsApplicationsTest {
    private final Set<Class<?>> portal = new PortalApplication().getClasses();
    private final Set<Class<?>> admin = new AdminApplication().getClasses();

    /** Every compiled class of the application annotated with {@code annotation}. */
    private static List<Class<?>> annotatedWith(Class<? extends Annotation> annotation) throws IOException, URISyntaxException {
        java.nio.file.Path root = java.nio.file.Path.of(PortalApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", ""))
                    .map(JaxRsApplicationsTest::load)
                    .filter(type -> type.isAnnotationPresent(annotation))
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, JaxRsApplicationsTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Object.class;
        }
    }

    private static boolean isAdmin(Class<?> type) {
        return type.getPackageName().startsWith("io.vestibule.admin");
    }

    @Test
    void everyResourceBelongsToExactlyOneApplication() throws Exception {
        List<Class<?>> resources = annotatedWith(Path.class);
        assertThat(resources).contains(ConsoleEntryResource.class, io.vestibule.portal.signin.MeResource.class);

        for (Class<?> resource : resources) {
            if (isAdmin(resource)) {
                assertThat(admin).as("admin resource %s in AdminApplication.RESOURCES", resource.getName()).contains(resource);
                assertThat(portal).as("admin resource %s kept out of the portal API", resource.getName()).doesNotContain(resource);
            } else {
                assertThat(portal).as("portal resource %s in PortalApplication.RESOURCES", resource.getName()).contains(resource);
                assertThat(admin).as("portal resource %s kept out of the admin API", resource.getName()).doesNotContain(resource);
            }
        }
    }

    @Test
    void thePortalApiHoldsNothingOfTheAdminPackages() {
        assertThat(portal).noneMatch(JaxRsApplicationsTest::isAdmin);
    }

    @Test
    void eachApplicationHasItsOwnProvidersAndBothTheSharedOnes() throws Exception {
        List<Class<?>> providers = annotatedWith(Provider.class);
        assertThat(portal).containsAll(providers.stream().filter(provider -> !isAdmin(provider)).toList());
        assertThat(portal).as("the console's authorisation is not the portal's").doesNotContain(AdminAuthorization.class);
        assertThat(admin).containsAll(ApiProviders.SHARED).contains(AdminAuthorization.class);
        assertThat(admin).as("the portal's session authentication is not the console's").doesNotContain(SessionAuthentication.class);
    }

    @Test
    void neitherApplicationPublishesAWadl() {
        assertThat(new PortalApplication().getProperties()).containsEntry("jersey.config.server.wadl.disableWadl", true);
        assertThat(new AdminApplication().getProperties()).containsEntry("jersey.config.server.wadl.disableWadl", true);
    }
}
