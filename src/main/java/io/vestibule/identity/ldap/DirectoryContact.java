package io.vestibule.identity.ldap;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether the directory answered when the service last needed it (R-AUD-4: the {@code directory_unreachable} alarm).
 * A port: the alarms live in a layer above, which implements it. A server that answers, even to refuse a password or
 * the service account, was reached; only a connection that cannot be made, times out or cannot be protected (TLS,
 * StartTLS) is unreachability.
 */
public interface DirectoryContact {
    /** For directories whose contact nobody watches (tests, the demo directory's own checks). */
    DirectoryContact UNWATCHED = new DirectoryContact() {
        @Override
        public void unreachable(String directory, String why) {
        }

        @Override
        public void reached(String directory) {
        }
    };

    /** {@code directory} is {@link #address}: the URL without credentials, path or query. */
    void unreachable(String directory, String why);

    void reached(String directory);

    /** The directory as an alarm names it: scheme, host and port only, so that nothing a URL may carry leaks. */
    static String address(DirectorySettings settings) {
        try {
            return new URI(settings.url().getScheme().toLowerCase(Locale.ROOT), null, settings.host(), settings.port(), null, null, null).toString();
        } catch (URISyntaxException e) {
            return settings.url().getScheme() + "://" + settings.host() + ":" + settings.port();
        }
    }
}
