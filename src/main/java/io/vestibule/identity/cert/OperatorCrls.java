package io.vestibule.identity.cert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The CRLs of {@code VESTIBULE_ADMIN_CLIENT_CRL_FILE} (PEM or DER, one or more), read again whenever the file changes,
 * so that an operator who copies in a new CRL needs no restart. A file that cannot be read gives no CRL, which leaves
 * revocation unknown rather than "not revoked".
 */
public final class OperatorCrls implements Supplier<List<X509CRL>> {
    private static final Logger LOG = Logger.getLogger(OperatorCrls.class.getName());

    private final Optional<Path> file;
    private FileTime readAt;
    private List<X509CRL> crls = List.of();

    public OperatorCrls(Optional<Path> file) {
        this.file = file;
    }

    @Override
    public synchronized List<X509CRL> get() {
        if (file.isEmpty()) {
            return List.of();
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file.get());
            if (!modified.equals(readAt)) {
                crls = read(file.get());
                readAt = modified;
            }
        } catch (IOException | CRLException | CertificateException e) {
            LOG.log(Level.WARNING, "The CRL file " + file.get() + " (VESTIBULE_ADMIN_CLIENT_CRL_FILE) cannot be read: "
                    + (e instanceof NoSuchFileException ? "it does not exist" : e.getMessage()));
            crls = List.of();
            readAt = null;
        }
        return crls;
    }

    static List<X509CRL> read(Path path) throws IOException, CRLException, CertificateException {
        List<X509CRL> read = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path)) {
            for (CRL crl : CertificateFactory.getInstance("X.509").generateCRLs(in)) {
                read.add((X509CRL) crl);
            }
        }
        return List.copyOf(read);
    }
}
