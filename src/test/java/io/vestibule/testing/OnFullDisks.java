package io.vestibule.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Asks {@link ServerResolver} for the service whose data directory has its {@code audit/}, {@code keys/} and
 * {@code cdr-journal/} folders each on a small tmpfs of its own ({@link Servers#fullDisks}), for the tests of what a
 * full disk does and for those that restart a service ({@link VestibuleServer#restart}). A test that fills one leaves
 * it with room again when it ends.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface OnFullDisks {
}
