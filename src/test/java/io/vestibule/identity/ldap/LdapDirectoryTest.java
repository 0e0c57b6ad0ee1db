package io.vestibule.identity.ldap;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.OperationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.identity.demo.DemoDirectory;
import io.vestibule.identity.ldap.DirectorySignInRefused.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Against real in-memory LDAP servers that speak StartTLS on the loopback interface. */
@Timeout(60)
class LdapDirectoryTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final SecureRandom RANDOM = POLICY.newSecureRandom();
    private static final String PASSWORD = "Test-Pass-1234";

    private static DemoDirectory demo;
    private static LdapDirectory directory;

    private static InMemoryDirectoryServer nestedServer;
    private static LdapDirectory nestedDirectory;

    private static TlsIdentity identity(String... hosts) {
        return new SelfSignedCertificateIssuer(POLICY, RANDOM).issue(hosts[0], List.of(hosts), Instant.now());
    }

    @BeforeAll
    static void startDirectories() throws Exception {
        demo = DemoDirectory.start(0, Optional.of(PASSWORD), identity("localhost", "127.0.0.1"), POLICY, RANDOM);
        directory = LdapDirectory.connect(demo.clientSettings(), POLICY);
        startNestedGroupDirectory();
    }

    @AfterAll
    static void stopDirectories() {
        if (directory != null) {
            directory.close();
        }
        if (demo != null) {
            demo.close();
        }
        if (nestedDirectory != null) {
            nestedDirectory.close();
        }
        if (nestedServer != null) {
            nestedServer.shutDown(true);
        }
    }

    private static DirectorySettings demoSettingsWith(URI url, List<X509Certificate> anchors) {
        DirectorySettings settings = demo.clientSettings();
        return new DirectorySettings(url, settings.transport(), false, settings.bindDn(), settings.bindPassword(),
                settings.userBaseDn(), settings.userNameAttribute(), settings.userObjectClass(), anchors,
                settings.portalGroupDn(), 2000, 3000);
    }

    @Test
    void theDemoDirectoryListensOnAFreePort() {
        assertThat(demo.port()).isPositive();
        assertThat(demo.clientSettings().port()).isEqualTo(demo.port());
        assertThat(demo.clientSettings().transport()).isEqualTo(DirectorySettings.Transport.START_TLS);
    }

    @Test
    void theDirectoryIsReachable() {
        assertThat(directory.reachable()).isTrue();
    }

    @Test
    void aliceSignsInWithHerPassword() throws Exception {
        DirectoryUser alice = directory.authenticate("alice", PASSWORD.toCharArray());
        assertThat(alice.username()).isEqualTo("alice");
        assertThat(alice.displayName()).isEqualTo("Alice Martin");
        assertThat(alice.email()).isEqualTo("alice@demo.vestibule.local");
        assertThat(alice.stableId()).startsWith("guid:").matches("guid:[0-9a-f]{32}");
        assertThat(alice.dn()).isEqualToIgnoringCase("CN=Alice Martin," + DemoDirectory.USERS_DN);
        assertThat(alice.groupDns()).contains(DemoDirectory.PORTAL_GROUP_DN);
        assertThat(alice.memberOf(DemoDirectory.PORTAL_GROUP_DN.toLowerCase())).isTrue();
        assertThat(alice.memberOf("CN=vestibule-admins," + DemoDirectory.GROUPS_DN)).isFalse();
    }

    @Test
    void theStableIdDoesNotChangeBetweenSignIns() throws Exception {
        String first = directory.authenticate("alice", PASSWORD.toCharArray()).stableId();
        String second = directory.authenticate("alice", PASSWORD.toCharArray()).stableId();
        String bob = directory.authenticate("bob", PASSWORD.toCharArray()).stableId();
        assertThat(second).isEqualTo(first);
        assertThat(bob).isNotEqualTo(first);
    }

    @Test
    void aWrongPasswordIsInvalidCredentials() {
        assertRefused("alice", "Test-Pass-1235", Reason.INVALID_CREDENTIALS);
        assertRefused("alice", PASSWORD.toLowerCase(), Reason.INVALID_CREDENTIALS);
    }

    @Test
    void anotherUsersPasswordIsInvalidCredentials() throws Exception {
        // With the fixed password every demo account shares it; a directory of random passwords tells them apart.
        try (DemoDirectory randomPasswords = DemoDirectory.start(0, Optional.empty(), identity("localhost", "127.0.0.1"), POLICY, RANDOM);
             LdapDirectory client = LdapDirectory.connect(randomPasswords.clientSettings(), POLICY)) {
            String bobsPassword = randomPasswords.accounts().stream().filter(account -> account.username().equals("bob"))
                    .findFirst().orElseThrow().password();
            assertThat(client.authenticate("bob", bobsPassword.toCharArray()).username()).isEqualTo("bob");
            assertThatExceptionOfType(DirectorySignInRefused.class)
                    .isThrownBy(() -> client.authenticate("alice", bobsPassword.toCharArray()))
                    .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
            assertThatExceptionOfType(DirectorySignInRefused.class)
                    .isThrownBy(() -> client.authenticate("alice", randomPasswords.clientSettings().bindPassword()))
                    .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
        }
    }

    @Test
    void withTheFixedPasswordTheServiceAccountSharesIt() {
        // A federating Keycloak (deploy/keycloak-demo.sh) binds as the service account with VESTIBULE_DEMO_PASSWORD.
        assertThat(new String(demo.clientSettings().bindPassword())).isEqualTo(PASSWORD);
    }

    @Test
    void anUnknownUserIsInvalidCredentials() {
        assertRefused("mallory", PASSWORD, Reason.INVALID_CREDENTIALS);
    }

    @Test
    void anEmptyPasswordIsInvalidCredentialsNeverAnAnonymousBind() {
        assertRefused("alice", "", Reason.INVALID_CREDENTIALS);
        assertThatExceptionOfType(DirectorySignInRefused.class).isThrownBy(() -> directory.authenticate("alice", null))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*", "*)(sAMAccountName=*", "alice)(|(sAMAccountName=*", "al*", "*)(objectClass=*",
            "alice\u0000", "\\2a"})
    void injectionsAndEmptyNamesAreInvalidCredentials(String username) {
        assertRefused(username, PASSWORD, Reason.INVALID_CREDENTIALS);
    }

    @Test
    void nullUserNameIsInvalidCredentials() {
        assertThatExceptionOfType(DirectorySignInRefused.class)
                .isThrownBy(() -> directory.authenticate(null, PASSWORD.toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
    }

    @Test
    void theServiceAccountIsNotAPortalUser() {
        // It lives outside the user base; its own name must not sign in.
        assertRefused("vestibule-svc", new String(demo.clientSettings().bindPassword()), Reason.INVALID_CREDENTIALS);
    }

    @Test
    void aServerWhoseCertificateIsNotTrustedIsUnavailable() throws Exception {
        X509Certificate stranger = identity("localhost", "127.0.0.1").leaf();
        DirectorySettings distrustful = demoSettingsWith(demo.clientSettings().url(), List.of(stranger));
        RecordedContact contact = new RecordedContact();
        try (LdapDirectory untrusted = LdapDirectory.connect(distrustful, POLICY, contact)) {
            assertThat(untrusted.reachable()).isFalse();
            assertThatExceptionOfType(DirectorySignInRefused.class)
                    .isThrownBy(() -> untrusted.authenticate("alice", PASSWORD.toCharArray()))
                    .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.DIRECTORY_UNAVAILABLE));
        }
        assertThat(contact.unreachable).containsExactly("ldap://localhost:" + demo.port(), "ldap://localhost:" + demo.port());
        assertThat(contact.reached).isEmpty();
    }

    @Test
    void aServerWhoseCertificateNamesAnotherHostIsUnavailable() throws Exception {
        TlsIdentity elsewhere = identity("ldap.example.org");
        try (DemoDirectory misnamed = DemoDirectory.start(0, Optional.of(PASSWORD), elsewhere, POLICY, RANDOM);
             LdapDirectory client = LdapDirectory.connect(misnamed.clientSettings(), POLICY)) {
            assertThat(misnamed.clientSettings().trustAnchors()).containsExactly(elsewhere.leaf());
            assertThat(client.reachable()).isFalse();
            assertThatExceptionOfType(DirectorySignInRefused.class)
                    .isThrownBy(() -> client.authenticate("alice", PASSWORD.toCharArray()))
                    .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.DIRECTORY_UNAVAILABLE));
        }
    }

    @Test
    void aDirectoryThatIsDownIsUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DirectorySettings down = demoSettingsWith(URI.create("ldap://localhost:" + closedPort), demo.clientSettings().trustAnchors());
        RecordedContact contact = new RecordedContact();
        try (LdapDirectory client = LdapDirectory.connect(down, POLICY, contact)) {
            assertThat(client.reachable()).isFalse();
            assertThatExceptionOfType(DirectorySignInRefused.class)
                    .isThrownBy(() -> client.authenticate("alice", PASSWORD.toCharArray()))
                    .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.DIRECTORY_UNAVAILABLE));
        }
        assertThat(contact.unreachable).hasSize(2).allMatch(("ldap://localhost:" + closedPort)::equals);
        assertThat(contact.reached).isEmpty();
    }

    @Test
    void aWrongServiceAccountPasswordMakesTheDirectoryUnavailableNotTheUsersFault() throws Exception {
        DirectorySettings settings = demo.clientSettings();
        DirectorySettings wrongBind = new DirectorySettings(settings.url(), settings.transport(), false, settings.bindDn(),
                "not-the-service-password".toCharArray(), settings.userBaseDn(), settings.userNameAttribute(),
                settings.userObjectClass(), settings.trustAnchors(), settings.portalGroupDn(), 2000, 3000);
        RecordedContact contact = new RecordedContact();
        try (LdapDirectory client = LdapDirectory.connect(wrongBind, POLICY, contact)) {
            assertThat(client.reachable()).isFalse();
            assertThatExceptionOfType(DirectorySignInRefused.class)
                    .isThrownBy(() -> client.authenticate("alice", PASSWORD.toCharArray()))
                    .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.DIRECTORY_UNAVAILABLE));
        }
        assertThat(contact.unreachable).as("a refused password is an answer: the server was reached").isEmpty();
        assertThat(contact.reached).isNotEmpty();
    }

    @Test
    void signInsAndReadinessChecksReportTheDirectoryReachedAWrongPasswordIncluded() throws Exception {
        RecordedContact contact = new RecordedContact();
        try (LdapDirectory client = LdapDirectory.connect(demo.clientSettings(), POLICY, contact)) {
            assertThat(client.reachable()).isTrue();
            client.authenticate("alice", PASSWORD.toCharArray());
            assertThatExceptionOfType(DirectorySignInRefused.class)
                    .isThrownBy(() -> client.authenticate("alice", "wrong-password".toCharArray()))
                    .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
        }
        assertThat(contact.unreachable).isEmpty();
        assertThat(contact.reached).hasSizeGreaterThanOrEqualTo(3).allMatch(("ldap://localhost:" + demo.port())::equals);
    }

    @Test
    void theAddressAnAlarmNamesCarriesNoCredentialsPathOrQuery() {
        DirectorySettings withUserInfo = demoSettingsWith(URI.create("LDAP://svc:secret@Directory.example.org/dc=example?x=y"), List.of());
        assertThat(DirectoryContact.address(withUserInfo)).isEqualTo("ldap://Directory.example.org:389");
    }

    /** What a directory told its contact, in order. */
    private static final class RecordedContact implements DirectoryContact {
        final List<String> unreachable = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> reached = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void unreachable(String directory, String why) {
            unreachable.add(directory);
        }

        @Override
        public void reached(String directory) {
            reached.add(directory);
        }
    }

    private static void assertRefused(String username, String password, Reason reason) {
        assertThatExceptionOfType(DirectorySignInRefused.class)
                .isThrownBy(() -> directory.authenticate(username, password.toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(reason));
    }

    // ---- nested groups ------------------------------------------------------------------------

    private static final String BASE = "dc=nested,dc=test";
    private static final String SERVICE = "cn=svc," + BASE;
    private static final String GROUP_A = "cn=A,ou=groups," + BASE;
    private static final String GROUP_B = "cn=B,ou=groups," + BASE;
    private static final String GROUP_C = "cn=C,ou=groups," + BASE;
    private static final String GROUP_D = "cn=D,ou=groups," + BASE;
    private static final String USER = "uid=u,ou=users," + BASE;

    /**
     * A directory where u is in A, A is in B and C, B is in A again (a cycle), C is in D, and D names a group that
     * does not exist. Served with StartTLS as the demo directory is.
     */
    private static void startNestedGroupDirectory() throws Exception {
        TlsIdentity tls = identity("localhost", "127.0.0.1");
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap-starttls",
                InetAddress.getLoopbackAddress(), 0, serverTls(tls).getSocketFactory()));
        config.setAllowedOperationTypes(OperationType.BIND, OperationType.SEARCH, OperationType.COMPARE, OperationType.EXTENDED);
        config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH, OperationType.COMPARE);
        nestedServer = new InMemoryDirectoryServer(config);
        nestedServer.add(new Entry(BASE, List.of(new Attribute("objectClass", "top", "domain"), new Attribute("dc", "nested"))));
        for (String unit : List.of("users", "groups")) {
            nestedServer.add(new Entry("ou=" + unit + "," + BASE,
                    List.of(new Attribute("objectClass", "top", "organizationalUnit"), new Attribute("ou", unit))));
        }
        nestedServer.add(new Entry(SERVICE, List.of(new Attribute("objectClass", "top", "person"),
                new Attribute("cn", "svc"), new Attribute("userPassword", "Service-Pass-1"))));
        nestedServer.add(group(GROUP_A, GROUP_B, GROUP_C));
        nestedServer.add(group(GROUP_B, GROUP_A));
        nestedServer.add(group(GROUP_C, GROUP_D));
        nestedServer.add(group(GROUP_D, "cn=gone,ou=groups," + BASE));
        nestedServer.add(new Entry(USER, List.of(
                new Attribute("objectClass", "top", "person", "inetOrgPerson"),
                new Attribute("uid", "u"), new Attribute("cn", "U Ser"), new Attribute("sn", "Ser"),
                new Attribute("mail", "u@nested.test"),
                new Attribute("memberOf", GROUP_A),
                new Attribute("userPassword", "User-Pass-1"))));
        nestedServer.startListening();

        nestedDirectory = LdapDirectory.connect(new DirectorySettings(
                URI.create("ldap://localhost:" + nestedServer.getListenPort()), DirectorySettings.Transport.START_TLS,
                false, SERVICE, "Service-Pass-1".toCharArray(), "ou=users," + BASE, "uid", "inetOrgPerson",
                List.of(tls.leaf()), Optional.empty(), 2000, 3000), POLICY);
    }

    private static Entry group(String dn, String... memberOf) {
        String cn = dn.substring(3, dn.indexOf(','));
        return new Entry(dn, List.of(new Attribute("objectClass", "top", "groupOfNames"), new Attribute("cn", cn),
                new Attribute("memberOf", memberOf)));
    }

    private static SSLContext serverTls(TlsIdentity tls) throws Exception {
        char[] password = "in-memory".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", tls.privateKey(), password, tls.chain().toArray(new Certificate[0]));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void nestedGroupsAreFollowedThroughCyclesAndMissingGroups() throws Exception {
        DirectoryUser user = nestedDirectory.authenticate("u", "User-Pass-1".toCharArray());
        assertThat(user.groupDns()).containsExactlyInAnyOrder(GROUP_A, GROUP_B, GROUP_C, GROUP_D,
                "cn=gone,ou=groups," + BASE);
        assertThat(user.memberOf(GROUP_D)).isTrue();
    }

    @Test
    void withoutObjectGuidTheStableIdIsTheEntryUuid() throws Exception {
        DirectoryUser user = nestedDirectory.authenticate("u", "User-Pass-1".toCharArray());
        assertThat(user.stableId()).matches("uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(user.displayName()).isEqualTo("U Ser");
        assertThat(user.email()).isEqualTo("u@nested.test");
    }

    @Test
    void theNestedDirectoryRefusesAWrongPasswordToo() {
        assertThatExceptionOfType(DirectorySignInRefused.class)
                .isThrownBy(() -> nestedDirectory.authenticate("u", "User-Pass-2".toCharArray()))
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(Reason.INVALID_CREDENTIALS));
    }
}
