package io.vestibule.platform.launcher;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import io.vestibule.crypto.CryptoPolicy;

/**
 * Makes the listeners choose the cipher suite in the crypto policy's order of preference, not the client's.
 *
 * <p>Payara's listener configuration cannot say so: Grizzly (Payara Micro 6.2025.10) gives every connection's
 * {@link SSLEngine} an {@link SSLParameters} of its own making, whose {@code useCipherSuitesOrder} is false, holding the
 * suites of {@code ssl3-tls-ciphers} in a hash set's order, and the {@code ssl} element has no attribute for either.
 * Payara takes its listeners' contexts from {@code SSLContext.getInstance("TLS")}, so this provider, installed first,
 * answers that request with the next provider's context, whose engines put whatever suites they are given in the
 * policy's order and prefer that order. Clients' engines get the same treatment, which changes only the order they
 * offer suites in. Contexts named otherwise ({@code Default}, {@code TLSv1.3}) are not this provider's.
 *
 * <p>The same place lets an assignment reach the listeners without a restart: the key managers Payara gives these
 * contexts are wrapped so that they present what the listeners' key store holds at each new handshake.
 */
final class ServerCipherSuiteOrder extends Provider {
    static final String NAME = "VestibuleCipherSuiteOrder";
    private static final String PROTOCOL = "TLS";

    private final Comparator<String> preference;

    ServerCipherSuiteOrder(List<String> suitesInPreferenceOrder) {
        this(suitesInPreferenceOrder, null);
    }

    /** With {@code identities}, the listeners present what the listeners' key store holds now (see {@link CurrentIdentityKeyManager}). */
    ServerCipherSuiteOrder(List<String> suitesInPreferenceOrder, CurrentListenerIdentities identities) {
        super(NAME, "1.0", "TLS contexts whose engines choose cipher suites in the crypto policy's order");
        Map<String, Integer> rank = new HashMap<>();
        for (String suite : suitesInPreferenceOrder) {
            rank.putIfAbsent(suite, rank.size());
        }
        // Suites outside the policy keep their order after the policy's; the listeners enable none.
        this.preference = Comparator.comparingInt(suite -> rank.getOrDefault(suite, Integer.MAX_VALUE));
        putService(new Service(this, "SSLContext", PROTOCOL, PolicyOrderedContext.class.getName(), null, null) {
            @Override
            public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
                return new PolicyOrderedContext(nextContext(), preference, identities);
            }
        });
    }

    /** Installs the provider ahead of the JDK's, once; later calls change nothing. */
    static synchronized void install(CryptoPolicy policy, CurrentListenerIdentities identities) {
        if (Security.getProvider(NAME) == null) {
            Security.insertProviderAt(new ServerCipherSuiteOrder(policy.tlsCipherSuites(), identities), 1);
        }
    }

    /** The context of the provider that would have answered without this one (SunJSSE, or a FIPS provider's). */
    private SSLContext nextContext() throws NoSuchAlgorithmException {
        for (Provider provider : Security.getProviders("SSLContext." + PROTOCOL)) {
            if (!NAME.equals(provider.getName())) {
                return SSLContext.getInstance(PROTOCOL, provider);
            }
        }
        throw new NoSuchAlgorithmException("No provider besides " + NAME + " offers SSLContext." + PROTOCOL);
    }

    /** A context whose engines keep the preferred order; everything else is the wrapped context's. */
    private static final class PolicyOrderedContext extends SSLContextSpi {
        private final SSLContext context;
        private final Comparator<String> preference;
        private final CurrentListenerIdentities identities;

        PolicyOrderedContext(SSLContext context, Comparator<String> preference, CurrentListenerIdentities identities) {
            this.context = context;
            this.preference = preference;
            this.identities = identities;
        }

        @Override
        protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
                throws KeyManagementException {
            context.init(CurrentIdentityKeyManager.wrap(keyManagers, identities), trustManagers, random);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return new PolicyOrderedEngine(context.createSSLEngine(), preference);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return new PolicyOrderedEngine(context.createSSLEngine(host, port), preference);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return context.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return context.getServerSocketFactory();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return context.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return context.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return context.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return context.getSupportedSSLParameters();
        }
    }
}
