package io.vestibule.platform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.TrustAnchors;

/**
 * Asks the started service's own {@code /health/ready} over loopback, trusting exactly the listener's certificate (so
 * no host name needs to match), until it answers UP, answers DOWN past the deadline, or the deadline passes without
 * an answer from the application.
 */
final class ReadinessProbe {
    private static final Pattern DOWN_CHECK = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"status\"\\s*:\\s*\"DOWN\"");
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int TIMEOUT_MILLIS = 5000;

    /** What the readiness check said last. */
    sealed interface Verdict {
        record Ready() implements Verdict {
        }

        /** The application answers, and these checks are DOWN. */
        record NotReady(List<String> down) implements Verdict {
        }

        /** The application does not answer its readiness check: it is not deployed. */
        record NoAnswer(String what) implements Verdict {
        }
    }

    private final URI health;
    private final SSLContext tls;

    ReadinessProbe(URI health, List<X509Certificate> listenerChain, CryptoPolicy policy) {
        this.health = health;
        this.tls = trusting(listenerChain, policy);
    }

    /**
     * Asks until UP, or until the application has not answered for {@code unanswered} (it did not deploy: Payara has
     * finished deploying when the probe begins), or has answered DOWN until {@code down} (a directory, a database or a
     * provider that is not reachable yet); the last answer is the verdict.
     */
    Verdict await(Duration unanswered, Duration down) {
        long began = System.nanoTime();
        while (true) {
            Verdict verdict = ask();
            long waited = System.nanoTime() - began;
            if (verdict instanceof Verdict.Ready
                    || verdict instanceof Verdict.NoAnswer && waited > unanswered.toNanos()
                    || waited > down.toNanos()) {
                return verdict;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return verdict;
            }
        }
    }

    private Verdict ask() {
        try {
            HttpsURLConnection connection = (HttpsURLConnection) health.toURL().openConnection();
            connection.setSSLSocketFactory(tls.getSocketFactory());
            // The one certificate trusted is the listener's own, so the name it is reached under does not matter.
            connection.setHostnameVerifier((host, session) -> true);
            connection.setConnectTimeout(TIMEOUT_MILLIS);
            connection.setReadTimeout(TIMEOUT_MILLIS);
            int status = connection.getResponseCode();
            String body = read(status < 400 ? connection.getInputStream() : connection.getErrorStream());
            connection.disconnect();
            if (!body.contains("\"status\"")) {
                return new Verdict.NoAnswer("HTTP " + status + " without a health report");
            }
            if (status == HttpURLConnection.HTTP_OK && body.replace(" ", "").contains("\"status\":\"UP\"")) {
                return new Verdict.Ready();
            }
            Matcher down = DOWN_CHECK.matcher(body);
            return new Verdict.NotReady(down.results().map(found -> found.group(1).toLowerCase(Locale.ROOT)).collect(Collectors.toList()));
        } catch (IOException e) {
            return new Verdict.NoAnswer(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String read(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
    }

    private static SSLContext trusting(List<X509Certificate> listenerChain, CryptoPolicy policy) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, TrustAnchors.managersFor(listenerChain, policy), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new LaunchFailure("Cannot trust the listener's certificate to check readiness: " + e.getMessage(), e);
        }
    }
}
