package org.zou4j.chats;

import java.util.List;
import java.util.Map;
import org.zou4j.tasks.Upload;

/**
 * Zou's {@code chats} blueprint ({@code session.chats()}): the chat of an entity (asset, shot, ...) and its messages.
 * The caller must be in the entity's project team (a vendor: working on the entity); only participants post (joining
 * is {@code session.user().joinChat}); a message is deleted by its author or an admin. Answers are Zou's JSON values;
 * errors are {@link org.zou4j.ZouException}s with Zou's status codes. Each change emits Zou's event
 * ({@code chat:new-message}, {@code chat:deleted-message}).
 */
public interface Chats {

    /** {@code GET /data/entities/<id>/chat}: the chat (made on first use) with its participants and messages. */
    Map<String, Object> chat(String entityId);

    /** {@code GET /data/entities/<id>/chat/messages}: oldest first, each with its attachments' id, name, extension. */
    List<Map<String, Object>> messages(String entityId);

    /**
     * {@code POST /data/entities/<id>/chat/messages}: a new message by the caller, who must be a participant (400
     * otherwise), with optional attached files.
     */
    Map<String, Object> postMessage(String entityId, String message, List<Upload> files);

    /** {@code GET /data/entities/<id>/chat/messages/<message_id>} (403 when the message is another chat's). */
    Map<String, Object> message(String entityId, String messageId);

    /** {@code DELETE /data/entities/<id>/chat/messages/<message_id>}: its author or an admin; attachments go too. */
    void deleteMessage(String entityId, String messageId);
}
