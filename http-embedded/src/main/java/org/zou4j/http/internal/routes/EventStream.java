package org.zou4j.http.internal.routes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.events.Event;
import org.zou4j.events.Subscription;
import org.zou4j.http.internal.Authenticator;
import org.zou4j.http.internal.Call;
import org.zou4j.http.transport.HttpResponse;

/**
 * {@code GET /events/stream}: the events as Server-Sent Events, for clients that cannot embed the engine. Each message
 * is {@code id: <sequence>}, {@code event: <name>}, {@code data: <payload JSON>}; a client that reconnects with
 * {@code Last-Event-ID} resumes after that event without a gap. A client only sees events of projects it may read (and
 * project-less events unless it is a client or vendor). The token is checked again before every delivery (once per
 * batch of events that arrived together) and at every keep-alive, so a logout or deactivation ends the stream.
 */
final class EventStream {
    private static final long KEEP_ALIVE_SECONDS = 15;
    private static final long VISIBILITY_REFRESH_MILLIS = 30_000;
    private static final int QUEUE = 10_000;
    private static final int BATCH = 256;

    private final ZouEngine engine;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final String token;
    private Session session;
    private Set<String> visibleProjects = Set.of();
    private long visibilityRefreshedAt;

    private EventStream(ZouEngine engine, com.fasterxml.jackson.databind.ObjectMapper mapper, String token,
                        Session session) {
        this.engine = engine;
        this.mapper = mapper;
        this.token = token;
        this.session = session;
    }

    static HttpResponse open(Call call) {
        Session session = call.session();
        String token = Authenticator.token(call.request(), "access_token_cookie");
        long after = call.request().header("Last-Event-ID").or(() -> call.request().queryParam("last_event_id"))
                .map(EventStream::parseSequence).orElseGet(() -> call.engine().events().lastSequence());
        EventStream stream = new EventStream(call.engine(), call.json().mapper(), token, session);
        return HttpResponse.live(200, "text/event-stream; charset=utf-8", out -> stream.run(out, after))
                .withHeader("Cache-Control", "no-cache");
    }

    private static long parseSequence(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw ZouException.wrongParameter("Last-Event-ID must be the id of an event of this stream.");
        }
    }

    private void run(OutputStream out, long after) throws IOException {
        BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE);
        AtomicBoolean overflow = new AtomicBoolean();
        try (Subscription ignored = engine.events().subscribeAfter(after, "*", e -> {
            if (!queue.offer(e)) {
                overflow.set(true);
            }
        })) {
            write(out, "retry: 3000\n: connected\n\n");
            while (true) {
                Event e = queue.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                if (overflow.get()) {
                    return; // too slow a reader: it reconnects with Last-Event-ID and loses nothing
                }
                if (e == null) {
                    if (!stillAuthorized()) {
                        return;
                    }
                    write(out, ": keep-alive\n\n");
                    continue;
                }
                // what arrived together is delivered together, after one check of the token: a logout or a
                // deactivation stops the stream at its next delivery, and a burst costs one check, not one per event
                List<Event> arrived = new ArrayList<>();
                arrived.add(e);
                queue.drainTo(arrived, BATCH - 1);
                StringBuilder batch = new StringBuilder();
                for (Event next : arrived) {
                    if (visible(next)) {
                        String data = mapper.writeValueAsString(next.data());
                        batch.append("id: ").append(next.sequence()).append("\nevent: ").append(next.name())
                                .append("\ndata: ").append(data).append("\n\n");
                    }
                }
                if (!batch.isEmpty()) {
                    if (!stillAuthorized()) {
                        return;
                    }
                    write(out, batch.toString());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private boolean stillAuthorized() {
        try {
            session = engine.session(token);
            return true;
        } catch (ZouException e) {
            return false;
        }
    }

    private boolean visible(Event e) {
        String role = session.role();
        if ("admin".equals(role)) {
            return true;
        }
        // project events carry their project in the payload only (Zou leaves api_event.project_id empty for them)
        Object project = e.projectId() != null ? e.projectId() : e.data().get("project_id");
        if (project == null) {
            return !"client".equals(role) && !"vendor".equals(role);
        }
        long now = System.currentTimeMillis();
        if (now - visibilityRefreshedAt > VISIBILITY_REFRESH_MILLIS || !visibleProjects.contains(project.toString())) {
            if (now - visibilityRefreshedAt > 1000) {
                refreshVisibility();
                visibilityRefreshedAt = now;
            }
        }
        return visibleProjects.contains(project.toString());
    }

    private void refreshVisibility() {
        Set<String> ids = new HashSet<>();
        for (Entry p : session.data("projects").list(Query.where(Map.of("fields", "id")))) {
            ids.add(p.id());
        }
        visibleProjects = ids;
    }
}
