package io.vestibule.audit;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of audit events (R-AUD-1): every event the service records is one of these, under a stable type that
 * the audit files, syslog, the console's filters and docs/admin-guide.md ("Audit events") name. Alarms raised are
 * alerts whatever their outcome; every other event's severity follows its outcome ({@link AuditSeverity}).
 */
public enum AuditEventType {
    ADMIN_SETUP("admin.setup", "The first administrator account is created on a new installation, or the attempt is refused."),
    ADMIN_LOGIN("admin.login", "An administrator signs in to the console with a password or a client certificate, or fails to."),
    ADMIN_LOGOUT("admin.logout", "An administrator signs out of the console."),
    ADMIN_PASSWORD_CHANGE("admin.password.change", "A local administrator changes their password, or fails to (never the password)."),
    ACCESS_REFUSED("access.refused", "An administrator asks for something their roles do not permit (the route)."),
    ADMIN_ACCOUNT_CREATE("admin.account.create", "A local administrator account is created (name, roles), or separation of duties refuses it."),
    ADMIN_ACCOUNT_UPDATE("admin.account.update", "A local administrator account is changed (what changed, never a password), or refused."),
    ADMIN_ACCOUNT_DELETE("admin.account.delete", "A local administrator account is deleted, or refused."),
    ADMIN_ROLE_CREATE("admin.role.create", "A role is created (name, permissions), or refused."),
    ADMIN_ROLE_UPDATE("admin.role.update", "A role is changed (before and after), or refused."),
    ADMIN_ROLE_DELETE("admin.role.delete", "A role is deleted, or refused."),
    ADMIN_ROLE_MAPPING_CREATE("admin.role-mapping.create", "A directory group is mapped to a role, or refused."),
    ADMIN_ROLE_MAPPING_UPDATE("admin.role-mapping.update", "A group-to-role mapping is changed (before and after), or refused."),
    ADMIN_ROLE_MAPPING_DELETE("admin.role-mapping.delete", "A group-to-role mapping is deleted, or refused."),
    ADMIN_SETTINGS_CHANGE("admin.settings.change", "The console settings (sign-in source, certificates, banner, timeouts) change: before and after."),
    ADMIN_JOIN_SETTINGS_CHANGE("admin.join-settings.change", "The join settings (PIN policy, lobby, break-in thresholds) change: before and after."),
    ADMIN_MEDIA_SETTINGS_CHANGE("admin.media-settings.change", "The media settings change: before and after."),
    ADMIN_JOIN_BLOCK_CHANGE("admin.join-block.change", "A calendar join-block template changes: before and after."),
    ADMIN_JOIN_BLOCK_RESET("admin.join-block.reset", "A calendar join-block template is reset to the default."),
    ADMIN_LDAP_CHANGE("admin.ldap.change", "The directory (LDAP) settings change: before and after, never the bind password."),
    ADMIN_LDAP_TEST("admin.ldap.test", "An administrator tests the directory connection, and how it went."),
    ADMIN_INTEGRATION_CREATE("admin.integration.create", "A calendar integration is created (never its secret)."),
    ADMIN_INTEGRATION_DELETE("admin.integration.delete", "A calendar integration is deleted."),
    ADMIN_SYSLOG_CHANGE("admin.syslog.change", "The syslog servers change: before and after."),
    ADMIN_SYSLOG_TEST("admin.syslog.test", "An administrator sends a syslog test message, and how it went."),
    ADMIN_ROOM_PARTICIPANT_LIMIT("admin.room.participant-limit", "An administrator changes a room's participant limit: before and after."),
    ADMIN_ROOM_NEWCOMERS_WAIT("admin.room.newcomers-wait-for-admission", "An administrator changes whether a room's newcomers wait for admission: before and after."),
    ADMIN_ROOM_CLOSE("admin.room.close", "An administrator closes a room (its conference ends)."),
    ADMIN_BLOCK_LIFT("admin.block.lift", "An administrator lifts a break-in block before its end (which block, and when it would have ended)."),
    TRUST_IMPORT("trust.import", "An administrator imports CA certificates into the trust store: each one imported, already held or refused (fingerprint, subject, reason)."),
    TRUST_DELETE("trust.delete", "An administrator deletes a CA certificate from the trust store (fingerprint, subject)."),
    CERTIFICATE_REQUEST_CREATE("certificate.request.create", "A certificate signing request is created (its id, key type, subject and names; never the key)."),
    CERTIFICATE_INSTALL("certificate.install", "A server certificate is installed (id, subject, issuer, expiry), or refused with the reason."),
    CERTIFICATE_DELETE("certificate.delete", "An installed server certificate or a pending signing request is deleted, or refused."),
    CERTIFICATE_ASSIGN("certificate.assign", "Server certificates are assigned to the portal or admin listener (or a listener goes back to the self-signed one), applied at once; a failure (not_served) leaves the old ones."),
    KEYS_ROTATE("keys.rotate", "The key-encryption key and the call records' key are rotated, or the rotation fails."),
    KEYS_RETIRE("keys.retire", "The service retires a data key by age (actor system)."),
    CDR_SEARCH("cdr.search", "An auditor searches the call records (the criteria, never the names searched for)."),
    CDR_VIEW("cdr.view", "An auditor opens one call record."),
    CDR_EXPORT("cdr.export", "An auditor exports call records (criteria, count, format)."),
    CDR_VERIFY("cdr.verify", "An auditor verifies the call records' chain, and the result."),
    AUDIT_VIEW("audit.view", "An auditor reads the audit log (the filter)."),
    AUDIT_EXPORT("audit.export", "An auditor exports the audit log (format and filter)."),
    AUDIT_INTEGRITY_VERIFY("audit.integrity.verify", "An auditor verifies the audit files, and the result."),
    PORTAL_LOGIN("portal.login", "A user signs in to the portal with the directory password or single sign-on, or fails to (the reason)."),
    PORTAL_LOGOUT("portal.logout", "A user signs out of the portal."),
    MEETING_BOOK("meeting.book", "A user, the Outlook add-in or a calendar integration books a meeting (its room, title and times)."),
    MEETING_CHANGE("meeting.change", "A meeting's title, times, invitees or room settings change: before and after."),
    MEETING_CANCEL("meeting.cancel", "A meeting is cancelled by its owner or its calendar event is deleted."),
    ROOM_PIN_CHANGE("room.pin.change", "A room's host or guest PIN is set, changed or removed (which one, never the PIN)."),
    CONFERENCE_LOCK("conference.lock", "A host locks a conference, or someone else is refused (at most one a minute per participant)."),
    CONFERENCE_UNLOCK("conference.unlock", "A host unlocks a conference (and how many waiting were admitted), or someone else is refused."),
    CONFERENCE_ADMIT("conference.admit", "A host admits someone from the lobby, or someone else is refused."),
    CONFERENCE_REMOVE("conference.remove", "A host removes a participant, or someone else is refused."),
    CONFERENCE_END("conference.end", "A host ends a conference for everyone, or someone else is refused."),
    ALARM_RAISED("alarm.raised", "An alarm is raised (its type, subject and detail), such as a break-in block.", true),
    ALARM_CLEARED("alarm.cleared", "An alarm's condition ended and the part of the service that raised it cleared it.");

    private static final Map<String, AuditEventType> BY_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AuditEventType::type, Function.identity()));

    private final String type;
    private final String description;
    private final boolean alert;

    AuditEventType(String type, String description) {
        this(type, description, false);
    }

    AuditEventType(String type, String description, boolean alert) {
        this.type = type;
        this.description = description;
        this.alert = alert;
    }

    /** The stable name written in every record, such as {@code admin.login}. */
    public String type() {
        return type;
    }

    /** When the event is recorded, for operators. */
    public String description() {
        return description;
    }

    /** Whether the event is an alert whatever its outcome; otherwise its outcome decides its severity. */
    public boolean alert() {
        return alert;
    }

    public static Optional<AuditEventType> of(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The types that are alerts whatever their outcome. */
    public static Set<String> alertTypes() {
        return Arrays.stream(values()).filter(AuditEventType::alert).map(AuditEventType::type).collect(Collectors.toUnmodifiableSet());
    }
}
