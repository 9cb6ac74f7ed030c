package org.zou4j.http.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.http.internal.ui.StaticUi;
import org.zou4j.http.transport.HttpRequest;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.http.transport.RequestHandler;
import org.zou4j.readcache.ReadCache;

/**
 * The transport's request handler: routes a request, authenticates it when its route requires a token, runs the
 * route, and turns engine errors into Zou's status codes and bodies. Anything unexpected is a logged 500 whose body
 * says nothing of the cause; every 5xx body carries a {@code request_id} that its log line also names.
 */
public final class Dispatcher implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Router router;
    private final ZouEngine engine;
    private final Json json;
    private final Authenticator authenticator;
    private final StaticUi ui;

    /**
     * @param ui the web UI served beside the API, or {@code null} for none
     */
    public Dispatcher(Router router, ZouEngine engine, Json json, StaticUi ui) {
        this.router = router;
        this.ui = ui;
        this.engine = engine;
        this.json = json;
        this.authenticator = new Authenticator(engine);
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (ui != null && ui.owns(request)) {
            return ui.serve(request);
        }
        Router.Match match = router.match(request.method(), request.pathSegments());
        if (match.route() == null) {
            if (!match.pathKnown()) {
                return json.error(ZouException.notFound());
            }
            // RFC 9110: a 405 lists the path's methods; OPTIONS on a known path is answered as Flask does
            if (request.method().equals("OPTIONS")) {
                return HttpResponse.empty(200).withHeader("Allow", match.allowHeader());
            }
            return json.error(405, "The method is not allowed for the requested URL.")
                    .withHeader("Allow", match.allowHeader());
        }
        Call call = new Call(request, match.params(), engine, json, authenticator);
        try {
            if (match.route().tokenRequired()) {
                call.authenticate();
            }
            if (match.route().cacheable() && request.method().equals("GET")) {
                ReadCache cache = engine.readCache();
                if (cache.enabled() && call.session().personId() != null) {
                    return cached(call, match.route(), cache);
                }
            }
            return match.route().handler().handle(call);
        } catch (ZouException e) {
            if (e.httpStatus() >= 500) {
                String id = newRequestId();
                LOG.error("{} {} failed (request {}): {}", request.method(), request.path(), id, e.getMessage(),
                        e.getCause());
                Map<String, Object> body = new LinkedHashMap<>(e.body());
                body.put("request_id", id);
                return json.answer(e.httpStatus(), body);
            }
            return json.error(e);
        } catch (RuntimeException e) {
            String id = newRequestId();
            LOG.error("{} {} failed (request {})", request.method(), request.path(), id, e);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", true);
            body.put("message", "Internal server error.");
            body.put("request_id", id);
            return json.answer(500, body);
        }
    }

    /**
     * The answer of a cached route: the stored one while valid (the token was verified just before), else computed and
     * offered to the cache. Errors below 500 are answered here, as {@link #handle} answers them, so that a 404 or 403
     * that only depends on the data is cached too.
     */
    private HttpResponse cached(Call call, Route route, ReadCache cache) {
        String person = call.session().personId();
        String key = requestKey(call.request());
        ReadCache.Answer hit = cache.lookup(person, key);
        if (hit != null) {
            return HttpResponse.replay(hit.status(), hit.headers(), hit.body(), hit.streamed());
        }
        HttpResponse response;
        try (ReadCache.Computation computation = cache.begin()) {
            try {
                response = route.handler().handle(call);
            } catch (ZouException e) {
                if (e.httpStatus() >= 500) {
                    throw e;
                }
                response = json.error(e);
            }
            int status = response.status();
            if ((status >= 200 && status < 300) || status == 403 || status == 404) {
                byte[] body = response.knownBytes();
                if (body != null) {
                    computation.store(person, key, new ReadCache.Answer(status, response.headers(), body,
                            response.isStreaming()));
                }
            }
        }
        return response;
    }

    /**
     * What identifies a request's answer besides the person: method, decoded path segments, and the query parameters
     * sorted by name (each name's values in their order), every part length-prefixed so that no two requests share a
     * key. No header changes the answer of a cached route (content coding and CORS are the transport's, added after).
     */
    static String requestKey(HttpRequest request) {
        StringBuilder key = new StringBuilder(96).append(request.method());
        for (String s : request.pathSegments()) {
            key.append('/').append(s.length()).append(':').append(s);
        }
        Map<String, java.util.List<String>> query = request.queryParameters();
        if (!query.isEmpty()) {
            key.append('?');
            for (Map.Entry<String, java.util.List<String>> e : new java.util.TreeMap<>(query).entrySet()) {
                key.append(e.getKey().length()).append(':').append(e.getKey()).append('=')
                        .append(e.getValue().size());
                for (String v : e.getValue()) {
                    key.append(',').append(v.length()).append(':').append(v);
                }
            }
        }
        return key.toString();
    }

    /**
     * The id of a failed request: given to the caller in the 5xx body ({@code request_id}) and written to the log
     * line with the cause, so a report from a user finds the server-side details (which the body never carries).
     */
    private static String newRequestId() {
        return UUID.randomUUID().toString();
    }
}
