package io.vestibule.platform.api;

import java.util.Map;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The user portal's HTTP API, {@code /api/v1}; the contract is docs/api.md and the served /openapi document. */
@ApplicationPath("/api/v1")
@OpenAPIDefinition(info = @Info(title = "Vestibule API", version = "1"))
public class RestApplication extends Application {
    /** The API is described once, by /openapi; Jersey's WADL would list every endpoint a second time. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
