package org.zou4j.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.zou4j.DataSet;
import org.zou4j.ListResult;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.http.transport.HttpRequest;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.http.transport.RequestHandler;

/**
 * Stand-in for the server's {@code /data} routes while the engine cannot yet turn a token into a session (auth not
 * landed): the same engine calls as {@code DataRoutes} (list streamed with {@code ListResult.writeJson}, get, create
 * answered with Jackson), on the same transport, as the engine's system session, without token check or router.
 * Used only when {@link Auth#token} finds no login route; the report says so.
 */
final class BenchRoutes implements RequestHandler {
    private final Session session;
    private final ObjectMapper mapper = new ObjectMapper();

    BenchRoutes(ZouEngine engine) {
        this.session = engine.systemSession();
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        List<String> seg = request.pathSegments();
        try {
            if (seg.isEmpty() || seg.size() == 1 && seg.get(0).isEmpty()) {
                return HttpResponse.json(200, "{\"api\":\"Zou\",\"version\":\"bench\"}");
            }
            if (seg.size() >= 2 && seg.get(0).equals("data")) {
                DataSet data = session.data(seg.get(1));
                Query query = Query.of(request.queryParameters());
                if (seg.size() == 2 && request.method().equals("GET")) {
                    ListResult result = data.query(query);
                    if (result.isPage()) {
                        try (result) {
                            return json(200, result.page());
                        }
                    }
                    return HttpResponse.streamJson(200, result::writeJson);
                }
                if (seg.size() == 2 && request.method().equals("POST")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> body = mapper.readValue(request.bodyAsString(), Map.class);
                    return json(201, data.create(body).asMap());
                }
                if (seg.size() == 3 && request.method().equals("GET")) {
                    return json(200, data.get(seg.get(2), query).asMap());
                }
            }
            return HttpResponse.error(404, "Not found");
        } catch (ZouException e) {
            return json(e.httpStatus(), e.body());
        } catch (IOException e) {
            return HttpResponse.error(400, "Malformed JSON body");
        }
    }

    private HttpResponse json(int status, Object body) {
        try {
            return HttpResponse.json(status, mapper.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
