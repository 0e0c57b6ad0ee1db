package io.vestibule.crypto;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The key-encryption key contract for the PKCS#12 master key store. */
class Pkcs12KeyEncryptionKeysTest extends KeyEncryptionKeysContract {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String WRONG_PASSPHRASE = "not the passphrase";

    @TempDir
    Path directory;

    private MasterKeyStore opened;

    private Path file() {
        return directory.resolve("keys").resolve("master.p12");
    }

    private MasterKeyStore open(String passphrase) {
        return MasterKeyStore.openOrCreate(file(), new MasterPassphrase(passphrase.toCharArray(), false), policy);
    }

    @Override
    protected KeyEncryptionKeys open() {
        opened = open(PASSPHRASE);
        return opened;
    }

    @Override
    protected KeyEncryptionKeys reopen() {
        opened.close();
        return open(PASSPHRASE);
    }

    @Override
    protected void openWithWrongSecret() {
        open(WRONG_PASSPHRASE);
    }

    @Override
    protected String secretSetting() {
        return "VESTIBULE_KEYSTORE_PASSWORD";
    }

    @Override
    protected String[] secrets() {
        return new String[] {PASSPHRASE, WRONG_PASSPHRASE};
    }

    @Override
    protected String aliasPrefix() {
        return "kek";
    }
}
