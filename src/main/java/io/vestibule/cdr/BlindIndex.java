package io.vestibule.cdr;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import io.vestibule.access.events.CallEvent;
import io.vestibule.crypto.CryptoPolicy;

/**
 * Keyed blind indexes (R-CDR-5): a value's HMAC under the period's index key, so auditors search by room,
 * participant, name or outcome without the database holding any of them. Names are compared as people type them
 * (case, accents' composition and outer spaces do not matter). Each kind of value is hashed apart, so a room id
 * and a name never collide. Without the key, an index says nothing; with the period's key destroyed, nothing at all.
 */
public final class BlindIndex {
    public static final String NONE = "";
    private static final int BYTES = 16;

    public enum Kind {
        ROOM, PARTICIPANT, NAME, OUTCOME
    }

    private final String macAlgorithm;
    /**
     * One MAC per thread, initialised anew for every value: {@code Mac.getInstance} and the provider choice of its
     * first {@code init} cost more than the HMAC itself, a later {@code init} next to nothing.
     */
    private final ThreadLocal<Mac> macs;

    public BlindIndex(CryptoPolicy policy) {
        this.macAlgorithm = policy.blindIndexMacAlgorithm();
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    public String of(SecretKey indexKey, Kind kind, Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return NONE;
        }
        String normalised = kind == Kind.NAME
                ? Normalizer.normalize(value.get().strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                : value.get().strip();
        try {
            Mac mac = macs.get();
            mac.init(indexKey);
            mac.update(kind.name().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            byte[] tag = mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(tag, 0, BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute a blind index", e);
        }
    }

    private Mac newMac() {
        try {
            return Mac.getInstance(macAlgorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK offers no " + macAlgorithm, e);
        }
    }

    public SealedRecord.BlindIndexes of(SecretKey indexKey, CallEvent event) {
        return new SealedRecord.BlindIndexes(
                of(indexKey, Kind.ROOM, event.roomId()),
                of(indexKey, Kind.PARTICIPANT, event.participantId()),
                of(indexKey, Kind.NAME, event.displayName()),
                of(indexKey, Kind.OUTCOME, Optional.of(event.outcome())));
    }
}
