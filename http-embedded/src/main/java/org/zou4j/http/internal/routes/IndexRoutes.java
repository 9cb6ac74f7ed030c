package org.zou4j.http.internal.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouEngine;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/** Zou's index routes (zou-auth.md §7): {@code /}, {@code /status}, {@code /status.txt}, {@code /config}. */
public final class IndexRoutes {
    /** The Zou API version this server speaks. */
    public static final String ZOU_VERSION = "1.0.67";

    public List<Route> routes(ZouEngine engine) {
        return List.of(
                Route.of("GET", "/", false, this::index),
                Route.of("GET", "/status", false, this::status),
                Route.of("GET", "/status.txt", false, this::statusText),
                Route.of("GET", "/config", false, this::config));
    }

    private HttpResponse index(Call call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api", "Zou");
        body.put("version", ZOU_VERSION);
        return call.json().ok(body);
    }

    private Map<String, Object> statusBody(Call call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Zou");
        body.put("version", ZOU_VERSION);
        body.put("database-up", call.engine().isStorageUp());
        body.put("key-value-store-up", true);
        body.put("event-stream-up", true);
        body.put("job-queue-up", true);
        body.put("indexer-up", false);
        return body;
    }

    private HttpResponse status(Call call) {
        return call.json().ok(statusBody(call));
    }

    private HttpResponse statusText(Call call) {
        StringBuilder text = new StringBuilder();
        statusBody(call).forEach((k, v) -> text.append(k).append(": ")
                .append(v instanceof Boolean b ? (b ? "up" : "down") : v).append('\n'));
        return HttpResponse.bytes(200, "text/plain; charset=utf-8",
                text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private HttpResponse config(Call call) {
        return call.json().ok(call.engine().publicConfig());
    }
}
