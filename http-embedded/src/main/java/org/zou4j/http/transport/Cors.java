package org.zou4j.http.transport;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * CORS as Zou configures flask-cors (zou-auth.md §8): only for the configured origins, with credentials,
 * echoing the request's origin; preflights allow flask-cors' default methods and every requested header.
 * Requests without an allowed {@code Origin} get no CORS header at all.
 */
final class Cors {

    /** flask-cors' default methods, sorted as it serializes them. */
    static final String ALLOWED_METHODS = "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT";
    private static final Set<String> METHODS = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    private final List<String> origins;
    private final boolean anyOrigin;

    Cors(List<String> origins) {
        this.origins = List.copyOf(origins);
        this.anyOrigin = origins.contains("*");
    }

    boolean allows(String origin) {
        return origin != null && !origins.isEmpty() && (anyOrigin || origins.contains(origin));
    }

    /** A CORS preflight from an allowed origin, which the transport answers without calling the handler. */
    boolean isPreflight(RequestHead head) {
        String requested = head.first("access-control-request-method");
        return "OPTIONS".equals(head.method()) && requested != null && allows(head.first("origin"));
    }

    /** Flask answers OPTIONS itself with 200 and an empty body; flask-cors adds the preflight headers. */
    HttpResponse preflight(RequestHead head) {
        HttpResponse response = HttpResponse.empty(200);
        String method = head.first("access-control-request-method").trim().toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            return response;
        }
        response = response.withHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
        String requestedHeaders = head.joined("access-control-request-headers");
        if (requestedHeaders != null) {
            Set<String> sorted = Arrays.stream(requestedHeaders.split(","))
                    .map(String::trim).filter(HeaderRules::isToken)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!sorted.isEmpty()) {
                response = response.withHeader("Access-Control-Allow-Headers", String.join(", ", sorted));
            }
        }
        return response;
    }

    /** Adds the per-response CORS headers when {@code origin} is allowed. */
    void decorate(OutgoingHeaders headers, String origin) {
        if (!allows(origin)) {
            return;
        }
        headers.addIfAbsent("Access-Control-Allow-Origin", origin);
        headers.addIfAbsent("Access-Control-Allow-Credentials", "true");
        headers.addVary("Origin");
    }
}
