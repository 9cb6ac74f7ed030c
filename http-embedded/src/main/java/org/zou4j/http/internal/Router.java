package org.zou4j.http.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches request paths to routes: served at {@code /} and under {@code /api}, with or without a trailing slash;
 * literal segments take precedence over {@code <param>} segments; a path that exists for other methods answers 405.
 *
 * <p>Routes are indexed by segment count and first two segments (literals; a parameter segment puts the route in a
 * wider list), so a request looks only at the handful of routes of its own shape instead of every route (the router
 * used to scan all of them, building a parameter map for each candidate, on every request). The methods a path
 * answers ({@code Allow}) are only worked out for a 405 or an OPTIONS request.
 */
public final class Router {
    private static final List<Route> NONE = List.of();

    private final Set<String> shapes = new HashSet<>();
    /**
     * The routes of one shape key, in the order they were added: {@code size}, {@code size/first} (second segment a
     * parameter, or fewer than two segments) or {@code size/first/second} (both literal). Ties between candidates of
     * several lists are broken by the order of addition, as when all were one list.
     */
    private final Map<String, List<Route>> byKey = new HashMap<>();
    /** Each route's rank among equally literal candidates: literal first segment first, then order of addition. */
    private final Map<Route, Integer> order = new java.util.IdentityHashMap<>();

    /**
     * Adds a route.
     *
     * @throws IllegalStateException when a route of the same method and path shape (parameters named alike or not) is
     *                               already there: two areas serving one Zou route is a wiring error, found at start
     */
    public void add(Route route) {
        StringBuilder shape = new StringBuilder(route.method());
        for (int i = 0; i < route.segments().size(); i++) {
            shape.append('/').append(route.isParam(i) ? "<>" : route.segments().get(i));
        }
        if (!shapes.add(shape.toString())) {
            throw new IllegalStateException("Two routes serve " + route.method() + " /"
                    + String.join("/", route.segments()));
        }
        int size = route.segments().size();
        String key;
        if (size == 0 || route.isParam(0)) {
            key = String.valueOf(size);
        } else if (size == 1 || route.isParam(1)) {
            key = size + "/" + route.segments().get(0);
        } else {
            key = size + "/" + route.segments().get(0) + "/" + route.segments().get(1);
        }
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(route);
        // ties: a route with a literal first segment first, then the order of addition (as the router always did)
        order.put(route, (size > 0 && route.isParam(0) ? 1 << 20 : 0) + order.size());
    }

    private int rank(Route r) {
        return order.get(r);
    }

    public void addAll(List<Route> more) {
        more.forEach(this::add);
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
        List<String> segments = normalize(pathSegments);
        String effective = method.equals("HEAD") ? "GET" : method;
        List<List<Route>> lists = candidates(segments);
        Route best = null;
        boolean pathKnown = false;
        for (List<Route> list : lists) {
            for (Route r : list) {
                if (!matches(r, segments)) {
                    continue;
                }
                pathKnown = true;
                // A literal route of another method must not hide a parameter route of this method (Zou: PUT
                // /data/projects/all reaches the CRUD instance route): the method is filtered first.
                if (r.method().equals(effective) && (best == null || r.literalCount() > best.literalCount()
                        || r.literalCount() == best.literalCount() && rank(r) < rank(best))) {
                    best = r;
                }
            }
        }
        if (best != null) {
            return new Match(best, params(best, segments), true, Set.of());
        }
        if (!pathKnown) {
            return new Match(null, Map.of(), false, Set.of());
        }
        Set<String> allowed = new TreeSet<>();
        for (List<Route> list : lists) {
            for (Route r : list) {
                if (matches(r, segments)) {
                    allowed.add(r.method());
                    if (r.method().equals("GET")) {
                        allowed.add("HEAD");
                    }
                }
            }
        }
        allowed.add("OPTIONS");
        return new Match(null, Map.of(), true, Collections.unmodifiableSet(allowed));
    }

    /** Empty segments come from a trailing slash (or doubled slashes): Zou accepts both forms; {@code /api} too. */
    private static List<String> normalize(List<String> pathSegments) {
        int start = 0;
        while (start < pathSegments.size() && pathSegments.get(start).isEmpty()) {
            start++;
        }
        boolean api = start < pathSegments.size() && pathSegments.get(start).equals("api");
        boolean clean = true;
        for (int i = start; i < pathSegments.size(); i++) {
            if (pathSegments.get(i).isEmpty()) {
                clean = false;
                break;
            }
        }
        if (clean) {
            return pathSegments.subList(api ? start + 1 : start, pathSegments.size());
        }
        List<String> out = new ArrayList<>(pathSegments.size());
        for (String s : pathSegments) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return api ? out.subList(1, out.size()) : out;
    }

    /** The lists of routes that may match: those of the path's size and first two segments, then wider ones. */
    private List<List<Route>> candidates(List<String> segments) {
        int size = segments.size();
        List<Route> any = byKey.getOrDefault(String.valueOf(size), NONE);
        if (size == 0) {
            return List.of(any);
        }
        String first = size + "/" + segments.get(0);
        List<Route> byFirst = byKey.getOrDefault(first, NONE);
        if (size == 1) {
            return List.of(byFirst, any);
        }
        return List.of(byKey.getOrDefault(first + "/" + segments.get(1), NONE), byFirst, any);
    }

    private static boolean matches(Route r, List<String> segments) {
        List<String> pattern = r.segments();
        for (int i = 0; i < segments.size(); i++) {
            if (!r.isParam(i) && !pattern.get(i).equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> params(Route r, List<String> segments) {
        Map<String, String> params = null;
        for (int i = 0; i < segments.size(); i++) {
            if (r.isParam(i)) {
                if (params == null) {
                    params = new HashMap<>(4);
                }
                String pattern = r.segments().get(i);
                params.put(pattern.substring(1, pattern.length() - 1), segments.get(i));
            }
        }
        return params == null ? Map.of() : params;
    }
}
