package io.vestibule.admin.api;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import io.vestibule.identity.roles.Permission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every admin endpoint says who may call it (R-ADM-4): a permission, any administrator, or anyone before sign-in.
 * {@link AdminAuthorization} refuses an endpoint that says nothing; this test finds it before a release does.
 */
class AdminEndpointsTest {
    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        List<String> undeclared = new ArrayList<>();
        int endpoints = 0;
        for (Class<?> resource : AdminApplication.RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                if (!isEndpoint(method)) {
                    continue;
                }
                endpoints++;
                int declarations = (method.isAnnotationPresent(RequiresPermission.class) ? 1 : 0)
                        + (method.isAnnotationPresent(AnyAdministrator.class) ? 1 : 0)
                        + (method.isAnnotationPresent(BeforeSignIn.class) ? 1 : 0);
                if (declarations != 1) {
                    undeclared.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(endpoints).isGreaterThan(30);
        assertThat(undeclared).isEmpty();
    }

    @Test
    void onlySignInAndWhatPrecedesItAnswerBeforeSignIn() {
        List<String> open = new ArrayList<>();
        for (Class<?> resource : AdminApplication.RESOURCES) {
            for (Method method : resource.getDeclaredMethods()) {
                if (isEndpoint(method) && method.isAnnotationPresent(BeforeSignIn.class)) {
                    open.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(open).containsExactlyInAnyOrder("ConsoleEntryResource.banner", "ConsoleEntryResource.setup",
                "AdminAuthResource.login", "AdminAuthResource.loginWithCertificate", "AdminAuthResource.changePassword");
    }

    @Test
    void theAuditLogAndCallRecordsNeedTheAuditorsPermissions() throws Exception {
        assertThat(java.util.Arrays.stream(AuditResource.class.getDeclaredMethods()).filter(AdminEndpointsTest::isEndpoint)
                .filter(method -> method.getName().matches("events|export"))
                .map(method -> method.getName() + "=" + java.util.Arrays.toString(method.getAnnotation(RequiresPermission.class).value())))
                .containsExactlyInAnyOrder("events=[VIEW_LOGS]", "export=[VIEW_LOGS]");
        for (Method method : CallRecordsResource.class.getDeclaredMethods()) {
            if (isEndpoint(method)) {
                assertThat(method.getAnnotation(RequiresPermission.class).value()).as(method.getName()).containsExactly(Permission.VIEW_CDRS);
            }
        }
    }

    private static boolean isEndpoint(Method method) {
        return method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class) || method.isAnnotationPresent(PUT.class)
                || method.isAnnotationPresent(DELETE.class) || method.isAnnotationPresent(PATCH.class);
    }
}
