package org.zou4j.internal.chats;

import java.util.List;
import java.util.Map;
import org.zou4j.chats.Chats;
import org.zou4j.internal.access.Caller;
import org.zou4j.tasks.Upload;

/** {@link Chats} bound to a caller. */
public final class BoundChats implements Chats {
    private final ChatService service;
    private final Caller caller;

    public BoundChats(ChatService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> chat(String entityId) {
        return service.chat(caller, entityId);
    }

    @Override
    public List<Map<String, Object>> messages(String entityId) {
        return service.messages(caller, entityId);
    }

    @Override
    public Map<String, Object> postMessage(String entityId, String message, List<Upload> files) {
        return service.postMessage(caller, entityId, message, files);
    }

    @Override
    public Map<String, Object> message(String entityId, String messageId) {
        return service.message(caller, entityId, messageId);
    }

    @Override
    public void deleteMessage(String entityId, String messageId) {
        service.deleteMessage(caller, entityId, messageId);
    }
}
