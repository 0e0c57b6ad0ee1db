package io.vestibule.audit.syslog;

import java.io.IOException;
import java.security.GeneralSecurityException;

import javax.net.ssl.TrustManager;

/**
 * What syslog servers' certificates are verified against: one thing, asked at every connection, so that a trust
 * store changed in the console applies to the next connection.
 */
public interface SyslogTrust {
    TrustManager[] trustManagers() throws GeneralSecurityException, IOException;

    /** Where the trusted certificates come from, for the log and the console. */
    String describe();
}
