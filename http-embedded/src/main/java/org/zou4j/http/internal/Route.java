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
 */
public record Route(String method, List<String> segments, boolean tokenRequired, Handler handler) {

    /** Handles a matched request. */
    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(Call call);
    }

    public static Route of(String method, String pattern, boolean tokenRequired, Handler handler) {
        return new Route(method, split(pattern), tokenRequired, handler);
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
