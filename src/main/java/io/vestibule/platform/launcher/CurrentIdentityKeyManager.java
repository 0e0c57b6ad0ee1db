package io.vestibule.platform.launcher;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;

/**
 * A listener's key manager that presents the identity the listeners' key store holds now rather than the one it held
 * when Payara built the listener: Payara's manager still chooses the alias, {@link CurrentListenerIdentities} answers
 * for it. Client-side choices are the wrapped manager's alone.
 */
final class CurrentIdentityKeyManager extends X509ExtendedKeyManager {
    private final X509KeyManager delegate;
    private final CurrentListenerIdentities identities;

    CurrentIdentityKeyManager(X509KeyManager delegate, CurrentListenerIdentities identities) {
        this.delegate = delegate;
        this.identities = identities;
    }

    /** The managers with every X.509 one wrapped; {@code null} stays {@code null} (the JDK's defaults). */
    static KeyManager[] wrap(KeyManager[] managers, CurrentListenerIdentities identities) {
        if (managers == null || identities == null) {
            return managers;
        }
        KeyManager[] wrapped = managers.clone();
        for (int i = 0; i < wrapped.length; i++) {
            if (wrapped[i] instanceof X509KeyManager manager && !(manager instanceof CurrentIdentityKeyManager)) {
                wrapped[i] = new CurrentIdentityKeyManager(manager, identities);
            }
        }
        return wrapped;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return identities.current(delegate.chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String alias = delegate instanceof X509ExtendedKeyManager extended
                ? extended.chooseEngineServerAlias(keyType, issuers, engine)
                : delegate.chooseServerAlias(keyType, issuers, null);
        return identities.current(alias);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return identities.chain(alias).orElseGet(() -> delegate.getCertificateChain(alias));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return identities.privateKey(alias).orElseGet(() -> delegate.getPrivateKey(alias));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return delegate instanceof X509ExtendedKeyManager extended
                ? extended.chooseEngineClientAlias(keyType, issuers, engine)
                : delegate.chooseClientAlias(keyType, issuers, null);
    }
}
