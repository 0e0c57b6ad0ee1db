package io.vestibule.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link ServerResolver} for the service started with {@link Servers#SEVERAL_SETTINGS}: settings that some test
 * classes need and the shared services do not have, each of which leaves the others' tests unaffected.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OnSeveralSettings {
}
