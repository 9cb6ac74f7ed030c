package org.zou4j.http.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches request paths to routes: served at {@code /} and under {@code /api}, with or without a trailing slash;
 * literal segments take precedence over {@code <param>} segments; a path that exists for other methods answers 405.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    public void add(Route route) {
        routes.add(route);
    }

    public void addAll(List<Route> more) {
        routes.addAll(more);
    }

    /**
     * The outcome of matching.
     *
     * @param route     the route to run, or {@code null} when none serves this method and path
     * @param params    the path parameters of {@code route}
     * @param pathKnown whether some route serves this path with another method (then the answer is 405)
     * @param allowed   the methods the path answers, as Flask lists them in {@code Allow}: every route method, HEAD
     *                  where GET is served, and OPTIONS; empty when the path is unknown
     */
    public record Match(Route route, Map<String, String> params, boolean pathKnown, Set<String> allowed) {

        /** The {@code Allow} header value: the allowed methods, sorted, comma separated. */
        public String allowHeader() {
            return String.join(", ", allowed);
        }
    }

    public Match match(String method, List<String> pathSegments) {
        // empty segments come from a trailing slash (or doubled slashes): Zou accepts both forms
        List<String> segments = pathSegments.stream().filter(s -> !s.isEmpty()).toList();
        if (!segments.isEmpty() && segments.get(0).equals("api")) {
            segments = segments.subList(1, segments.size());
        }
        String effective = method.equals("HEAD") ? "GET" : method;
        Route best = null;
        Map<String, String> bestParams = null;
        boolean pathKnown = false;
        Set<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Map<String, String> params = matchPath(r, segments);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            allowed.add(r.method());
            if (r.method().equals("GET")) {
                allowed.add("HEAD");
            }
            if (!r.method().equals(effective)) {
                continue;
            }
            if (best == null || r.literalCount() > best.literalCount()) {
                best = r;
                bestParams = params;
            }
        }
        // A literal route of another method must not hide a parameter route of this method (Zou: PUT /data/projects/all
        // reaches the CRUD instance route), which the loop above already ensures by filtering on method first.
        if (pathKnown) {
            allowed.add("OPTIONS");
        }
        return new Match(best, bestParams == null ? Map.of() : bestParams, pathKnown,
                Collections.unmodifiableSet(allowed));
    }

    private static Map<String, String> matchPath(Route r, List<String> segments) {
        if (r.segments().size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String pattern = r.segments().get(i);
            if (r.isParam(i)) {
                params.put(pattern.substring(1, pattern.length() - 1), segments.get(i));
            } else if (!pattern.equals(segments.get(i))) {
                return null;
            }
        }
        return params;
    }
}
