package org.zou4j.http.internal.routes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.events.Event;
import org.zou4j.events.Subscription;
import org.zou4j.http.internal.Authenticator;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.realtime.EventAudience;
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
    private static final int QUEUE = 10_000;
    private static final int BATCH = 256;

    private final ZouEngine engine;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;
    private final EventAudience audience;

    private EventStream(ZouEngine engine, com.fasterxml.jackson.databind.ObjectMapper mapper, EventAudience audience) {
        this.engine = engine;
        this.mapper = mapper;
        this.audience = audience;
    }

    static HttpResponse open(Call call) {
        call.session(); // authenticated by the route; the audience checks the same token again at each delivery
        String token = Authenticator.token(call.request(), "access_token_cookie");
        long after = call.request().header("Last-Event-ID").or(() -> call.request().queryParam("last_event_id"))
                .map(EventStream::parseSequence).orElseGet(() -> call.engine().events().lastSequence());
        EventStream stream = new EventStream(call.engine(), call.json().mapper(),
                new EventAudience(call.engine(), token));
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
                    if (!audience.stillAuthorized()) {
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
                    if (audience.sees(next)) {
                        String data = mapper.writeValueAsString(next.data());
                        batch.append("id: ").append(next.sequence()).append("\nevent: ").append(next.name())
                                .append("\ndata: ").append(data).append("\n\n");
                    }
                }
                if (!batch.isEmpty()) {
                    if (!audience.stillAuthorized()) {
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
}
