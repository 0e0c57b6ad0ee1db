package io.vestibule.media.gateway.dtls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;

/**
 * The policy's names (IANA's for suites, RFC 8446's for groups and signature schemes) turned into Bouncy Castle's
 * code points once, by the constants Bouncy Castle names the same way. A name it does not know fails at start.
 */
final class TlsCodes {
    private final Map<Integer, String> cipherSuites;
    private final int[] namedGroups;
    private final Vector<SignatureAndHashAlgorithm> signatureAlgorithms;

    TlsCodes(DtlsServerSettings settings) {
        this.cipherSuites = new LinkedHashMap<>();
        for (String name : settings.cipherSuites()) {
            cipherSuites.put(constant(CipherSuite.class, name), name);
        }
        this.namedGroups = settings.namedGroups().stream().mapToInt(name -> constant(NamedGroup.class, name)).toArray();
        List<SignatureAndHashAlgorithm> algorithms = new ArrayList<>();
        for (String name : settings.signatureSchemes()) {
            algorithms.add(SignatureScheme.getSignatureAndHashAlgorithm(constant(SignatureScheme.class, name)));
        }
        this.signatureAlgorithms = new Vector<>(algorithms);
    }

    int[] cipherSuites() {
        return cipherSuites.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    String cipherSuiteName(int code) {
        return cipherSuites.getOrDefault(code, String.format("0x%04X", code));
    }

    int[] namedGroups() {
        return namedGroups.clone();
    }

    /** Bouncy Castle's API takes a raw Vector; each call gets its own copy. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    Vector signatureAlgorithms() {
        return new Vector(signatureAlgorithms);
    }

    private static int constant(Class<?> holder, String name) {
        try {
            return ((Number) holder.getField(name).get(null)).intValue();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("Bouncy Castle has no " + holder.getSimpleName() + " named " + name, e);
        }
    }
}
