package io.vestibule.portal.signin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks the {@link SignedIn} resources a calendar integration may also call, signed with its secret
 * ({@link SignedCallbackAuthentication}); every other resource ignores the signing headers.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AcceptsSignedCallbacks {
}
