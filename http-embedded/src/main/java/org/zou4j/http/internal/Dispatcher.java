package org.zou4j.http.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.http.transport.HttpRequest;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.http.transport.RequestHandler;

/**
 * The transport's request handler: routes a request, authenticates it when its route requires a token, runs the
 * route, and turns engine errors into Zou's status codes and bodies. Anything unexpected is a logged 500 whose body
 * says nothing of the cause.
 */
public final class Dispatcher implements RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Router router;
    private final ZouEngine engine;
    private final Json json;
    private final Authenticator authenticator;

    public Dispatcher(Router router, ZouEngine engine, Json json) {
        this.router = router;
        this.engine = engine;
        this.json = json;
        this.authenticator = new Authenticator(engine);
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
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
            return match.route().handler().handle(call);
        } catch (ZouException e) {
            if (e.httpStatus() >= 500) {
                LOG.error("{} {} failed: {}", request.method(), request.path(), e.getMessage(), e.getCause());
            }
            return json.error(e);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.method(), request.path(), e);
            return json.error(500, "Internal server error.");
        }
    }
}
