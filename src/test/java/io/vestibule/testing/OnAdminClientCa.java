package io.vestibule.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link ServerResolver} for the service whose admin listener asks for client certificates of
 * {@link Servers#ADMIN_CLIENT_CA} and whose bootstrap administrator starts with an expired password
 * ({@link Servers#adminClientCa}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OnAdminClientCa {
}
