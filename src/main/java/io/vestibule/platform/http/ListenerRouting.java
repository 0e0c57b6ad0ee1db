package io.vestibule.platform.http;

/**
 * Which listener serves what (R-ADM-1): the admin console and admin API only on the admin port, everything else
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

    private final int portalPort;
    private final int adminPort;

    public ListenerRouting(int portalPort, int adminPort) {
        this.portalPort = portalPort;
        this.adminPort = adminPort;
    }

    /** @param path the request's path inside the application, decoded and normalised by the container */
    public Route route(int localPort, String path) {
        boolean console = path.equals(CONSOLE) || path.startsWith(CONSOLE + "/");
        if (localPort == adminPort && console) {
            return path.equals(CONSOLE) ? Route.REDIRECT_TO_CONSOLE : Route.SERVE;
        }
        if (localPort == portalPort && !console) {
            return Route.SERVE;
        }
        return isApi(path) ? Route.NOT_FOUND_API : Route.NOT_FOUND_PAGE;
    }

    static boolean isApi(String path) {
        return path.startsWith("/api/") || path.startsWith(CONSOLE + "/api/");
    }
}
