package io.vestibule.access;

import java.net.InetAddress;
import java.util.Optional;

import io.vestibule.identity.PortalUser;

/**
 * A request to join the room at {@code alias}.
 *
 * @param invitation an invitation token from the join link's fragment, posted by the join page (R-JOIN-4)
 * @param sourcePort the port of the direct peer (a proxy's, behind one), for the call record
 * @param signedInUser the portal user, when the browser also holds a portal session
 */
public record JoinRequest(String alias, String displayName, Optional<String> pin, Optional<String> invitation,
                          InetAddress source, int sourcePort, Optional<String> userAgent, Optional<PortalUser> signedInUser) {
    @Override
    public String toString() {
        return "JoinRequest[" + alias + "]";
    }
}
