package io.vestibule.crypto.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts new identities on running listeners, keeping the old ones until the new ones are seen serving: it writes them
 * to the listeners' key store, then asks each listener, as a new TLS client would, which certificate it presents; a
 * listener that has not presented its new one within the bound gets the whole key store back as it was, and the
 * switch fails with {@code not_served}. Connections and TLS sessions already open are never cut.
 */
public final class ListenerSwitch {
    /** What a listener presents to a TLS client that connects now. */
    @FunctionalInterface
    public interface ServedCertificates {
        /** True when a new handshake with the listener gets {@code leaf} as its certificate; never throws for a failed handshake. */
        boolean presents(String listener, X509Certificate leaf);
    }

    /** Between two handshakes with a listener that still presents the old certificate. */
    private static final Duration RETRY = Duration.ofMillis(100);

    private final ListenerKeyStore store;
    private final ServedCertificates served;
    private final Duration bound;
    private final Clock clock;

    public ListenerSwitch(ListenerKeyStore store, ServedCertificates served, Duration bound, Clock clock) {
        this.store = store;
        this.served = served;
        this.bound = bound;
        this.clock = clock;
    }

    /**
     * Presents each identity (listener name to identity) on its listener; returns when every listener presents its
     * new certificate, or throws {@link CertificateRefusal} {@code not_served} with the old ones back in place.
     */
    public synchronized void apply(Map<String, TlsIdentity> byListener) {
        Map<String, TlsIdentity> before;
        try {
            before = store.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, TlsIdentity> after = new LinkedHashMap<>(before);
        byListener.forEach((listener, identity) -> after.put(ListenerKeyStore.alias(listener), identity));
        write(after);
        for (Map.Entry<String, TlsIdentity> entry : byListener.entrySet()) {
            if (!awaitPresented(entry.getKey(), entry.getValue().leaf())) {
                write(before);
                throw new CertificateRefusal("not_served", "The " + entry.getKey() + " listener did not present the new certificate within "
                        + bound.toSeconds() + " s; the listeners present the certificates they had before");
            }
        }
    }

    private boolean awaitPresented(String listener, X509Certificate leaf) {
        Instant deadline = clock.instant().plus(bound);
        while (true) {
            if (served.presents(listener, leaf)) {
                return true;
            }
            if (!clock.instant().isBefore(deadline)) {
                return false;
            }
            // A listener that did not see the write look at the file within a second; asking again at once would only repeat.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RETRY.toMillis()));
        }
    }

    private void write(Map<String, TlsIdentity> identities) {
        try {
            store.write(identities);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
