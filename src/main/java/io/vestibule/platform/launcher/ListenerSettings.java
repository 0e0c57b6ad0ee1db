package io.vestibule.platform.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the two HTTPS listeners listen: the user portal's, and the admin console's on a port of its own (R-ADM-1),
 * typically bound to the management network. The application tells the two apart by the port a request arrived
 * on, so the ports must differ even when the addresses do.
 *
 * @param adminClientCaFile PEM file of the certificates administrators' client certificates must chain to
 *                          (R-ADM-5); without it the admin listener asks for no client certificate
 */
record ListenerSettings(int portalPort, String portalAddress, int adminPort, String adminAddress,
                        Optional<Path> adminClientCaFile) {
    static final String ADMIN_CLIENT_CA_FILE = "vestibule.admin.client.ca.file";

    static ListenerSettings from(LauncherSettings settings) {
        int portalPort = settings.port("vestibule.https.port", 8443);
        String portalAddress = settings.text("vestibule.bind.address", "0.0.0.0");
        int adminPort = settings.port("vestibule.admin.port", 9443);
        if (adminPort == portalPort) {
            throw new LaunchFailure("VESTIBULE_ADMIN_PORT and VESTIBULE_HTTPS_PORT are both " + portalPort
                    + "; the admin console needs a port of its own (requests are told apart by their port)");
        }
        String adminAddress = settings.text("vestibule.admin.bind.address", portalAddress);
        Optional<Path> clientCaFile = settings.find(ADMIN_CLIENT_CA_FILE)
                .map(file -> settings.path(ADMIN_CLIENT_CA_FILE, file));
        return new ListenerSettings(portalPort, portalAddress, adminPort, adminAddress, clientCaFile);
    }
}
