package org.zou4j.http.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A standalone server started in-process with {@link Main#start} and a small JSON client for it. */
final class StandaloneHttp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** A reply: status, headers, body text. */
    record Reply(int status, HttpResponse<String> raw) {
        Map<String, Object> map() {
            try {
                return JSON.readValue(raw.body(), new TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON object: " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /** What a start printed, and its status. */
    record Outcome(int status, String out, String err) {
    }

    final Main.Running running;
    final String out;
    private final String base;

    private StandaloneHttp(Main.Running running, String out) {
        this.running = running;
        this.out = out;
        this.base = "http://127.0.0.1:" + running.server().port();
    }

    /** Starts a server (args get {@code --port 0} first) and fails the test if it did not start. */
    static StandaloneHttp start(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--port";
        all[1] = "0";
        System.arraycopy(args, 0, all, 2, args.length);
        Main.Started started = Main.start(all, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(started.running()).as("status %s, err: %s", started.status(), err).isNotNull();
        return new StandaloneHttp(started.running(), out.toString(StandardCharsets.UTF_8));
    }

    /** Runs a start that is expected to fail; closes the server if it started after all. */
    static Outcome fails(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.Started started = Main.start(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (started.running() != null) {
            started.running().close();
        }
        return new Outcome(started.status(), out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    Reply get(String path, String token) {
        return send("GET", path, null, token, Map.of());
    }

    Reply send(String method, String path, Object body, String token, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            headers.forEach(b::header);
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in and returns the body (tokens, flags). */
    Map<String, Object> login(String email, String password) {
        Reply r = send("POST", "/api/auth/login", Map.of("email", email, "password", password), null, Map.of());
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.map();
    }

    String token(String email, String password) {
        return (String) login(email, password).get("access_token");
    }

    /** Creates a person as the admin. */
    void person(String adminToken, String email, String password, String role) {
        Reply r = send("POST", "/api/data/persons", Map.of("first_name", "P", "last_name", "Erson", "email", email,
                "password", password, "role", role), adminToken, Map.of());
        assertThat(r.status()).as(r.raw().body()).isIn(200, 201);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    @Override
    public void close() {
        running.close();
    }
}
