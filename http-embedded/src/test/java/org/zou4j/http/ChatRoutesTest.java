package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Zou's {@code chats} blueprint over HTTP (zou {@code chats/resources.py}, {@code chats_service}) with the user
 * routes that join and leave a chat: the chat of an entity, its messages, who may read, post and delete, and the
 * events. Runs on H2; {@link Postgres} runs the same tests on PostgreSQL.
 */
@SuppressWarnings("unchecked")
class ChatRoutesTest extends TaskWorldTest {
    /** The same tests on PostgreSQL ({@code ZOU_TEST_PG_URL}; skipped when unset). */
    static class Postgres extends ChatRoutesTest {
        @Override
        boolean postgres() {
            return true;
        }
    }

    private String newAsset() {
        return w.create("entities", Map.of("name", "Chat " + System.nanoTime(), "project_id", w.project,
                "entity_type_id", w.assetType));
    }

    private String chatUrl(String entity) {
        return "/data/entities/" + entity + "/chat";
    }

    /** Zou's test_chats (test_join_chat, test_get_chat, test_post_chat_message, test_get_chat_message). */
    @Test
    void participantsPostMessagesThatEveryoneInTheTeamReads() {
        String asset = newAsset();
        ApiClient.Reply joined = w.as("artist").post("/actions/user/chats/" + asset + "/join", Map.of());
        assertThat(joined.status()).as(joined.text()).isEqualTo(200);
        String chatId = (String) joined.map().get("id");

        ApiClient.Reply posted = w.as("artist").post(chatUrl(asset) + "/messages", Map.of("message", "Hello team"));
        assertThat(posted.status()).as(posted.text()).isEqualTo(201);
        Map<String, Object> message = posted.map();
        assertThat(message).containsEntry("chat_id", chatId).containsEntry("person_id", w.persons.get("artist"))
                .containsEntry("text", "Hello team");
        String messageId = (String) message.get("id");
        List<Map<String, Object>> events = w.eventsNamed("chat:new-message", "chat_message_id", messageId);
        assertThat(events).hasSize(1);
        assertThat((Map<String, Object>) events.get(0).get("data")).containsEntry("chat_id", chatId)
                .containsKey("last_message");

        Map<String, Object> chat = w.as("manager").get(chatUrl(asset)).map();
        assertThat(chat).containsEntry("id", chatId).containsEntry("object_id", asset);
        assertThat(chat.get("last_message")).isNotNull();
        assertThat((List<Object>) chat.get("participants")).containsExactly(w.persons.get("artist"));
        List<Map<String, Object>> messages = (List<Map<String, Object>>) chat.get("messages");
        assertThat(messages).extracting(m -> m.get("text")).containsExactly("Hello team");
        assertThat(messages.get(0)).containsEntry("attachment_files", List.of());

        assertThat(w.as("artist2").get(chatUrl(asset) + "/messages").list()).extracting(m -> m.get("id"))
                .containsExactly(messageId);
        assertThat(w.as("client").get(chatUrl(asset) + "/messages/" + messageId).map())
                .containsEntry("text", "Hello team");
    }

    @Test
    void onlyParticipantsPostAndOnlyTheTeamReads() {
        String asset = newAsset();
        ApiClient.Reply notIn = w.as("artist2").post(chatUrl(asset) + "/messages", Map.of("message", "Hi"));
        assertThat(notIn.status()).isEqualTo(400);
        assertThat(notIn.map()).containsEntry("message", "You are not a participant of this chat");
        assertThat(w.as("artist2").post(chatUrl(asset) + "/messages", Map.of()).status()).isEqualTo(400);
        // outside the team: 403; a vendor only on entities they work on
        assertThat(w.as("outsider").get(chatUrl(asset)).status()).isEqualTo(403);
        assertThat(w.as("outsider").get(chatUrl(asset) + "/messages").status()).isEqualTo(403);
        assertThat(w.as("vendor").get(chatUrl(asset)).status()).isEqualTo(403);
        assertThat(w.as("vendor").get(chatUrl(w.asset)).status()).isEqualTo(403);
        w.assign("animation", "vendor");
        assertThat(w.as("vendor").get(chatUrl(w.asset)).status()).isEqualTo(200);
        assertThat(w.admin.get(chatUrl(java.util.UUID.randomUUID().toString())).status()).isEqualTo(404);
        // leaving the chat stops posting
        w.as("artist2").post("/actions/user/chats/" + asset + "/join", Map.of());
        assertThat(w.as("artist2").post(chatUrl(asset) + "/messages", Map.of("message", "in")).status())
                .isEqualTo(201);
        assertThat(w.as("artist2").delete("/actions/user/chats/" + asset + "/join").status()).isEqualTo(204);
        assertThat(w.as("artist2").post(chatUrl(asset) + "/messages", Map.of("message", "out")).status())
                .isEqualTo(400);
    }

    /** Zou's test_chats.test_delete_chat_message. */
    @Test
    void aMessageIsDeletedByItsAuthorOrAnAdmin() {
        String asset = newAsset();
        w.as("artist").post("/actions/user/chats/" + asset + "/join", Map.of());
        String first = (String) w.as("artist").post(chatUrl(asset) + "/messages", Map.of("message", "one")).map()
                .get("id");
        String second = (String) w.as("artist").post(chatUrl(asset) + "/messages", Map.of("message", "two")).map()
                .get("id");
        assertThat(w.as("manager").delete(chatUrl(asset) + "/messages/" + first).status()).isEqualTo(403);
        assertThat(w.as("artist").delete(chatUrl(asset) + "/messages/" + first).status()).isEqualTo(204);
        assertThat(w.eventsNamed("chat:deleted-message", "chat_message_id", first)).hasSize(1);
        assertThat(w.admin.delete(chatUrl(asset) + "/messages/" + second).status()).isEqualTo(204);
        assertThat(w.as("artist").get(chatUrl(asset) + "/messages").list()).isEmpty();
        assertThat(w.as("artist").get(chatUrl(asset) + "/messages/" + first).status()).isEqualTo(404);
    }

    @Test
    void aMessageIsReadThroughItsOwnEntityOnly() {
        String asset = newAsset();
        String other = newAsset();
        w.as("artist").post("/actions/user/chats/" + asset + "/join", Map.of());
        String id = (String) w.as("artist").post(chatUrl(asset) + "/messages", Map.of("message", "mine")).map()
                .get("id");
        assertThat(w.as("artist").get(chatUrl(other) + "/messages/" + id).status()).isEqualTo(403);
        assertThat(w.as("artist").delete(chatUrl(other) + "/messages/" + id).status()).isEqualTo(403);
        assertThat(w.as("artist").get(chatUrl(asset) + "/messages/" + java.util.UUID.randomUUID()).status())
                .isEqualTo(404);
    }

    /** Zou's test_chats.test_post_chat_message_with_attachment (without its picture thumbnail). */
    @Test
    void aMessagePostedAsAFormCarriesItsAttachments() {
        String asset = newAsset();
        w.as("artist").post("/actions/user/chats/" + asset + "/join", Map.of());
        String boundary = "zou4jboundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nsee file\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nsome notes\r\n--" + boundary + "--\r\n";
        ApiClient.Reply r = w.as("artist").sendBytes("POST", chatUrl(asset) + "/messages",
                body.getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=" + boundary);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        List<Map<String, Object>> files = (List<Map<String, Object>>) r.map().get("attachment_files");
        assertThat(files).hasSize(1);
        assertThat(files.get(0)).containsEntry("name", "notes.txt").containsEntry("extension", "txt");
        String messageId = (String) r.map().get("id");
        Map<String, Object> read = w.as("artist").get(chatUrl(asset) + "/messages/" + messageId).map();
        assertThat((List<Map<String, Object>>) read.get("attachment_files")).singleElement()
                .isEqualTo(Map.of("id", files.get(0).get("id"), "name", "notes.txt", "extension", "txt"));
        assertThat(w.as("artist").delete(chatUrl(asset) + "/messages/" + messageId).status()).isEqualTo(204);
        assertThat(w.admin.get("/data/attachment-files/" + files.get(0).get("id")).status()).isEqualTo(404);
    }
}
