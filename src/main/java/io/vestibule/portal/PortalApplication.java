package io.vestibule.portal;

import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import io.vestibule.platform.api.ApiProviders;
import io.vestibule.portal.booking.MeetingResource;
import io.vestibule.portal.calendar.CalendarEventResource;
import io.vestibule.portal.join.ConferenceResource;
import io.vestibule.portal.join.JoinResource;
import io.vestibule.portal.join.KeysResource;
import io.vestibule.portal.signin.AuthResource;
import io.vestibule.portal.signin.MeResource;
import io.vestibule.portal.signin.SessionAuthentication;
import io.vestibule.portal.signin.SsoResource;

/**
 * The user portal's HTTP API, {@code /api/v1}; the contract is docs/api.md and the served /openapi document
 * (src/main/resources/openapi/portal.yaml).
 * Served on the portal's listener only. Its resources are listed here, so that the admin API's never join them:
 * a new portal resource is one more line in {@link #RESOURCES} (JaxRsApplicationsTest fails until it is there), and
 * its routes are described in openapi/portal.yaml (OpenApiDocumentsTest fails until they are).
 */
@ApplicationPath("/api/v1")
public class PortalApplication extends Application {
    static final Set<Class<?>> RESOURCES = Set.of(
            AuthResource.class,
            MeResource.class,
            SsoResource.class,
            MeetingResource.class,
            JoinResource.class,
            ConferenceResource.class,
            KeysResource.class,
            CalendarEventResource.class);

    /** The portal's own providers: its session authentication, on resources marked {@code @SignedIn}. */
    static final Set<Class<?>> PROVIDERS = Set.of(SessionAuthentication.class);

    @Override
    public Set<Class<?>> getClasses() {
        return ApiProviders.withShared(RESOURCES, PROVIDERS);
    }

    @Override
    public Map<String, Object> getProperties() {
        return ApiProviders.PROPERTIES;
    }
}
