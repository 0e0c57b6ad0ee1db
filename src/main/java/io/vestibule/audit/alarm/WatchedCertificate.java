package io.vestibule.audit.alarm;

import java.security.cert.X509Certificate;

/** A certificate the service uses, and what for ("portal and admin listeners", a trust file's setting). */
public record WatchedCertificate(String use, X509Certificate certificate) {
    /** How its alarms name it: the use, the subject and the serial, since a renewed CA certificate often keeps its subject. */
    String alarmSubject() {
        return use + ": " + certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber().toString(16) + ")";
    }
}
