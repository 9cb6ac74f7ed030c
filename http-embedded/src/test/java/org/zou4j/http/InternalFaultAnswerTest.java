package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.LoginRequest;
import org.zou4j.ZouEngine;
import org.zou4j.internal.events.EventInvariants;
import org.zou4j.storage.h2.H2Storage;

/**
 * Issue #19: an event counter behind the event log (what a store that lost a committed write leaves) is the engine's
 * fault: writes answer a 500 with a {@code request_id}, never the caller's 400 naming {@code seq}; the repair makes
 * them work again.
 */
class InternalFaultAnswerTest {

    @Test
    void aTakenEventSequenceIsA500WithARequestIdNotA400NamingSeq() throws Exception {
        H2Storage storage = H2Storage.inMemory();
        try (ZouEngine engine = ZouEngine.builder().storage(storage).secretKey("http-test-secret-0123456789abcdefgh")
                .bcryptCost(4).build();
             ZouHttpServer server = ZouHttpServer.builder(engine).port(0).build().start()) {
            engine.ensureAdmin("admin@example.com", "correct horse battery");
            String token = engine.login(LoginRequest.of("admin@example.com", "correct horse battery")).access()
                    .orElseThrow();
            ApiClient client = new ApiClient(server.port()).withToken(token);
            assertThat(client.post("/api/data/departments", Map.of("name", "Lighting", "color", "#112233")).status())
                    .isEqualTo(201);
            try (Connection c = storage.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE zou4j_event_counter SET seq = seq - 1 WHERE id = 1");
            }

            ApiClient.Reply refused = client.post("/api/data/departments", Map.of("name", "Layout", "color", "#112233"));
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.map()).containsEntry("message", "Internal server error.").doesNotContainKey("fields");
            assertThat((String) refused.map().get("request_id")).matches("[0-9a-f-]{36}");
            assertThat(refused.text()).doesNotContain("seq");

            assertThat(EventInvariants.checkAndRepair(storage.dataSource())).hasSize(1);
            assertThat(client.post("/api/data/departments", Map.of("name", "Layout", "color", "#112233")).status())
                    .isEqualTo(201);
        }
    }
}
