package io.vestibule.identity.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;

import io.vestibule.crypto.CryptoPolicy;
import io.vestibule.crypto.pki.TlsIdentity;
import io.vestibule.identity.ldap.DirectorySettings;

/**
 * The demo directory of R-RUN-3: an in-memory LDAP server on the loopback interface, StartTLS-capable, holding
 * Active Directory-style accounts (sAMAccountName, userPrincipalName, memberOf, objectGUID). It accepts binds and
 * searches only, and searches only after a bind. For evaluation; production uses the organisation's directory.
 */
public final class DemoDirectory implements AutoCloseable {
    public static final String BASE_DN = "DC=demo,DC=vestibule,DC=local";
    public static final String USERS_DN = "OU=Users," + BASE_DN;
    public static final String GROUPS_DN = "OU=Groups," + BASE_DN;
    public static final String PORTAL_GROUP_DN = group("vestibule-users");
    public static final String AUDITORS_GROUP_DN = group("vestibule-auditors");
    public static final String ADMINISTRATORS_GROUP_DN = group("vestibule-admins");
    private static final String SERVICE_ACCOUNT_DN = "CN=vestibule-svc,OU=Service Accounts," + BASE_DN;
    private static final String MAIL_DOMAIN = "demo.vestibule.local";

    private final InMemoryDirectoryServer server;
    private final List<DemoAccount> accounts;
    private final char[] servicePassword;
    private final X509Certificate certificate;

    private DemoDirectory(InMemoryDirectoryServer server, List<DemoAccount> accounts, char[] servicePassword, X509Certificate certificate) {
        this.server = server;
        this.accounts = List.copyOf(accounts);
        this.servicePassword = servicePassword;
        this.certificate = certificate;
    }

    /**
     * Starts the directory on the loopback interface.
     *
     * @param fixedPassword one password for every demo user and the service account (VESTIBULE_DEMO_PASSWORD); random ones otherwise
     */
    public static DemoDirectory start(int port, Optional<String> fixedPassword, TlsIdentity identity, CryptoPolicy policy,
                                      SecureRandom random)
            throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
        // Active Directory attributes are not in the standard schema; the demo needs them, not schema checks.
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap-starttls",
                InetAddress.getLoopbackAddress(), port, tls(identity, policy, random).getSocketFactory(), false, false));
        config.setAllowedOperationTypes(OperationType.BIND, OperationType.SEARCH, OperationType.COMPARE, OperationType.EXTENDED);
        config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH, OperationType.COMPARE);
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);

        DemoPasswords passwords = new DemoPasswords(random);
        // With one fixed password the service account shares it too, so that a federating Keycloak (deploy/) can bind.
        char[] servicePassword = fixedPassword.orElseGet(passwords::next).toCharArray();
        List<DemoAccount> accounts = List.of(
                account("alice", "Alice Martin", "vestibule-users", "portal user", fixedPassword, passwords),
                account("bob", "Bob Dubois", "vestibule-users", "portal user", fixedPassword, passwords),
                account("carol", "Carol García", "vestibule-auditors", "auditor", fixedPassword, passwords),
                account("dave", "Dave Lefèvre", "vestibule-admins", "administrator (read-write)", fixedPassword, passwords));
        server.add(new Entry(BASE_DN, List.of(attribute("objectClass", "top", "domain"), attribute("dc", "demo"))));
        for (String unit : List.of("Users", "Groups", "Service Accounts")) {
            server.add(new Entry("OU=" + unit + "," + BASE_DN,
                    List.of(attribute("objectClass", "top", "organizationalUnit"), attribute("ou", unit))));
        }
        server.add(new Entry(SERVICE_ACCOUNT_DN, List.of(
                attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                attribute("cn", "vestibule-svc"),
                attribute("sAMAccountName", "vestibule-svc"),
                attribute("userPassword", new String(servicePassword)))));
        for (String group : List.of("vestibule-users", "vestibule-auditors", "vestibule-admins")) {
            List<String> members = accounts.stream().filter(a -> a.group().equals(group)).map(a -> userDn(a.displayName())).toList();
            server.add(new Entry(group(group), List.of(
                    attribute("objectClass", "top", "group"),
                    attribute("cn", group),
                    attribute("sAMAccountName", group),
                    attribute("member", members.toArray(new String[0])))));
        }
        for (DemoAccount account : accounts) {
            Entry user = new Entry(userDn(account.displayName()), List.of(
                    attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    attribute("cn", account.displayName()),
                    attribute("displayName", account.displayName()),
                    attribute("givenName", account.displayName().split(" ")[0]),
                    attribute("sn", account.displayName().split(" ")[1]),
                    attribute("sAMAccountName", account.username()),
                    attribute("userPrincipalName", account.username() + "@" + MAIL_DOMAIN),
                    attribute("mail", account.username() + "@" + MAIL_DOMAIN),
                    attribute("memberOf", group(account.group())),
                    attribute("userPassword", account.password())));
            byte[] guid = new byte[16];
            random.nextBytes(guid);
            user.addAttribute("objectGUID", guid);
            server.add(user);
        }
        try {
            server.startListening();
        } catch (LDAPException e) {
            throw new LDAPException(e.getResultCode(), "The demo directory cannot listen on 127.0.0.1 port " + port + " ("
                    + e.getMessage() + "); free the port or set VESTIBULE_DEMO_LDAP_PORT", e);
        }
        return new DemoDirectory(server, accounts, servicePassword, identity.leaf());
    }

    /** How Vestibule's directory client reaches this directory: StartTLS, trusting exactly its certificate. */
    public DirectorySettings clientSettings() {
        return new DirectorySettings(URI.create("ldap://localhost:" + server.getListenPort()),
                DirectorySettings.Transport.START_TLS, false, SERVICE_ACCOUNT_DN, servicePassword, USERS_DN,
                "sAMAccountName", "user", List.of(certificate),
                Optional.of(PORTAL_GROUP_DN), 3000, 5000);
    }

    public List<DemoAccount> accounts() {
        return accounts;
    }

    public int port() {
        return server.getListenPort();
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static DemoAccount account(String username, String displayName, String group, String purpose,
                                       Optional<String> fixedPassword, DemoPasswords passwords) {
        return new DemoAccount(username, displayName, group, purpose, fixedPassword.orElseGet(passwords::next));
    }

    private static String userDn(String displayName) {
        return "CN=" + displayName + "," + USERS_DN;
    }

    private static String group(String name) {
        return "CN=" + name + "," + GROUPS_DN;
    }

    private static Attribute attribute(String name, String... values) {
        return new Attribute(name, values);
    }

    private static SSLContext tls(TlsIdentity identity, CryptoPolicy policy, SecureRandom random) {
        try {
            // The store lives in memory only; its password just has to exist.
            char[] password = Long.toHexString(random.nextLong()).toCharArray();
            KeyStore store = KeyStore.getInstance(policy.keyStoreType());
            store.load(null, null);
            store.setKeyEntry("demo", identity.privateKey(), password, identity.chain().toArray(new Certificate[0]));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot prepare TLS for the demo directory", e);
        }
    }

    /** Readable random passwords: four groups of four letters and digits, with upper, lower and digit. */
    private static final class DemoPasswords {
        private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        private final SecureRandom random;

        DemoPasswords(SecureRandom random) {
            this.random = random;
        }

        String next() {
            while (true) {
                StringBuilder password = new StringBuilder();
                for (int i = 0; i < 16; i++) {
                    if (i > 0 && i % 4 == 0) {
                        password.append('-');
                    }
                    password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                String text = password.toString();
                if (text.chars().anyMatch(Character::isUpperCase) && text.chars().anyMatch(Character::isLowerCase)
                        && text.chars().anyMatch(Character::isDigit)) {
                    return text;
                }
            }
        }
    }
}
