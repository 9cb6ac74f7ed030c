package org.zou4j.http.internal;

import java.util.List;
import org.zou4j.http.transport.HttpResponse;

/**
 * One route: a method, a path pattern of literal segments and {@code <param>} segments, whether a token is required,
 * and the handler. Patterns are written without the {@code /api} prefix and without a trailing slash; the router
 * accepts both variants, as Zou does.
 *
 * @param method        HTTP method (HEAD is served by GET routes)
 * @param segments      the pattern's segments
 * @param tokenRequired whether the caller must present a valid access token
 * @param handler       the handler
 * @param cacheable     whether its GET answers go through the engine's read cache: only for answers that depend on
 *                      nothing but the database (through the engine's SQL), the person asking and the request
 *                      ({@link #cached()} opts a route in)
 */
public record Route(String method, List<String> segments, boolean tokenRequired, Handler handler, boolean cacheable) {

    /** Handles a matched request. */
    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(Call call);
    }

    public static Route of(String method, String pattern, boolean tokenRequired, Handler handler) {
        return new Route(method, split(pattern), tokenRequired, handler, false);
    }

    /**
     * This GET route, its answers cached by the engine's read cache (keyed by the person and the exact request, valid
     * until a write to a table they were computed from). Only for a token-protected route whose answer is a pure
     * function of the database as read through the engine's SQL (and files changed only with a write to a table it
     * reads), the person and the request: nothing time-dependent, random, or read behind the engine's back.
     */
    public Route cached() {
        if (!method.equals("GET") || !tokenRequired) {
            throw new IllegalStateException("Only token-protected GET routes may be cached: " + method + " " + segments);
        }
        return new Route(method, segments, true, handler, true);
    }

    static List<String> split(String path) {
        return java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    boolean isParam(int i) {
        String s = segments.get(i);
        return s.startsWith("<") && s.endsWith(">");
    }

    /** How many literal segments: more literals win over parameters (Zou's static-before-dynamic rule). */
    int literalCount() {
        int n = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (!isParam(i)) {
                n++;
            }
        }
        return n;
    }
}
