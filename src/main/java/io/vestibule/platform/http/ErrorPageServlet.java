package io.vestibule.platform.http;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.vestibule.platform.api.ErrorBodies;

/**
 * The container's error pages (web.xml): API paths get the API's JSON error shape, pages a short HTML page.
 * Neither names the server or its version, and neither shows a stack trace.
 */
@WebServlet("/error")
public class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private static final Map<Integer, String> CODES = Map.of(
            400, "invalid_request", 401, "unauthenticated", 403, "forbidden", 404, "not_found",
            405, "method_not_allowed", 413, "invalid_request", 415, "unsupported_media_type", 501, "method_not_allowed",
            503, "unavailable");

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object statusAttribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttribute instanceof Integer code ? code : 500;
        String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
        response.setStatus(status);
        boolean ourFault = status >= 500 && !CODES.containsKey(status);
        if (ListenerRouting.isApi(uri)) {
            response.setContentType("application/json;charset=utf-8");
            String code = CODES.getOrDefault(status, ourFault ? "internal_error" : "http_" + status);
            response.getWriter().write(ErrorBodies.body(code, ourFault ? "Something went wrong on our side." : "The request was refused.",
                    code.equals("invalid_request") ? Map.of("reason", "refused") : Map.of()).toString());
        } else {
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vestibule</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/vestibule.css\"></head><body><main class=\"narrow\"><h1>"
                    + (status == 404 ? "This page does not exist." : "Something went wrong.")
                    + "</h1><p><a href=\"/\">Back to Vestibule</a></p></main></body></html>");
        }
    }
}
