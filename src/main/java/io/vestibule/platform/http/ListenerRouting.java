package io.vestibule.platform.http;

/**
 * Which listener serves what (R-ADM-1): the admin console, the admin API and the metrics (Payara's {@code /metrics},
 * which count PIN failures, blocks and alarms: penetration test, finding 8) only on the admin port, everything else
 * only on the portal's. A request is told apart by the local port it arrived on, never by a header the client
 * chooses. Any other port serves nothing.
 */
public final class ListenerRouting {
    public enum Route {
        SERVE,
        /** {@code /admin} on the admin port: on to the console's page. */
        REDIRECT_TO_CONSOLE,
        /** Not here: the API's JSON error. */
        NOT_FOUND_API,
        /** Not here: the error page. */
        NOT_FOUND_PAGE
    }

    static final String CONSOLE = "/admin";
    static final String METRICS = "/metrics";

    private final int portalPort;
    private final int adminPort;

    public ListenerRouting(int portalPort, int adminPort) {
        this.portalPort = portalPort;
        this.adminPort = adminPort;
    }

    /** @param path the request's path inside the application, decoded and normalised by the container */
    public Route route(int localPort, String path) {
        boolean adminSide = under(CONSOLE, path) || under(METRICS, path);
        if (localPort == adminPort && adminSide) {
            return path.equals(CONSOLE) ? Route.REDIRECT_TO_CONSOLE : Route.SERVE;
        }
        if (localPort == portalPort && !adminSide) {
            return Route.SERVE;
        }
        return isApi(path) ? Route.NOT_FOUND_API : Route.NOT_FOUND_PAGE;
    }

    private static boolean under(String root, String path) {
        return path.equals(root) || path.startsWith(root + "/");
    }

    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.startsWith(CONSOLE + "/api/");
    }
}
