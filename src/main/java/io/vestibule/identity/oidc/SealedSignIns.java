package io.vestibule.identity.oidc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import io.vestibule.crypto.Aead;
import io.vestibule.crypto.CryptoPolicy;

/**
 * The authorization requests in flight, kept by the browsers that started them: state, nonce, PKCE verifier, the
 * page to go to and the start time are sealed with the policy's AEAD into the value of the sign-in cookie. The
 * service keeps nothing per start, so starts sent by anyone at any rate cannot crowd out a real user's sign-in
 * (the store this replaced held 10,000 requests and was filled by 17 starts a second).
 *
 * <p>The key lives in this process's memory only, drawn when single sign-on is wired: a restart voids the sign-ins
 * in flight, which people start again. A request serves once: the states of completed sign-ins are remembered
 * until their cookies would have expired. Only sign-ins the provider completed are remembered, so nobody fills that
 * memory without an account.
 */
final class SealedSignIns {
    private static final int RANDOM_BYTES = 32;
    private static final byte FORMAT = 1;
    private static final byte[] ASSOCIATED_DATA = "vestibule single sign-on request".getBytes(StandardCharsets.US_ASCII);
    /** Far above a sealed request's size (under 900 characters with the longest page); longer values are not opened. */
    static final int LONGEST_COOKIE = 2048;
    /** How many spent states may pile up before the expired ones are swept. */
    private static final int SWEEP_ABOVE = 1024;

    private final Aead aead;
    private final SecretKey key;
    private final SecureRandom random;
    private final Clock clock;
    private final Duration lifetime;
    private final Map<String, Instant> spent = new ConcurrentHashMap<>();

    /** A started request and the cookie value that carries it. */
    record Begun(String cookie, PendingSignIn request) {
        @Override
        public String toString() {
            return "Begun[" + request + "]";
        }
    }

    SealedSignIns(CryptoPolicy policy, SecureRandom random, Clock clock, Duration lifetime) {
        this.aead = new Aead(policy, random);
        this.key = freshKey(policy, random);
        this.random = random;
        this.clock = clock;
        this.lifetime = lifetime;
    }

    Begun begin(String next) {
        PendingSignIn request = new PendingSignIn(randomText(), randomText(), randomText(), next, clock.instant());
        byte[] sealed = aead.seal(key, serialised(request), ASSOCIATED_DATA);
        return new Begun(Base64.getUrlEncoder().withoutPadding().encodeToString(sealed), request);
    }

    /** The request a cookie carries while it is live; empty for a missing, altered, foreign, spent or expired one. */
    Optional<PendingSignIn> open(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > LONGEST_COOKIE) {
            return Optional.empty();
        }
        PendingSignIn request;
        try {
            request = deserialised(aead.open(key, Base64.getUrlDecoder().decode(cookie), ASSOCIATED_DATA));
        } catch (IllegalArgumentException | Aead.SealBroken | IOException unreadable) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        boolean live = !now.isBefore(request.createdAt()) && now.isBefore(expiry(request));
        return live && !spent.containsKey(request.state()) ? Optional.of(request) : Optional.empty();
    }

    /** Marks a request completed; false when it already was (the same cookie presented twice). */
    boolean spend(PendingSignIn request) {
        Instant now = clock.instant();
        if (spent.size() > SWEEP_ABOVE) {
            spent.values().removeIf(expiry -> !now.isBefore(expiry));
        }
        return spent.putIfAbsent(request.state(), expiry(request)) == null;
    }

    Duration lifetime() {
        return lifetime;
    }

    private Instant expiry(PendingSignIn request) {
        return request.createdAt().plus(lifetime);
    }

    private static byte[] serialised(PendingSignIn request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(request.state());
            out.writeUTF(request.nonce());
            out.writeUTF(request.codeVerifier());
            out.writeUTF(request.next());
            out.writeLong(request.createdAt().toEpochMilli());
        } catch (IOException e) {
            throw new UncheckedIOException("Writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static PendingSignIn deserialised(byte[] plain) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
            if (in.readByte() != FORMAT) {
                throw new IOException("unknown format");
            }
            PendingSignIn request = new PendingSignIn(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(),
                    Instant.ofEpochMilli(in.readLong()));
            if (in.read() != -1) {
                throw new IOException("trailing bytes");
            }
            return request;
        }
    }

    private static SecretKey freshKey(CryptoPolicy policy, SecureRandom random) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(policy.aeadKeyBits(), random);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK offers no AES key generator", e);
        }
    }

    private String randomText() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
