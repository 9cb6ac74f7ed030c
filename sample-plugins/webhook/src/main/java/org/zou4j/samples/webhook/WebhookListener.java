package org.zou4j.samples.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.pf4j.Extension;
import org.zou4j.plugin.PluginEnvironment;
import org.zou4j.plugin.ZouEvent;
import org.zou4j.plugin.ZouEventListener;

/**
 * Posts chosen events as JSON to a URL, signed with HMAC-SHA256, retrying failed deliveries.
 *
 * <p>Settings ({@code webhook.properties} next to the plugin jar):
 * <ul>
 * <li>{@code url}: where to post (required; without it the plugin delivers nothing);</li>
 * <li>{@code secret}: the HMAC key (required with {@code url});</li>
 * <li>{@code events}: comma-separated names or patterns ({@code task:*}), default {@code *};</li>
 * <li>{@code max-attempts} (default 5), {@code retry-delay-ms} (default 1000, doubled after each failure),
 * {@code timeout-ms} (default 10000).</li>
 * </ul>
 *
 * <p>Each delivery is {@code POST url} with the body {@code {"id", "name", "created_at", "user_id", "project_id",
 * "data"}} and the headers {@code X-Zou4j-Event} (the event name), {@code X-Zou4j-Delivery} (the event id, the same
 * on every retry) and {@code X-Zou4j-Signature-256: sha256=<hex HMAC-SHA256 of the body with the secret>}. A 2xx
 * answer is a success; a 5xx, 408, 429 or a connection failure is retried; other answers are final.
 */
@Extension
public class WebhookListener implements ZouEventListener {
    public static final String SIGNATURE_HEADER = "X-Zou4j-Signature-256";

    private URI url;
    private byte[] secret;
    private Set<String> events = Set.of();
    private int maxAttempts;
    private long retryDelayMs;
    private Duration timeout;
    private HttpClient client;
    private String userAgent;

    @Override
    public void init(PluginEnvironment env) {
        String target = env.setting("url", null);
        if (target == null) {
            System.getLogger(WebhookListener.class.getName()).log(System.Logger.Level.WARNING,
                    "webhook plugin: no url in " + env.pluginId() + ".properties; no event will be posted");
            return;
        }
        String key = env.setting("secret", null);
        if (key == null) {
            throw new IllegalArgumentException("webhook plugin: set secret in " + env.pluginId()
                    + ".properties (the HMAC-SHA256 key receivers verify X-Zou4j-Signature-256 with)");
        }
        url = URI.create(target);
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("webhook plugin: url must be http or https: " + target);
        }
        secret = key.getBytes(StandardCharsets.UTF_8);
        events = Arrays.stream(env.setting("events", "*").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        maxAttempts = Math.max(1, env.intSetting("max-attempts", 5));
        retryDelayMs = Math.max(0, env.intSetting("retry-delay-ms", 1000));
        timeout = Duration.ofMillis(Math.max(1, env.intSetting("timeout-ms", 10_000)));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        userAgent = "zou4j-webhook/" + env.pluginVersion();
    }

    @Override
    public Set<String> events() {
        return events;
    }

    @Override
    public void onEvent(ZouEvent event) throws IOException, InterruptedException {
        byte[] body = Json.write(payload(event)).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", userAgent)
                .header("X-Zou4j-Event", event.name())
                .header("X-Zou4j-Delivery", event.id())
                .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        String last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(retryDelayMs << Math.min(attempt - 2, 16));
            }
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                last = "HTTP " + status;
                if (status < 500 && status != 408 && status != 429) {
                    break;
                }
            } catch (IOException e) {
                last = e.toString();
            }
        }
        throw new IOException("webhook: event " + event.name() + " " + event.id() + " not delivered to " + url
                + " (" + last + ")");
    }

    static Map<String, Object> payload(ZouEvent e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", e.id());
        p.put("name", e.name());
        p.put("created_at", e.createdAt());
        p.put("user_id", e.userId());
        p.put("project_id", e.projectId());
        p.put("data", e.data());
        return p;
    }

    /** Lower-case hex HMAC-SHA256 of {@code body}. */
    public static String sign(byte[] key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] d = mac.doFinal(body);
            StringBuilder hex = new StringBuilder(d.length * 2);
            for (byte b : d) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
