package io.vestibule.platform.checks;

/**
 * One named rule of a {@link Verification}, like a check of Keycloak's TokenVerifier: it passes, or it throws the
 * rejection that names it. A check may decode one more step of the candidate for the checks after it.
 *
 * @param <C> what is checked: a token under verification, say
 * @param <E> the rejection its checks throw
 */
@FunctionalInterface
public interface Check<C, E extends Rejected> {

    void check(C candidate) throws E;
}
