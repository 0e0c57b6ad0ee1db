package io.vestibule.platform.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.vestibule.crypto.pki.ListenerKeyStore;
import io.vestibule.crypto.pki.TlsIdentity;

/**
 * What the listeners' key store file holds now, read again when the file changes, so that a certificate the
 * application assigns reaches new handshakes without a restart. The file is looked at once a second at most, and at
 * once after {@link ListenerKeyStore#writes()} changes (the application wrote it through the class both share).
 *
 * <p>A handshake asks for a listener's alias, then for its key and its chain in separate calls; a change between them
 * must not pair one identity's key with another's chain. So the alias handed out names the version of the file it was
 * chosen from ({@code vestibule#v3}), and the key and chain come from that version, kept for a while after the next.
 */
final class CurrentListenerIdentities {
    private static final String VERSION = "#v";
    private static final Duration LOOK_AT_MOST_EVERY = Duration.ofSeconds(1);
    /** Versions kept for handshakes begun on an older one; four reloads within one handshake do not happen. */
    private static final int KEPT_VERSIONS = 4;

    private final ListenerKeyStore store;
    private final Clock clock;
    private final Map<Integer, Map<String, TlsIdentity>> versions = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Map<String, TlsIdentity>> eldest) {
            return size() > KEPT_VERSIONS;
        }
    };
    private int version;
    private Object fileState;
    private Instant lookedAt = Instant.MIN;
    private long writesSeen = -1;

    CurrentListenerIdentities(ListenerKeyStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The alias to hand to the TLS engine for the alias Payara chose: the same alias of the file's current version
     * when the file holds it, else Payara's own (a context whose key managers read another key store).
     */
    synchronized String current(String alias) {
        if (alias == null) {
            return null;
        }
        refreshIfDue();
        Map<String, TlsIdentity> now = versions.get(version);
        return now != null && now.containsKey(alias) ? alias + VERSION + version : alias;
    }

    synchronized Optional<X509Certificate[]> chain(String versionedAlias) {
        return identity(versionedAlias).map(identity -> identity.chain().toArray(new X509Certificate[0]));
    }

    synchronized Optional<PrivateKey> privateKey(String versionedAlias) {
        return identity(versionedAlias).map(TlsIdentity::privateKey);
    }

    private Optional<TlsIdentity> identity(String versionedAlias) {
        int at = versionedAlias == null ? -1 : versionedAlias.lastIndexOf(VERSION);
        if (at < 0) {
            return Optional.empty();
        }
        try {
            Map<String, TlsIdentity> identities = versions.get(Integer.parseInt(versionedAlias.substring(at + VERSION.length())));
            return Optional.ofNullable(identities == null ? null : identities.get(versionedAlias.substring(0, at)));
        } catch (NumberFormatException notOurs) {
            return Optional.empty();
        }
    }

    private void refreshIfDue() {
        Instant now = clock.instant();
        long writes = ListenerKeyStore.writes();
        if (writes == writesSeen && Duration.between(lookedAt, now).compareTo(LOOK_AT_MOST_EVERY) < 0) {
            return;
        }
        lookedAt = now;
        writesSeen = writes;
        try {
            BasicFileAttributes attributes = Files.readAttributes(store.file(), BasicFileAttributes.class);
            // A rewrite moves a new file into place: a new file key (inode) even within the clock's resolution.
            Object state = java.util.List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(), attributes.size());
            if (Objects.equals(state, fileState)) {
                return;
            }
            Map<String, TlsIdentity> identities = store.read();
            fileState = state;
            versions.put(++version, identities);
        } catch (IOException | RuntimeException unreadable) {
            // The listeners keep presenting what they presented; the next look may find the file whole.
            System.err.println("WARNING: cannot read the listeners' key store " + store.file() + " (" + unreadable.getMessage()
                    + "); the listeners keep their certificates");
        }
    }
}
