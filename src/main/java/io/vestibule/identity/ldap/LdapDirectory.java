package io.vestibule.identity.ldap;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.StoreBackedTrustManager;
import io.vestibule.identity.ldap.DirectorySignInRefused.Reason;

/**
 * A directory (Active Directory or any LDAPv3 server) read through a read-only service account.
 *
 * <p>Every connection is protected before anything is sent: StartTLS on {@code ldap://}, TLS on
 * {@code ldaps://}, with the server certificate checked against the configured trust anchors and host name.
 * Search filters are built from values, never from text, so a user name such as {@code *)(uid=*} is a literal.
 * Groups are read from {@code memberOf} and followed upwards, so nested groups count (R-ADM-3).
 */
public final class LdapDirectory implements AutoCloseable {
    private static final int MAX_GROUP_DEPTH = 10;
    private static final int MAX_GROUPS = 1000;
    private static final String[] USER_ATTRIBUTES = {
        "objectGUID", "entryUUID", "displayName", "cn", "mail", "userPrincipalName", "memberOf"
    };

    private final DirectorySettings settings;
    private final SingleServerSet server;
    private final LDAPConnectionPool pool;
    private final DirectoryContact contact;
    private final String address;

    private LdapDirectory(DirectorySettings settings, SingleServerSet server, LDAPConnectionPool pool, DirectoryContact contact) {
        this.settings = settings;
        this.server = server;
        this.pool = pool;
        this.contact = contact;
        this.address = DirectoryContact.address(settings);
    }

    public static LdapDirectory connect(DirectorySettings settings, CryptoPolicy policy) throws LDAPException {
        return connect(settings, policy, DirectoryContact.UNWATCHED, List::of);
    }

    public static LdapDirectory connect(DirectorySettings settings, CryptoPolicy policy, DirectoryContact contact) throws LDAPException {
        return connect(settings, policy, contact, List::of);
    }

    /**
     * Prepares a small pool bound as the service account. A directory that is down now does not prevent this:
     * connections are made when needed, and {@link #reachable()} tells readiness checks how it stands. The
     * certificates of {@code caStore} are asked at every handshake, so a change applies to the next connection.
     */
    public static LdapDirectory connect(DirectorySettings settings, CryptoPolicy policy, DirectoryContact contact,
                                        Supplier<List<X509Certificate>> caStore) throws LDAPException {
        SSLContext tls = tlsContext(settings, policy, caStore);
        LDAPConnectionOptions options = connectionOptions(settings);
        SocketFactory sockets = settings.transport() == DirectorySettings.Transport.LDAPS
                ? tls.getSocketFactory() : SocketFactory.getDefault();
        PostConnectProcessor startTls = settings.transport() == DirectorySettings.Transport.START_TLS
                ? new StartTLSPostConnectProcessor(tls) : null;
        SimpleBindRequest serviceAccount = new SimpleBindRequest(settings.bindDn(), new String(settings.bindPassword()));
        // The server set makes the connection and its StartTLS; the pool then binds, so nothing precedes TLS.
        SingleServerSet server = new SingleServerSet(settings.host(), settings.port(), sockets, options, null, startTls);
        LDAPConnectionPool pool = new LDAPConnectionPool(server, serviceAccount, 1, 8, null, false);
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        return new LdapDirectory(settings, server, pool, contact);
    }

    /** Time limits, and the server's certificate must name the host the URL names. */
    static LDAPConnectionOptions connectionOptions(DirectorySettings settings) {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(settings.connectTimeoutMillis());
        options.setResponseTimeoutMillis(settings.responseTimeoutMillis());
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
        return options;
    }

    /**
     * Finds the account with the service account, then checks the password by binding as the user on a
     * connection of its own, which is closed afterwards: only that bind can say the password is wrong, and the
     * pool's connections never carry a user's identity. Unknown users, wrong and empty passwords are all
     * {@link Reason#INVALID_CREDENTIALS}; anything the directory or the service account fails at is
     * {@link Reason#DIRECTORY_UNAVAILABLE}.
     */
    public DirectoryUser authenticate(String username, char[] password) throws DirectorySignInRefused {
        // An empty password would be an unauthenticated bind, which many servers accept (RFC 4513 §5.1.2).
        if (username == null || username.isBlank() || password == null || password.length == 0) {
            throw new DirectorySignInRefused(Reason.INVALID_CREDENTIALS, "empty user name or password");
        }
        SearchResultEntry entry;
        try {
            entry = findUser(settings.userNameAttribute(), username);
            contact.reached(address);
        } catch (LDAPException e) {
            throw new DirectorySignInRefused(Reason.DIRECTORY_UNAVAILABLE, failed(e));
        }
        if (entry == null) {
            throw new DirectorySignInRefused(Reason.INVALID_CREDENTIALS, "no such user");
        }
        try (LDAPConnection connection = server.getConnection()) {
            connection.bind(new SimpleBindRequest(entry.getDN(), new String(password)));
        } catch (LDAPException e) {
            String code = failed(e);
            throw new DirectorySignInRefused(e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    ? Reason.INVALID_CREDENTIALS : Reason.DIRECTORY_UNAVAILABLE, code);
        }
        try {
            return toUser(entry, username);
        } catch (LDAPException e) {
            throw new DirectorySignInRefused(Reason.DIRECTORY_UNAVAILABLE, failed(e));
        }
    }

    /**
     * The account whose {@code attribute} holds {@code value}, found with the service account and no password: for
     * an identity that a client certificate has already proved (R-ADM-5). Empty when no single account matches.
     */
    public Optional<DirectoryUser> lookUp(String attribute, String value) throws DirectorySignInRefused {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            SearchResultEntry entry = findUser(attribute, value);
            contact.reached(address);
            if (entry == null) {
                return Optional.empty();
            }
            String username = entry.getAttributeValue(settings.userNameAttribute());
            return Optional.of(toUser(entry, username == null ? value : username));
        } catch (LDAPException e) {
            throw new DirectorySignInRefused(Reason.DIRECTORY_UNAVAILABLE, failed(e));
        }
    }

    /** Whether the directory answers a search with the service account now. */
    public boolean reachable() {
        try {
            pool.getRootDSE();
            contact.reached(address);
            return true;
        } catch (LDAPException e) {
            failed(e);
            return false;
        }
    }

    public DirectorySettings settings() {
        return settings;
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Whether a failure means the server could not be reached: no connection, no answer in time, or no protected
     * connection (TLS or StartTLS failed). A server that answers with a refusal was reached.
     */
    static boolean unreachable(ResultCode code) {
        return code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN || code == ResultCode.TIMEOUT
                || code == ResultCode.UNAVAILABLE || code == ResultCode.LOCAL_ERROR;
    }

    /** Tells the contact what the failure says of the directory; returns the result code's name for the refusal. */
    private String failed(LDAPException e) {
        if (unreachable(e.getResultCode())) {
            contact.unreachable(address, DirectoryCheck.reason(e));
        } else {
            contact.reached(address);
        }
        return e.getResultCode().getName();
    }

    private SearchResultEntry findUser(String attribute, String value) throws LDAPException {
        Filter filter = Filter.createANDFilter(
                Filter.createEqualityFilter(attribute, value),
                Filter.createEqualityFilter("objectClass", settings.userObjectClass()));
        String[] attributes = Arrays.copyOf(USER_ATTRIBUTES, USER_ATTRIBUTES.length + 1);
        attributes[USER_ATTRIBUTES.length] = settings.userNameAttribute();
        SearchResult result = pool.search(settings.userBaseDn(), SearchScope.SUB, filter, attributes);
        List<SearchResultEntry> entries = result.getSearchEntries();
        return entries.size() == 1 ? entries.get(0) : null;
    }

    private DirectoryUser toUser(SearchResultEntry entry, String username) throws LDAPException {
        String displayName = firstOf(entry, "displayName", "cn");
        return new DirectoryUser(stableId(entry), entry.getDN(), username,
                displayName == null ? username : displayName,
                firstOf(entry, "mail", "userPrincipalName"),
                groupsOf(entry));
    }

    /** Direct groups from memberOf, then theirs, breadth first, bounded against cycles and huge trees. */
    private Set<String> groupsOf(SearchResultEntry user) throws LDAPException {
        Set<String> groups = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(valuesOf(user, "memberOf")));
        for (int depth = 0; depth < MAX_GROUP_DEPTH && !pending.isEmpty() && groups.size() < MAX_GROUPS; depth++) {
            Deque<String> next = new ArrayDeque<>();
            for (String group : pending) {
                if (groups.add(group)) {
                    SearchResultEntry entry = pool.getEntry(group, "memberOf");
                    if (entry != null) {
                        next.addAll(List.of(valuesOf(entry, "memberOf")));
                    }
                }
            }
            pending = next;
        }
        return groups;
    }

    private static String stableId(SearchResultEntry entry) {
        byte[] guid = entry.getAttributeValueBytes("objectGUID");
        if (guid != null && guid.length == 16) {
            return "guid:" + HexFormat.of().formatHex(guid);
        }
        String uuid = entry.getAttributeValue("entryUUID");
        if (uuid != null) {
            return "uuid:" + UUID.fromString(uuid);
        }
        return "dn:" + entry.getDN().toLowerCase(Locale.ROOT);
    }

    private static String firstOf(SearchResultEntry entry, String... attributes) {
        for (String attribute : attributes) {
            String value = entry.getAttributeValue(attribute);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String[] valuesOf(SearchResultEntry entry, String attribute) {
        String[] values = entry.getAttributeValues(attribute);
        return values == null ? new String[0] : values;
    }

    /** Trusts the trust file's certificates, else the JVM's CAs, and in both cases those of the trust store. */
    static SSLContext tlsContext(DirectorySettings settings, CryptoPolicy policy, Supplier<List<X509Certificate>> caStore) {
        try {
            TrustManager[] trust = StoreBackedTrustManager.managers(settings.trustAnchors(), caStore, policy);
            SSLUtil ssl = new SSLUtil(trust);
            // The protocols offered are the JVM-wide client protocols set by the launcher from the crypto policy.
            return ssl.createSSLContext();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot prepare TLS for the directory", e);
        }
    }
}
