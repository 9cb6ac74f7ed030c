package org.zou4j.plugintests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for the plugin routes over a real socket. */
final class Http {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String token;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Reply(int status, HttpResponse<byte[]> response) {
        String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        Object json() {
            try {
                return MAPPER.readValue(response.body(), Object.class);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return (Map<String, Object>) json();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) json();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** Logs in through Zou's {@code POST /auth/login}; later requests carry the access token. */
    Http login(String email, String password) {
        Reply login = send("POST", "/auth/login", json(Map.of("email", email, "password", password)),
                "application/json", Map.of());
        if (login.status() != 200) {
            throw new AssertionError("login failed: " + login.status() + " " + login.text());
        }
        token = (String) login.map().get("access_token");
        return this;
    }

    Reply get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    Reply postJson(String path, Object body) {
        return send("POST", path, json(body), "application/json", Map.of());
    }

    Reply postForm(String path, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send("POST", path, body, "application/x-www-form-urlencoded", headers);
    }

    Reply send(String method, String path, String body, String contentType, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String json(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
