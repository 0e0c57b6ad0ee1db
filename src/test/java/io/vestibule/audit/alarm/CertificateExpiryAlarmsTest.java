package io.vestibule.audit.alarm;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vestibule.testing.TestAlarms;
import io.vestibule.testing.TestCertificates;
import io.vestibule.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateExpiryAlarmsTest {
    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    private static final KeyPair KEYS = TestCertificates.ecKeys();
    private static final String LISTENERS = "the portal and admin listeners";

    private final TestClock clock = new TestClock(NOW);
    private final Alarms alarms = TestAlarms.over(clock);
    private final CertificateExpiryAlarms expiry = new CertificateExpiryAlarms(alarms, clock);

    /** Valid from a year ago until {@code left} from now. */
    private static X509Certificate expiringIn(String subject, Duration left) {
        Instant notBefore = NOW.minus(Duration.ofDays(365));
        return TestCertificates.selfSigned(subject, KEYS, "SHA256withECDSA", notBefore, Duration.between(notBefore, NOW.plus(left)));
    }

    private static List<WatchedCertificate> listeners(X509Certificate certificate) {
        return List.of(new WatchedCertificate(LISTENERS, certificate));
    }

    @Test
    void aCertificateFarFromExpiryRaisesNothing() {
        expiry.check(listeners(expiringIn("CN=vestibule.example.org", Duration.ofDays(31))));

        assertThat(alarms.recent()).isEmpty();
    }

    @Test
    void within30DaysTheAlarmNamesTheCertificateItsSubjectAndNotAfter() {
        X509Certificate certificate = expiringIn("CN=vestibule.example.org", Duration.ofDays(29).plusHours(1));

        expiry.check(listeners(certificate));

        assertThat(alarms.active()).singleElement().satisfies(alarm -> {
            assertThat(alarm.type()).isEqualTo("certificate_expiry");
            assertThat(alarm.subject()).startsWith(LISTENERS + ": CN=vestibule.example.org");
            assertThat(alarm.detail()).contains(LISTENERS, "CN=vestibule.example.org", certificate.getNotAfter().toInstant().toString(),
                    "in 29 days");
        });
    }

    @Test
    void theAlarmGrowsMoreUrgentAt7DaysThenAtExpiryOneActiveAtATime() {
        List<WatchedCertificate> inUse = listeners(expiringIn("CN=vestibule.example.org", Duration.ofDays(20)));
        expiry.check(inUse);
        clock.advance(Duration.ofDays(1));
        expiry.check(inUse);
        assertThat(alarms.recent()).as("checked again at the same urgency: nothing new").hasSize(1);

        clock.advance(Duration.ofDays(12));
        expiry.check(inUse);
        assertThat(alarms.active()).singleElement().satisfies(alarm -> {
            assertThat(alarm.type()).isEqualTo("certificate_expiry_imminent");
            assertThat(alarm.detail()).contains("in 7 days");
        });

        clock.advance(Duration.ofDays(7));
        expiry.check(inUse);
        assertThat(alarms.active()).singleElement().satisfies(alarm -> {
            assertThat(alarm.type()).isEqualTo("certificate_expired");
            assertThat(alarm.detail()).contains("expired on");
        });
        assertThat(alarms.recent()).extracting(Alarm::type)
                .containsExactly("certificate_expired", "certificate_expiry_imminent", "certificate_expiry");
    }

    @Test
    void eachCheckSaysWhenTheNextCertificateCrossesAThreshold() {
        X509Certificate later = expiringIn("CN=vestibule.example.org", Duration.ofDays(90));
        X509Certificate sooner = expiringIn("CN=Directory CA", Duration.ofDays(10));
        Instant soonerEnd = sooner.getNotAfter().toInstant();

        assertThat(expiry.check(List.of(new WatchedCertificate(LISTENERS, later), new WatchedCertificate("VESTIBULE_LDAP_TRUST_FILE", sooner))))
                .as("7 days before the directory CA's end").contains(soonerEnd.minus(Duration.ofDays(7)));
        clock.set(soonerEnd.minusSeconds(60));
        assertThat(expiry.check(List.of(new WatchedCertificate(LISTENERS, later), new WatchedCertificate("VESTIBULE_LDAP_TRUST_FILE", sooner))))
                .contains(soonerEnd);
        clock.set(soonerEnd);
        assertThat(expiry.check(List.of(new WatchedCertificate(LISTENERS, later))))
                .contains(later.getNotAfter().toInstant().minus(Duration.ofDays(30)));
    }

    @Test
    void aReplacedCertificateClearsTheAlarm() {
        expiry.check(listeners(expiringIn("CN=vestibule.example.org", Duration.ofDays(5))));

        expiry.check(listeners(expiringIn("CN=vestibule.example.org", Duration.ofDays(365))));

        assertThat(alarms.recent()).hasSize(1);
        assertThat(alarms.active()).isEmpty();
    }

    @Test
    void aCertificateNoLongerUsedClearsItsAlarmAndOthersKeepTheirs() {
        WatchedCertificate oldCa = new WatchedCertificate("VESTIBULE_LDAP_TRUST_FILE", expiringIn("CN=Old CA", Duration.ofDays(10)));
        WatchedCertificate syslogCa = new WatchedCertificate("VESTIBULE_SYSLOG_CA_FILE", expiringIn("CN=Syslog CA", Duration.ofDays(10)));
        expiry.check(List.of(oldCa, syslogCa));
        assertThat(alarms.active()).hasSize(2);

        expiry.check(List.of(syslogCa));

        assertThat(alarms.active()).singleElement().satisfies(alarm -> assertThat(alarm.subject()).startsWith("VESTIBULE_SYSLOG_CA_FILE: CN=Syslog CA"));
    }

    @Test
    void twoCertificatesWithOneSubjectEachHaveAnAlarm() {
        expiry.check(List.of(new WatchedCertificate("VESTIBULE_ADMIN_CLIENT_CA_FILE", expiringIn("CN=Admin CA", Duration.ofDays(3))),
                new WatchedCertificate("VESTIBULE_ADMIN_CLIENT_CA_FILE", expiringIn("CN=Admin CA", Duration.ofDays(25)))));

        assertThat(alarms.active()).extracting(Alarm::type).containsExactlyInAnyOrder("certificate_expiry_imminent", "certificate_expiry");
    }

    @Test
    void afterARestartTheAlarmOfTheSameCertificateIsKeptAndThatOfAReplacedOneCleared() {
        X509Certificate expiring = expiringIn("CN=vestibule.example.org", Duration.ofDays(10));
        WatchedCertificate caFile = new WatchedCertificate("VESTIBULE_OIDC_TRUST_FILE", expiringIn("CN=IdP CA", Duration.ofDays(10)));
        expiry.check(List.of(new WatchedCertificate(LISTENERS, expiring), caFile));
        Alarm caAlarm = alarms.active().stream().filter(alarm -> alarm.subject().startsWith("VESTIBULE_OIDC")).findFirst().orElseThrow();

        CertificateExpiryAlarms restarted = new CertificateExpiryAlarms(alarms, clock);
        clock.advance(Duration.ofHours(1));
        restarted.check(List.of(new WatchedCertificate(LISTENERS, expiringIn("CN=vestibule.example.org", Duration.ofDays(90))), caFile));

        assertThat(alarms.active()).containsExactly(caAlarm);
        assertThat(alarms.recent()).hasSize(2);
    }
}
