package io.vestibule.platform;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.vestibule.testing.RequiredParts;
import io.vestibule.testing.ServerResolver;
import io.vestibule.testing.VestibuleServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both listeners as testssl.sh (Debian's package) judges them, as the penetration test did: no finding of severity LOW
 * or higher, except those that only say the certificate is self-signed (no chain to a known CA, so no revocation
 * information and nothing to staple) and the one named in {@link #OPEN}. Both scans run at once, on loopback, with
 * no DNS and no revocation lookups; at once because a scan, mostly forks, keeps about one of the two cores busy.
 *
 * <p>The scan is testssl's default run less the two groups that only ever write INFO: {@link #GROUPS} are the
 * groups {@code set_scanning_defaults} turns on when none is named, except {@code --each-cipher} and
 * {@code --client-simulation}, which were 158 of the 268 s testssl's own stopwatch gave a default scan of one
 * listener. In testssl 3.0.8 ({@code /usr/bin/testssl}):
 * <ul>
 * <li>{@code run_allciphers} writes one entry per cipher suite the listener accepts, always as {@code INFO}
 * ({@code fileout "cipher_$hexcode" "INFO"}). The verdicts on those suites come from groups that run here:
 * {@code --std} (NULL, aNULL, EXPORT, LOW, 3DES), {@code --fs}, {@code --server-preference} and {@code --vulnerable}
 * (RC4, SWEET32, FREAK, LOGJAM, BEAST, LUCKY13).</li>
 * <li>{@code run_client_simulation} writes "No connection" or the protocol and suite each simulated client got,
 * always as {@code INFO}; its only other entry is a {@code WARN} under {@code --ssl-native}.</li>
 * <li>No function either one calls writes an entry of another severity: following the calls through the script, the
 * only other entries in reach are {@code fatal}'s {@code FATAL}, which ends the scan, and a {@code WARN} about an old
 * local OpenSSL.</li>
 * <li>{@code lets_roll} runs both last, after every group kept here, so leaving them out changes nothing the kept
 * groups see: against the same server, every entry the kept groups wrote was the default scan's (but for the admin
 * listener's session-resumption entries, INFO or WARN, which vary from scan to scan either way).</li>
 * </ul>
 * {@code --ssl-native} is not used: Debian's OpenSSL 3 has neither SSLv2 nor SSLv3 and fewer than half of testssl's
 * cipher suites (the package bundles no OpenSSL of its own), so an old protocol or suite on offer would go unseen.
 */
@ExtendWith(ServerResolver.class)
class TlsScanIT {
    /** What a self-signed certificate is blamed for; an administrator's CA-signed certificate clears them. */
    private static final Set<String> SELF_SIGNED = Set.of("cert_chain_of_trust", "cert_trust", "cert_revocation", "cert_ocspURL",
            "cert_crlDistributionPoints", "OCSP_stapling", "cert_caIssuers");
    /** Findings known and not yet fixed, by name; none since the listeners choose suites by our order (issue 19). */
    private static final Set<String> OPEN = Set.of();
    /** Every group of testssl's default run that can write a finding of LOW or higher; see the class comment. */
    private static final List<String> GROUPS = List.of("--protocols", "--std", "--fs", "--server-preference", "--server-defaults",
            "--headers", "--vulnerable");
    /**
     * One entry from each of {@link #GROUPS}, in its order; RC4 is the last check of {@code --vulnerable}. A group that did
     * not run (a renamed option in another testssl) would otherwise pass as a group with nothing to report.
     */
    private static final List<String> ONE_ENTRY_OF_EACH_GROUP = List.of("TLS1_3", "cipherlist_NULL", "PFS", "protocol_negotiated",
            "cert_notAfter", "HTTP_status_code", "heartbleed", "RC4");

    @TempDir
    Path reports;

    @Test
    void neitherListenerHasAFindingOfLowOrHigherBeyondItsSelfSignedCertificate(VestibuleServer server) throws Exception {
        Path testssl = RequiredParts.executable("testssl").orElse(null);
        RequiredParts.require(testssl != null, "testssl", "Install Debian's testssl.sh: apt-get install testssl.sh");

        CompletableFuture<List<JsonObject>> portal = CompletableFuture.supplyAsync(() -> scan(testssl, server.httpsPort()));
        CompletableFuture<List<JsonObject>> admin = CompletableFuture.supplyAsync(() -> scan(testssl, server.adminPort()));

        for (List<JsonObject> scan : List.of(portal.get(10, TimeUnit.MINUTES), admin.get(10, TimeUnit.MINUTES))) {
            assertThat(scan).as("the scan reached the listener").anySatisfy(entry -> {
                assertThat(entry.getString("id")).isEqualTo("TLS1_3");
                assertThat(entry.getString("finding")).startsWith("offered");
            });
            assertThat(scan).as("every group ran").extracting(entry -> entry.getString("id")).containsAll(ONE_ENTRY_OF_EACH_GROUP);
            assertThat(scan).filteredOn(entry -> Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL").contains(entry.getString("severity", "")))
                    .filteredOn(entry -> !SELF_SIGNED.contains(entry.getString("id")) && !OPEN.contains(entry.getString("id")))
                    .isEmpty();
        }
    }

    /** Every entry of testssl's flat JSON report on the port. */
    private List<JsonObject> scan(Path testssl, int port) {
        Path report = reports.resolve("testssl-" + port + ".json");
        try {
            List<String> command = new ArrayList<>(List.of(testssl.toString(), "--quiet", "--color", "0", "--warnings", "off", "--nodns",
                    "none", "--openssl-timeout", "10"));
            command.addAll(GROUPS);
            command.addAll(List.of("--jsonfile", report.toString(), "127.0.0.1:" + port));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(reports.resolve("testssl-" + port + ".txt").toFile()).start();
            process.getOutputStream().close();
            assertThat(process.waitFor(8, TimeUnit.MINUTES)).as("testssl finished on port " + port).isTrue();
            try (JsonReader reader = Json.createReader(new StringReader(Files.readString(report)))) {
                List<JsonObject> entries = reader.readArray().getValuesAs(JsonObject.class);
                entries.stream().filter(entry -> !"OK".equals(entry.getString("severity", "")) && !"INFO".equals(entry.getString("severity", "")))
                        .forEach(entry -> System.out.println("testssl " + port + ": " + entry));
                return entries;
            }
        } catch (IOException e) {
            throw new IllegalStateException("testssl could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while testssl ran", e);
        }
    }
}
