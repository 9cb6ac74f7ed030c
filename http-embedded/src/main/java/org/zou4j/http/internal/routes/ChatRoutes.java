package org.zou4j.http.internal.routes;

import java.util.List;
import java.util.Map;
import org.zou4j.chats.Chats;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.FormBody;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.tasks.Upload;

/** Zou's {@code chats} blueprint: thin routes over {@link Chats}. A message is posted as JSON or as a form. */
public final class ChatRoutes {
    private static final String C = "/data/entities/<entity_id>/chat";

    public List<Route> routes() {
        return List.of(
                Route.of("GET", C, true, c -> c.json().ok(chats(c).chat(c.param("entity_id")))),
                Route.of("GET", C + "/messages", true, c -> c.json().ok(chats(c).messages(c.param("entity_id")))),
                Route.of("POST", C + "/messages", true, c -> {
                    String message;
                    List<Upload> files = List.of();
                    if (FormBody.isForm(c)) {
                        FormBody form = FormBody.read(c);
                        message = form.first("message");
                        files = form.uploads();
                    } else {
                        Map<String, Object> body = c.jsonObjectBody();
                        Object m = body == null ? null : body.get("message");
                        message = m == null ? null : m.toString();
                    }
                    return c.json().answer(201, chats(c).postMessage(c.param("entity_id"), message, files));
                }),
                Route.of("GET", C + "/messages/<chat_message_id>", true, c -> c.json().ok(chats(c).message(
                        c.param("entity_id"), c.param("chat_message_id")))),
                Route.of("DELETE", C + "/messages/<chat_message_id>", true, c -> {
                    chats(c).deleteMessage(c.param("entity_id"), c.param("chat_message_id"));
                    return HttpResponse.noContent();
                }));
    }

    private static Chats chats(Call c) {
        return c.session().chats();
    }
}
