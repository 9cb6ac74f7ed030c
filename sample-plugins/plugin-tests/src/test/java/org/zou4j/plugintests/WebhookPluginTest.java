package org.zou4j.plugintests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zou4j.Entry;
import org.zou4j.PluginStatus;

/** The webhook sample delivers chosen events, signed, to a real HTTP receiver, and retries after a failure. */
class WebhookPluginTest {
    private static final String SECRET = "whsec-test-0123456789";

    @TempDir
    Path plugins;
    HttpServer receiver;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** How many of the next requests the receiver answers 500 to. */
    final AtomicInteger failNext = new AtomicInteger();
    Studio studio;

    record Delivery(String event, String id, String signature, String contentType, byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks/zou", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("X-Zou4j-Event"),
                    exchange.getRequestHeaders().getFirst("X-Zou4j-Delivery"),
                    exchange.getRequestHeaders().getFirst("X-Zou4j-Signature-256"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        Studio.copySamplePlugins(plugins);
        Files.writeString(plugins.resolve("webhook.properties"), String.join("\n",
                "url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/zou",
                "secret=" + SECRET,
                "events=project:new, task:*",
                "max-attempts=3",
                "retry-delay-ms=50"));
        studio = new Studio(plugins);
    }

    @AfterEach
    void stop() {
        studio.close();
        receiver.stop(0);
    }

    @Test
    void theWebhookListenerIsLiveWithItsSettings() {
        PluginStatus webhook = studio.engine.plugins().stream().filter(s -> "webhook".equals(s.pluginId()))
                .findFirst().orElseThrow();
        assertThat(webhook.state()).isEqualTo(PluginStatus.State.STARTED);
        assertThat(webhook.eventListeners()).isEqualTo(1);
    }

    @Test
    void chosenEventsArePostedAsSignedJson() throws Exception {
        studio.withProduction();
        awaitDeliveries(1 + 4 + 0);
        // project:new and the four task:new, nothing else (entities, statuses, persons... are not chosen)
        assertThat(deliveries).extracting(Delivery::event)
                .containsExactly("project:new", "task:new", "task:new", "task:new", "task:new");
        Delivery first = deliveries.get(0);
        assertThat(first.contentType()).isEqualTo("application/json");
        assertThat(first.signature()).isEqualTo("sha256=" + hmac(first.body()));
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(first.body(), Map.class);
        assertThat(json).containsEntry("name", "project:new").containsEntry("id", first.id());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) json.get("data");
        assertThat(data).containsEntry("project_id", studio.project.id());
        assertThat(json.get("project_id")).isEqualTo(studio.project.id());
        assertThat(json).containsKeys("created_at", "user_id");
        Entry logged = studio.system.data("events").get(first.id());
        assertThat(logged.get("name")).isEqualTo("project:new");
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameIdAndSignature() throws Exception {
        failNext.set(2);
        Entry status = studio.system.data("project-status").create(Map.of("name", "Open", "color", "#000000"));
        Entry project = studio.system.data("projects").create(Map.of("name", "Retry", "project_status_id",
                status.id()));
        awaitDeliveries(3);
        assertThat(deliveries).extracting(Delivery::event).containsOnly("project:new");
        assertThat(deliveries).extracting(Delivery::id).containsOnly(deliveries.get(0).id());
        assertThat(deliveries).allSatisfy(d -> assertThat(d.signature()).isEqualTo("sha256=" + hmac(d.body())));
        assertThat(new String(deliveries.get(2).body(), StandardCharsets.UTF_8)).contains(project.id());
        Thread.sleep(300);
        assertThat(deliveries).hasSize(3);
        assertThat(failures()).isZero();
    }

    @Test
    void aDeliveryThatKeepsFailingIsReportedAndTheNextEventStillGoes() throws Exception {
        failNext.set(3);
        Entry status = studio.system.data("project-status").create(Map.of("name", "Open", "color", "#000000"));
        studio.system.data("projects").create(Map.of("name", "Lost", "project_status_id", status.id()));
        awaitDeliveries(3);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (failures() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(failures()).isEqualTo(1);
        studio.system.data("projects").create(Map.of("name", "Next", "project_status_id", status.id()));
        awaitDeliveries(4);
        assertThat(new String(deliveries.get(3).body(), StandardCharsets.UTF_8)).doesNotContain("Lost");
    }

    private long failures() {
        return studio.engine.plugins().stream().filter(s -> "webhook".equals(s.pluginId())).findFirst().orElseThrow()
                .failures();
    }

    private void awaitDeliveries(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (deliveries.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(deliveries).hasSize(n);
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(body)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
