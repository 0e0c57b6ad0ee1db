package io.vestibule.testing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.extension.ExtensionContext;

import com.unboundid.ldap.sdk.LDAPException;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.PemFiles;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.identity.demo.DemoDirectory;

/**
 * Everything single sign-on needs, started once for the whole test run and shared by the SSO test classes:
 *
 * <ol>
 * <li>a directory: the demo directory's own class (UnboundID's in-memory server, Active Directory attributes,
 * StartTLS with a certificate made for this run), here in the test's JVM, so that its lifetime and certificate are
 * known before Keycloak starts, which must trust that certificate from the start;</li>
 * <li>Keycloak, with {@code realm/vestibule-realm.json} imported and federating that directory over StartTLS;</li>
 * <li>a Vestibule in demo mode whose portal signs in through that Keycloak, started at the same time as Keycloak.</li>
 * </ol>
 *
 * <p>Two RSA keys made by the test are then added to the realm's keys, so Keycloak publishes them: one of 3072 bits
 * whose private half lets a test sign tokens with any claims "as the provider" (each claim check must then refuse on
 * its own), and one of 2048 bits, Keycloak's default size, which the crypto policy must refuse. Keycloak itself
 * keeps signing with the realm's ES256 key.
 */
public final class SsoParts implements AutoCloseable {
    public static final String PORTAL_CLIENT = "vestibule-portal";
    public static final String ADDIN_CLIENT = "vestibule-outlook";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SsoParts.class);

    private final DemoDirectory directory;
    private final String password;
    private final KeycloakServer keycloak;
    private final VestibuleServer portal;
    private final RSAKey publishedTestKey;
    private final RSAKey weakPublishedTestKey;

    private SsoParts(DemoDirectory directory, String password, KeycloakServer keycloak, VestibuleServer portal, RSAKey publishedTestKey,
                     RSAKey weakPublishedTestKey) {
        this.directory = directory;
        this.password = password;
        this.keycloak = keycloak;
        this.portal = portal;
        this.publishedTestKey = publishedTestKey;
        this.weakPublishedTestKey = weakPublishedTestKey;
    }

    public static SsoParts get(ExtensionContext context) {
        RequiredParts.require(KeycloakServer.available(), "Keycloak distribution at " + KeycloakServer.HOME,
                "Run the integration tests through ./mvnw verify: it unpacks org.keycloak:keycloak-quarkus-dist from Maven Central");
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("sso", key -> Attempt.of(SsoParts::start), Attempt.class).parts();
    }

    /** The outcome of starting the parts, kept either way: a start that failed is not tried again by every test. */
    private record Attempt(SsoParts started, RuntimeException failure) implements AutoCloseable {
        static Attempt of(java.util.function.Supplier<SsoParts> start) {
            try {
                return new Attempt(start.get(), null);
            } catch (RuntimeException e) {
                return new Attempt(null, e);
            }
        }

        SsoParts parts() {
            if (failure != null) {
                throw new IllegalStateException("The single sign-on parts did not start: " + failure.getMessage(), failure);
            }
            return started;
        }

        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }

    private static SsoParts start() {
        CryptoPolicy policy = CryptoPolicy.standard();
        SecureRandom random = new SecureRandom();
        String password = "Sso-" + HexFormat.of().formatHex(random.generateSeed(8));
        DemoDirectory directory = null;
        KeycloakServer keycloak = null;
        CompletableFuture<VestibuleServer> portalStart = null;
        try {
            TlsIdentity identity = new SelfSignedCertificateIssuer(policy, random).issue("localhost", List.of("localhost", "127.0.0.1"), Instant.now());
            directory = DemoDirectory.start(FreePorts.next(), Optional.of(password), identity, policy, random);
            Path directoryCertificate = Files.createTempFile("vestibule-it-directory-", ".pem");
            Files.writeString(directoryCertificate, PemFiles.toPem(identity.chain()));

            int portalPort = FreePorts.next();
            String portalUrl = "https://localhost:" + portalPort;
            String clientSecret = HexFormat.of().formatHex(random.generateSeed(24));
            KeycloakServer.Address keycloakAddress = KeycloakServer.address();
            // Keycloak and the portal start at the same time, each told the other's address beforehand; the portal is
            // ready once it reads Keycloak's discovery document, so the tests find both up.
            AtomicReference<KeycloakServer> provider = new AtomicReference<>();
            DemoDirectory federated = directory;
            portalStart = CompletableFuture.supplyAsync(() -> VestibuleServer.start("sso", Map.of(
                    "VESTIBULE_HTTPS_PORT", String.valueOf(portalPort),
                    "VESTIBULE_PUBLIC_URL", portalUrl,
                    "VESTIBULE_OIDC_ISSUER", keycloakAddress.issuer().toString(),
                    "VESTIBULE_OIDC_CLIENT_ID", PORTAL_CLIENT,
                    "VESTIBULE_OIDC_CLIENT_SECRET", clientSecret,
                    "VESTIBULE_OIDC_TRUST_FILE", keycloakAddress.certificateFile().toString(),
                    "VESTIBULE_OIDC_PORTAL_GROUP", "vestibule-users"), () -> close(provider.get(), federated)));
            keycloak = KeycloakServer.start(keycloakAddress, Map.of(
                    "VESTIBULE_REALM_PORTAL_URL", portalUrl,
                    "VESTIBULE_REALM_PORTAL_CLIENT_SECRET", clientSecret,
                    "VESTIBULE_REALM_LDAP_URL", "ldap://localhost:" + directory.port(),
                    "VESTIBULE_REALM_LDAP_BIND_DN", directory.clientSettings().bindDn(),
                    "VESTIBULE_REALM_LDAP_BIND_CREDENTIAL", password,
                    "VESTIBULE_REALM_LDAP_USERS_DN", DemoDirectory.USERS_DN,
                    "VESTIBULE_REALM_LDAP_GROUPS_DN", DemoDirectory.GROUPS_DN), directoryCertificate);
            provider.set(keycloak);
            System.out.println("Keycloak started in " + keycloak.startUpTime().toSeconds() + " s (realm imported, federating the directory)");
            RSAKey published = publish(keycloak, "test-rsa-3072", 3072);
            RSAKey weak = publish(keycloak, "test-rsa-2048", 2048);
            VestibuleServer portal = started(portalStart);
            return new SsoParts(directory, password, keycloak, portal, published, weak);
        } catch (IOException | LDAPException e) {
            close(portalStart, keycloak, directory);
            throw new IllegalStateException("The single sign-on parts could not start", e);
        } catch (RuntimeException e) {
            close(portalStart, keycloak, directory);
            throw e;
        }
    }

    private static VestibuleServer started(CompletableFuture<VestibuleServer> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** After a failed start: the portal once its start has ended (closing it closes the others), else the others. */
    private static void close(CompletableFuture<VestibuleServer> portalStart, KeycloakServer keycloak, DemoDirectory directory) {
        VestibuleServer portal = portalStart == null ? null : portalStart.handle((started, failure) -> started).join();
        if (portal != null) {
            portal.close();
        } else {
            close(keycloak, directory);
        }
    }

    /** The password of every account of the federated directory (alice, bob, carol, dave). */
    public String password() {
        return password;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public VestibuleServer portal() {
        return portal;
    }

    /** An RSA-3072 key the realm publishes and the test holds: tokens it signs pass the signature check. */
    public RSAKey publishedTestKey() {
        return publishedTestKey;
    }

    /** An RSA-2048 key the realm publishes too, which the crypto policy refuses. */
    public RSAKey weakPublishedTestKey() {
        return weakPublishedTestKey;
    }

    /** The add-in's tokens for a person of the directory, obtained at Keycloak (as the issuer, or under another host name). */
    public KeycloakLogin.Tokens addInTokens(String username, URI realmUri) {
        return KeycloakLogin.signIn(keycloak, realmUri, ADDIN_CLIENT, URI.create(portal.baseUri() + "addin/signed-in.html"), username, password);
    }

    public KeycloakLogin.Tokens addInTokens(String username) {
        return addInTokens(username, keycloak.issuer());
    }

    /** In a browser on the portal's sign-in page: follows "Sign in with your organisation" and signs in on Keycloak's login page. */
    public void signInAtKeycloak(Page page, String username) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with your organisation")).click();
        page.waitForURL(keycloak.issuer() + "/**");
        page.locator("#username").fill(username);
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
    }

    /** Stops Keycloak (the outage test); everything else stays up. */
    public void stopKeycloak() {
        keycloak.stop();
    }

    @Override
    public void close() {
        portal.close();
    }

    private static void close(KeycloakServer keycloak, DemoDirectory directory) {
        if (keycloak != null) {
            keycloak.close();
        }
        if (directory != null) {
            directory.close();
        }
    }

    /** Adds an RSA key of the test to the realm's keys (priority below the ES256 key) and returns it with the kid Keycloak gave it. */
    private static RSAKey publish(KeycloakServer keycloak, String name, int bits) {
        KeyPair pair = TestCertificates.rsaKeys(bits);
        JsonObject realm = (JsonObject) keycloak.admin("");
        int status = keycloak.adminPost("/components", Json.createObjectBuilder()
                .add("name", name).add("providerId", "rsa").add("providerType", "org.keycloak.keys.KeyProvider")
                .add("parentId", realm.getString("id"))
                .add("config", Json.createObjectBuilder()
                        .add("priority", Json.createArrayBuilder().add("10"))
                        .add("enabled", Json.createArrayBuilder().add("true"))
                        .add("active", Json.createArrayBuilder().add("true"))
                        .add("algorithm", Json.createArrayBuilder().add("RS256"))
                        .add("privateKey", Json.createArrayBuilder().add(TestCertificates.privateKeyPem(pair.getPrivate()))))
                .build());
        if (status != 201) {
            throw new IllegalStateException("Keycloak refused the test key " + name + ": HTTP " + status);
        }
        String jwks = keycloak.send(HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/certs"))).body();
        BigInteger modulus = ((RSAPublicKey) pair.getPublic()).getModulus();
        try (var reader = Json.createReader(new StringReader(jwks))) {
            String kid = reader.readObject().getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                    .filter(key -> key.getString("kty").equals("RSA"))
                    .filter(key -> new Base64URL(key.getString("n")).decodeToBigInteger().equals(modulus))
                    .map(key -> key.getString("kid")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("Keycloak does not publish the test key " + name));
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate()).keyID(kid).build();
        }
    }
}
