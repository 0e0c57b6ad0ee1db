package io.vestibule.identity.oidc;

import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;

/** A published signing key of the provider that passed the crypto policy, with the algorithms it may verify. */
record VerificationKey(String kid, JWSVerifier verifier, Set<JWSAlgorithm> algorithms) {
}
