package org.zou4j.internal.chats;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;
import org.zou4j.internal.tasks.Attachments;
import org.zou4j.tasks.Upload;

/**
 * Zou's {@code chats} blueprint (zou {@code chats/resources.py} and {@code chats_service}): one chat per entity, made
 * on first use, its participants and its messages with their attachments. Every route first checks Zou's
 * {@code check_project_access} and {@code check_entity_access} on the entity.
 */
public final class ChatService {
    /** Ids per {@code IN} list. */
    private static final int IN_CHUNK = 500;
    private final CrudService crud;
    private final EventLog events;
    private final Attachments files;

    public ChatService(CrudService crud, EventLog events, Attachments files) {
        this.crud = crud;
        this.events = events;
        this.files = files;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(HookContext ctx) throws SQLException;
    }

    private <T> T write(Caller caller, Work<T> work) {
        return crud.database().inTransaction(tx -> work.run(crud.context(caller, tx, events.begin(tx,
                caller.personId()))));
    }

    /** {@code ChatResource.get}: the chat (created when missing) with {@code participants} and {@code messages}. */
    public Map<String, Object> chat(Caller caller, String entityId) {
        return write(caller, ctx -> {
            Row entity = entity(ctx, entityId);
            Row chat = chatOf(ctx, entity.id());
            Map<String, Object> out = new LinkedHashMap<>(crud.serialize(ctx, crud.models().table("chat"),
                    List.of(chat), true, ModelHooks.View.GET).get(0));
            out.put("messages", messages(ctx, chat.id()));
            return out;
        });
    }

    /** {@code ChatMessagesResource.get}. */
    public List<Map<String, Object>> messages(Caller caller, String entityId) {
        return write(caller, ctx -> messages(ctx, chatOf(ctx, entity(ctx, entityId).id()).id()));
    }

    /** {@code ChatMessagesResource.post}: participants only; {@code last_message} updated; chat:new-message. */
    public Map<String, Object> postMessage(Caller caller, String entityId, String message, List<Upload> uploads) {
        if (message == null) {
            throw ZouException.wrongParameter("Validation error.", Map.of("errors", List.of(
                    Map.of("field", "message", "message", "Field required"))));
        }
        if (caller.personId() == null) {
            throw ZouException.wrongParameter("You are not a participant of this chat");
        }
        return write(caller, ctx -> {
            Row entity = entity(ctx, entityId);
            Row chat = chatOf(ctx, entity.id());
            if (!ctx.tx().exists("chat_participant", List.of(Filter.eq("chat_id", chat.id()),
                    Filter.eq("person_id", caller.personId())))) {
                throw ZouException.wrongParameter("You are not a participant of this chat");
            }
            UUID id = UUID.randomUUID();
            LocalDateTime now = ctx.now();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("chat_id", chat.id());
            row.put("person_id", caller.personId());
            row.put("text", message);
            ctx.tx().insert("chat_message", row);
            ctx.tx().updateById("chat", chat.id(), Map.of("last_message", now, "updated_at", now));
            Map<String, Object> out = new LinkedHashMap<>(crud.serialize(ctx, crud.models().table("chat_message"),
                    List.of(ctx.tx().byId("chat_message", id)), false, ModelHooks.View.GET).get(0));
            out.remove("attachment_files");
            if (uploads != null && !uploads.isEmpty()) {
                List<Row> stored = new ArrayList<>();
                for (Upload u : uploads) {
                    stored.add(storeAttachment(ctx, u, id));
                }
                out.put("attachment_files", crud.serialize(ctx, crud.models().table("attachment_file"), stored,
                        false, ModelHooks.View.LIST));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("chat_id", chat.id().toString());
            data.put("chat_message_id", id.toString());
            data.put("last_message", crud.jsonForm().toJsonValue(now));
            ctx.events().emit("chat:new-message", data, (UUID) entity.get("project_id"));
            return out;
        });
    }

    /** {@code ChatMessageResource.get}: 404 unknown message, 403 when it belongs to another chat. */
    public Map<String, Object> message(Caller caller, String entityId, String messageId) {
        return write(caller, ctx -> {
            Row chat = chatOf(ctx, entity(ctx, entityId).id());
            Row message = messageOf(ctx, chat, messageId);
            return messageJson(ctx, List.of(message)).get(0);
        });
    }

    /** {@code ChatMessageResource.delete}: the author or an admin; attachments removed; chat:deleted-message. */
    public void deleteMessage(Caller caller, String entityId, String messageId) {
        write(caller, ctx -> {
            Row entity = entity(ctx, entityId);
            Row chat = chatOf(ctx, entity.id());
            Row message = messageOf(ctx, chat, messageId);
            if (!caller.isAdmin() && !message.get("person_id").equals(caller.personId())) {
                throw ZouException.forbidden();
            }
            List<Object> attachments = ctx.tx().column("attachment_file", "id",
                    List.of(Filter.eq("chat_message_id", message.id())));
            ctx.tx().delete("attachment_file", List.of(Filter.eq("chat_message_id", message.id())));
            ctx.tx().delete("chat_message", List.of(Filter.eq("id", message.id())));
            ctx.tx().afterCommit(() -> {
                for (Object a : attachments) {
                    try {
                        files.delete((UUID) a);
                    } catch (RuntimeException e) {
                        // the rows are gone; a file left behind is only space
                    }
                }
            });
            ctx.events().emit("chat:deleted-message", Map.of("chat_id", chat.id().toString(),
                    "chat_message_id", message.id().toString()), (UUID) entity.get("project_id"));
            return null;
        });
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** The entity (404), readable by the caller: in its project's team (403), a vendor only working on it (403). */
    private static Row entity(HookContext ctx, String entityId) throws SQLException {
        UUID id = entityId == null ? null : Values.tryParseId(entityId);
        Row entity = id == null ? null : ctx.tx().byId("entity", id);
        if (entity == null) {
            throw ZouException.notFound("Entity not found");
        }
        if (!ctx.access().inTeam((UUID) entity.get("project_id"))) {
            throw ZouException.forbidden();
        }
        if (ctx.caller().hasRole("vendor") && !ctx.access().workingOnEntity(entity.id())) {
            throw ZouException.forbidden();
        }
        return entity;
    }

    /** Zou's {@code get_chat_raw}: the entity's chat, created when missing. */
    private static Row chatOf(HookContext ctx, UUID entityId) throws SQLException {
        List<Row> chats = ctx.tx().select("chat", List.of(Filter.eq("object_id", entityId)),
                List.of(Tx.Order.asc("created_at")), 1, 0);
        if (!chats.isEmpty()) {
            return chats.get(0);
        }
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("object_id", entityId);
        row.put("object_type", "entity");
        ctx.tx().insert("chat", row);
        return ctx.tx().byId("chat", id);
    }

    private static Row messageOf(HookContext ctx, Row chat, String messageId) throws SQLException {
        UUID id = messageId == null ? null : Values.tryParseId(messageId);
        Row message = id == null ? null : ctx.tx().byId("chat_message", id);
        if (message == null) {
            throw ZouException.notFound("Chat message not found");
        }
        if (!chat.id().equals(message.get("chat_id"))) {
            throw ZouException.forbidden();
        }
        return message;
    }

    private List<Map<String, Object>> messages(HookContext ctx, UUID chatId) throws SQLException {
        return messageJson(ctx, ctx.tx().select("chat_message", List.of(Filter.eq("chat_id", chatId)),
                List.of(Tx.Order.asc("created_at")), 0, 0));
    }

    /** Zou's {@code _serialize_message}: the message with its attachments as {@code {id, name, extension}}. */
    private List<Map<String, Object>> messageJson(HookContext ctx, List<Row> rows) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        if (rows.isEmpty()) {
            return out;
        }
        List<Map<String, Object>> json = crud.serialize(ctx, crud.models().table("chat_message"), rows, false,
                ModelHooks.View.LIST);
        List<Object> ids = new ArrayList<>();
        for (Row r : rows) {
            ids.add(r.id());
        }
        Map<Object, List<Map<String, Object>>> attachments = new LinkedHashMap<>();
        List<Row> files = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += IN_CHUNK) {
            files.addAll(ctx.tx().select("attachment_file", List.of(Filter.in("chat_message_id",
                    ids.subList(i, Math.min(ids.size(), i + IN_CHUNK)))), List.of(Tx.Order.asc("created_at")), 0, 0));
        }
        for (Row a : files) {
            Map<String, Object> light = new LinkedHashMap<>();
            light.put("id", a.id().toString());
            light.put("name", a.get("name"));
            light.put("extension", a.get("extension"));
            attachments.computeIfAbsent(a.get("chat_message_id"), k -> new ArrayList<>()).add(light);
        }
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>(json.get(i));
            m.put("attachment_files", attachments.getOrDefault(rows.get(i).id(), List.of()));
            out.add(m);
        }
        return out;
    }

    /** Stores an uploaded file and its {@code attachment_file} row, as comment attachments are stored. */
    private Row storeAttachment(HookContext ctx, Upload upload, UUID chatMessageId) throws SQLException {
        UUID id = UUID.randomUUID();
        String name = upload.fileName();
        int dot = name.lastIndexOf('.');
        String extension = dot >= 0 ? name.substring(dot + 1) : "";
        if (extension.length() > 6) {
            extension = extension.substring(0, 6);
        }
        if (name.length() > 250) {
            name = name.substring(0, 250);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("created_at", ctx.now());
        row.put("updated_at", ctx.now());
        row.put("name", name);
        row.put("size", upload.size());
        row.put("extension", extension);
        row.put("mimetype", upload.mimeType());
        row.put("chat_message_id", chatMessageId);
        ctx.tx().insert("attachment_file", row);
        files.put(id, upload);
        return ctx.tx().byId("attachment_file", id);
    }
}
