package io.vestibule.platform.api;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What every JAX-RS application of Vestibule shares, the portal's and the admin console's: one error shape
 * (exception mappers) and bounded request bodies, in size and in JSON shape. Each application lists its own resources
 * explicitly; with more than one application in the WAR, one that lists nothing would be given every resource of the WAR.
 */
public final class ApiProviders {
    public static final Set<Class<?>> SHARED = Set.of(
            ApiExceptionMapper.class,
            TransactionFailureMapper.class,
            RequestBodyLimit.class,
            JsonShapeLimit.class);

    /** The API is described once, by /openapi; Jersey's WADL would list every endpoint a second time. */
    public static final Map<String, Object> PROPERTIES = Map.of("jersey.config.server.wadl.disableWadl", true);

    private ApiProviders() {
    }

    /** An application's classes: its own resources and providers, and the shared providers. */
    @SafeVarargs
    public static Set<Class<?>> withShared(Set<Class<?>>... own) {
        Set<Class<?>> classes = new HashSet<>(SHARED);
        for (Set<Class<?>> part : own) {
            classes.addAll(part);
        }
        return Set.copyOf(classes);
    }
}
