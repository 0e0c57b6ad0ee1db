package io.vestibule.audit.alarm;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

import io.vestibule.crypto.inventory.CertificatesInUse;

/**
 * The certificates whose expiry is watched: every one of {@link CertificatesInUse}, the list the crypto policy report
 * reads too, read again at each check so that a replaced file counts. A file that cannot be read is logged and
 * skipped: whoever uses it reports that failure.
 */
public final class ServiceCertificates {
    private static final Logger LOG = Logger.getLogger(ServiceCertificates.class.getName());

    private final CertificatesInUse inUse;

    public ServiceCertificates(CertificatesInUse inUse) {
        this.inUse = inUse;
    }

    /** Every certificate of every source, in the order of the sources' alarm names. */
    public List<WatchedCertificate> read() {
        List<WatchedCertificate> certificates = new ArrayList<>();
        inUse.all().stream().sorted(Comparator.comparing(CertificatesInUse.Source::alarmName)).forEach(source -> {
            try {
                for (X509Certificate certificate : source.read()) {
                    certificates.add(new WatchedCertificate(source.alarmName(), certificate));
                }
            } catch (NoSuchFileException e) {
                LOG.warning(() -> "Certificate expiry: " + source.alarmName() + " (" + source.origin() + ") does not exist; not checked");
            } catch (IOException | RuntimeException e) {
                LOG.warning(() -> "Certificate expiry: " + source.alarmName() + " (" + source.origin() + ") cannot be read; not checked: " + e.getMessage());
            }
        });
        return certificates;
    }
}
