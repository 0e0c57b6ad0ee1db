package io.vestibule.identity;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.SelfSignedCertificateIssuer;
import io.vestibule.guard.BreakInGuard;
import io.vestibule.guard.BreakInPolicy;
import io.vestibule.guard.InMemoryAttemptLedger;
import io.vestibule.guard.RecordingAlarms;
import io.vestibule.identity.SignInRefused.Reason;
import io.vestibule.identity.cert.CertificateLoginMode;
import io.vestibule.identity.cert.ClientCertificateRevocation;
import io.vestibule.identity.cert.RevocationFailureMode;
import io.vestibule.identity.cert.RevocationFetcher;
import io.vestibule.identity.demo.DemoDirectory;
import io.vestibule.identity.ldap.LdapDirectory;
import io.vestibule.identity.local.LocalAccount;
import io.vestibule.identity.local.LocalAccounts;
import io.vestibule.identity.local.LocalAccountsFixture;
import io.vestibule.identity.roles.AdministratorRolesFixture;
import io.vestibule.identity.roles.BuiltInRoles;
import io.vestibule.identity.roles.Role;
import io.vestibule.identity.roles.RoleMapping;
import io.vestibule.identity.session.InMemorySessionStore;
import io.vestibule.identity.session.SessionPolicy;
import io.vestibule.identity.session.Sessions;
import io.vestibule.identity.settings.AdminSettings;
import io.vestibule.identity.settings.AdminSettingsService;
import io.vestibule.identity.settings.AuthenticationSource;
import io.vestibule.platform.net.AddressRanges;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Administrator sign-in against a real directory (the demo directory: in-memory LDAP with StartTLS on loopback),
 * with the accounts, roles and mappings in memory.
 */
@Timeout(60)
class AdminSignInTest {
    private static final CryptoPolicy POLICY = CryptoPolicy.standard();
    private static final SecureRandom RANDOM = POLICY.newSecureRandom();
    private static final String DIRECTORY_PASSWORD = "Directory-Pass-1234";
    private static final String LOCAL_PASSWORD = "Local-Admin-Pass-1";

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final InMemoryAdministration.Accounts accountRepository = new InMemoryAdministration.Accounts();
    private final InMemoryAdministration.Roles roles = new InMemoryAdministration.Roles();
    private final InMemoryAdministration.Mappings mappings = new InMemoryAdministration.Mappings();
    private final LocalAccounts accounts = LocalAccountsFixture.create(accountRepository, roles, clock);
    private final InetAddress source = InetAddress.getLoopbackAddress();

    private DemoDirectory demo;
    private LdapDirectory directory;
    private AdminSettings settings;
    private AdminSignIn signIn;
    private Function<RevocationFailureMode, AdminSignIn> newSignIn;
    /** The administrators' CA, and its CRLs as the operator's CRL file gives them. */
    private final TestCertificates.Issued ca = TestCertificates.authority("CN=Admin CA");
    private final List<X509CRL> crls = new ArrayList<>();
    private LocalAccount admin;

    @BeforeEach
    void start() throws Exception {
        demo = DemoDirectory.start(0, Optional.of(DIRECTORY_PASSWORD),
                new SelfSignedCertificateIssuer(POLICY, RANDOM).issue("localhost", List.of("localhost", "127.0.0.1"), Instant.now()),
                POLICY, RANDOM);
        directory = LdapDirectory.connect(demo.clientSettings(), POLICY);
        mappings.save(new RoleMapping(UUID.randomUUID(), "admins", DemoDirectory.ADMINISTRATORS_GROUP_DN, Set.of(BuiltInRoles.READ_WRITE.id())));
        mappings.save(new RoleMapping(UUID.randomUUID(), "auditors", DemoDirectory.AUDITORS_GROUP_DN.toUpperCase(), Set.of(BuiltInRoles.AUDITOR.id())));
        admin = accounts.create("admin", Optional.of(LOCAL_PASSWORD.toCharArray()), Set.of(BuiltInRoles.READ_WRITE.id()), false, true);
        settings = new AdminSettings(AuthenticationSource.LDAP_AND_LOCAL, CertificateLoginMode.NOT_REQUIRED, "Authorised use only", 5);

        DirectoryService directories = new DirectoryService() {
            @Override
            public Optional<LdapDirectory> directory() {
                return Optional.of(directory);
            }

            @Override
            public String issuer() {
                return "ldap:test";
            }
        };
        AdminSettingsService adminSettings = new AdminSettingsService() {
            @Override
            public AdminSettings current() {
                return settings;
            }
        };
        crls.add(TestCertificates.crl(ca, clock.instant(), clock.instant().plus(Duration.ofDays(7))));
        newSignIn = mode -> new AdminSignIn(directories, accounts, adminSettings, AdministratorRolesFixture.create(roles, mappings, accountRepository),
                new BreakInGuard(new InMemoryAttemptLedger(), BreakInPolicy.defaults(), AddressRanges.none(), new RecordingAlarms(), clock),
                new Sessions<>(new InMemorySessionStore<>(),
                        () -> new SessionPolicy(Duration.ofMinutes(5), Duration.ofHours(12), 10, 100, SessionPolicy.WhenFull.REFUSE),
                        POLICY, RANDOM, clock),
                new ClientCertificateRevocation(List.of(ca.certificate()), List::of, () -> crls,
                        new RevocationFetcher(Duration.ofSeconds(1), Duration.ofSeconds(2)), POLICY, mode, clock));
        signIn = newSignIn.apply(RevocationFailureMode.FAIL_CLOSED);
    }

    @AfterEach
    void stop() {
        directory.close();
        demo.close();
    }

    @Test
    void aDirectoryAdministratorGetsTheRolesOfTheirGroupsMappings() throws Exception {
        AdminSignIn.SignedIn dave = signIn.signIn("dave", DIRECTORY_PASSWORD.toCharArray(), source);
        assertThat(dave.principal().source()).isEqualTo(AdminPrincipal.Source.DIRECTORY);
        assertThat(dave.roles()).extracting(Role::name).containsExactly("Read-write");

        AdminSignIn.SignedIn carol = signIn.signIn("carol", DIRECTORY_PASSWORD.toCharArray(), source);
        assertThat(carol.roles()).as("DNs compare as LDAP compares them, not as text").extracting(Role::name).containsExactly("Auditor");
        assertThat(carol.session().token()).isNotEqualTo(dave.session().token());
    }

    @Test
    void aDirectoryAccountWithoutAMappedGroupIsNotAnAdministrator() {
        assertRefused(() -> signIn.signIn("alice", DIRECTORY_PASSWORD.toCharArray(), source), Reason.NOT_PERMITTED);
    }

    @Test
    void wrongPasswordsAreInvalidCredentialsLocallyAndInTheDirectory() {
        assertRefused(() -> signIn.signIn("dave", "Wrong-Pass-12345".toCharArray(), source), Reason.INVALID_CREDENTIALS);
        assertRefused(() -> signIn.signIn("admin", "Wrong-Pass-12345".toCharArray(), source), Reason.INVALID_CREDENTIALS);
        assertRefused(() -> signIn.signIn("nobody", "Wrong-Pass-12345".toCharArray(), source), Reason.INVALID_CREDENTIALS);
        assertRefused(() -> signIn.signIn("*)(sAMAccountName=*", DIRECTORY_PASSWORD.toCharArray(), source), Reason.INVALID_CREDENTIALS);
    }

    @Test
    void aLocalAccountIsCheckedLocallyEvenWhenTheDirectoryHasTheSameName() throws Exception {
        accounts.create("dave", Optional.of("Local-Dave-Pass-1".toCharArray()), Set.of(BuiltInRoles.READ_ONLY.id()), false, true);
        AdminSignIn.SignedIn local = signIn.signIn("dave", "Local-Dave-Pass-1".toCharArray(), source);
        assertThat(local.principal().source()).isEqualTo(AdminPrincipal.Source.LOCAL);
        assertThat(local.roles()).extracting(Role::name).containsExactly("Read-only");
        assertRefused(() -> signIn.signIn("dave", DIRECTORY_PASSWORD.toCharArray(), source), Reason.INVALID_CREDENTIALS);
    }

    @Test
    void withTheDirectoryStoppedLdapAndLocalStillLetsTheLocalAdministratorIn() throws Exception {
        demo.close();
        assertThat(directory.reachable()).isFalse();
        assertThat(signIn.signIn("admin", LOCAL_PASSWORD.toCharArray(), source).principal().localAccountId()).contains(admin.id());
        assertRefused(() -> signIn.signIn("dave", DIRECTORY_PASSWORD.toCharArray(), source), Reason.DIRECTORY_UNAVAILABLE);
    }

    @Test
    void withTheDirectoryStoppedLdapOnlyRefusesClearly() {
        settings = new AdminSettings(AuthenticationSource.LDAP, CertificateLoginMode.NOT_REQUIRED, "Authorised use only", 5);
        demo.close();
        assertRefused(() -> signIn.signIn("admin", LOCAL_PASSWORD.toCharArray(), source), Reason.DIRECTORY_UNAVAILABLE);
    }

    @Test
    void localOnlyNeverAsksTheDirectory() throws Exception {
        settings = new AdminSettings(AuthenticationSource.LOCAL, CertificateLoginMode.NOT_REQUIRED, "Authorised use only", 5);
        assertRefused(() -> signIn.signIn("dave", DIRECTORY_PASSWORD.toCharArray(), source), Reason.INVALID_CREDENTIALS);
        assertThat(signIn.signIn("admin", LOCAL_PASSWORD.toCharArray(), source).roles()).extracting(Role::name).containsExactly("Read-write");
    }

    @Test
    void anExpiredPasswordOnlyServesToChooseANewOne() throws Exception {
        clock.advance(Duration.ofDays(60));
        assertRefused(() -> signIn.signIn("admin", LOCAL_PASSWORD.toCharArray(), source), Reason.PASSWORD_EXPIRED);
        accounts.changePassword(admin.id(), LOCAL_PASSWORD.toCharArray(), "Brand-New-Pass-99".toCharArray());
        assertThat(signIn.signIn("admin", "Brand-New-Pass-99".toCharArray(), source).principal().username()).isEqualTo("admin");
    }

    @Test
    void aPasswordChosenByAnotherAdministratorMustBeChangedFirst() throws Exception {
        LocalAccount created = accounts.create("operator", Optional.of("Given-By-Admin-1".toCharArray()), Set.of(BuiltInRoles.READ_ONLY.id()), false, false);
        assertRefused(() -> signIn.signIn("operator", "Given-By-Admin-1".toCharArray(), source), Reason.PASSWORD_EXPIRED);
        accounts.changePassword(created.id(), "Given-By-Admin-1".toCharArray(), "Chosen-By-Me-1234".toCharArray());
        assertThat(signIn.signIn("operator", "Chosen-By-Me-1234".toCharArray(), source).roles()).extracting(Role::name).containsExactly("Read-only");
    }

    @Test
    void failedPasswordsBlockTheAccountEvenForTheRightPassword() {
        for (int i = 0; i < BreakInPolicy.DEFAULT_ACCOUNT.threshold(); i++) {
            assertRefused(() -> signIn.signIn("admin", "Wrong-Pass-12345".toCharArray(), source), Reason.INVALID_CREDENTIALS);
        }
        assertRefused(() -> signIn.signIn("admin", "Wrong-Pass-12345".toCharArray(), source), Reason.INVALID_CREDENTIALS);
        assertRefused(() -> signIn.signIn("admin", LOCAL_PASSWORD.toCharArray(), source), Reason.BLOCKED);
    }

    @Test
    void theEleventhSessionOfAnAdministratorIsRefused() throws Exception {
        for (int i = 0; i < 10; i++) {
            signIn.signIn("admin", LOCAL_PASSWORD.toCharArray(), source);
        }
        assertRefused(() -> signIn.signIn("admin", LOCAL_PASSWORD.toCharArray(), source), Reason.SESSION_LIMIT);
        assertThat(signIn.signIn("dave", DIRECTORY_PASSWORD.toCharArray(), source)).as("another administrator").isNotNull();
    }

    @Test
    void whenCertificatesAreRequiredNoPasswordIsAccepted() {
        settings = new AdminSettings(AuthenticationSource.LDAP_AND_LOCAL, CertificateLoginMode.SUBJECT_CN, "Authorised use only", 5);
        assertRefused(() -> signIn.signIn("admin", LOCAL_PASSWORD.toCharArray(), source), Reason.CERTIFICATE_REQUIRED);
    }

    @Test
    void certificatesNameLocalAndDirectoryAdministratorsByCommonName() throws Exception {
        settings = new AdminSettings(AuthenticationSource.LDAP_AND_LOCAL, CertificateLoginMode.SUBJECT_CN, "Authorised use only", 5);
        var local = signIn.signInWithCertificate(List.of(TestCertificates.administrator(ca, "admin", Optional.empty()).certificate()), source);
        assertThat(local.principal().localAccountId()).contains(admin.id());
        var dave = signIn.signInWithCertificate(List.of(TestCertificates.administrator(ca, "dave", Optional.empty()).certificate()), source);
        assertThat(dave.principal().source()).isEqualTo(AdminPrincipal.Source.DIRECTORY);
        assertThat(dave.roles()).extracting(Role::name).containsExactly("Read-write");
        assertRefused(() -> signIn.signInWithCertificate(List.of(TestCertificates.administrator(ca, "mallory", Optional.empty()).certificate()), source),
                Reason.CERTIFICATE_UNKNOWN);
        assertRefused(() -> signIn.signInWithCertificate(List.of(), source), Reason.CERTIFICATE_MISSING);
    }

    @Test
    void inUpnModeTheCommonNameIsIgnored() throws Exception {
        settings = new AdminSettings(AuthenticationSource.LDAP_AND_LOCAL, CertificateLoginMode.SUBJECT_ALT_NAME_UPN, "Authorised use only", 5);
        var dave = signIn.signInWithCertificate(List.of(
                TestCertificates.administrator(ca, "someone else", Optional.of("dave@demo.vestibule.local")).certificate()), source);
        assertThat(dave.principal().username()).isEqualTo("dave");
        assertRefused(() -> signIn.signInWithCertificate(List.of(TestCertificates.administrator(ca, "dave", Optional.empty()).certificate()), source),
                Reason.CERTIFICATE_UNKNOWN);
        assertRefused(() -> signIn.signInWithCertificate(List.of(
                TestCertificates.administrator(ca, "dave", Optional.of("mallory@demo.vestibule.local")).certificate()), source), Reason.CERTIFICATE_UNKNOWN);
    }

    @Test
    void theLastResortAccountSignsInOnlyWithItsCertificate() throws Exception {
        LocalAccount lastResort = accounts.create("lastresort", Optional.empty(), Set.of(BuiltInRoles.READ_WRITE.id()), true, false);
        demo.close();
        var signedIn = signIn.signInWithCertificate(List.of(TestCertificates.administrator(ca, "lastresort", Optional.empty()).certificate()), source);
        assertThat(signedIn.principal().localAccountId()).contains(lastResort.id());
        assertRefused(() -> signIn.signIn("lastresort", "".toCharArray(), source), Reason.INVALID_CREDENTIALS);
        assertRefused(() -> signIn.signInWithCertificate(List.of(TestCertificates.administrator(ca, "admin", Optional.empty()).certificate()), source),
                Reason.CERTIFICATE_UNKNOWN);
    }

    @Test
    void aRevokedCertificateIsRefusedWithoutLockingTheAccountItNames() throws Exception {
        settings = new AdminSettings(AuthenticationSource.LDAP_AND_LOCAL, CertificateLoginMode.SUBJECT_CN, "Authorised use only", 5);
        TestCertificates.Issued stolen = TestCertificates.administrator(ca, "admin", Optional.empty());
        crls.set(0, TestCertificates.crl(ca, clock.instant(), clock.instant().plus(Duration.ofDays(7)), stolen.certificate().getSerialNumber()));

        for (int attempt = 0; attempt < 12; attempt++) {
            assertThatExceptionOfType(SignInRefused.class).isThrownBy(() -> signIn.signInWithCertificate(List.of(stolen.certificate()), source))
                    .satisfies(refused -> {
                        assertThat(refused.reason()).isEqualTo(Reason.CERTIFICATE_REVOKED);
                        assertThat(refused.detail()).contains("the CRL file").contains(stolen.certificate().getSerialNumber().toString(16));
                    });
        }
        var renewed = signIn.signInWithCertificate(List.of(TestCertificates.administrator(ca, "admin", Optional.empty()).certificate()), source);
        assertThat(renewed.principal().localAccountId()).contains(admin.id());
        assertThat(renewed.revocationUnknown()).isEmpty();
    }

    @Test
    void unknownRevocationIsRefusedUnlessSoftFailAdmitsItAndSaysSo() throws Exception {
        settings = new AdminSettings(AuthenticationSource.LDAP_AND_LOCAL, CertificateLoginMode.SUBJECT_CN, "Authorised use only", 5);
        crls.clear();
        X509Certificate certificate = TestCertificates.administrator(ca, "admin", Optional.empty()).certificate();

        assertRefused(() -> signIn.signInWithCertificate(List.of(certificate), source), Reason.CERTIFICATE_REVOCATION_UNKNOWN);
        var admitted = newSignIn.apply(RevocationFailureMode.SOFT_FAIL).signInWithCertificate(List.of(certificate), source);
        assertThat(admitted.principal().localAccountId()).contains(admin.id());
        assertThat(admitted.revocationUnknown()).hasValueSatisfying(why -> assertThat(why).contains("no CRL distribution point"));
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static void assertRefused(Attempt attempt, Reason reason) {
        assertThatExceptionOfType(SignInRefused.class).isThrownBy(attempt::run)
                .satisfies(refused -> assertThat(refused.reason()).isEqualTo(reason));
    }
}
