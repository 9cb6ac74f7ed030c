package org.zou4j.http.internal.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.zou4j.http.transport.HttpRequest;
import org.zou4j.http.transport.HttpResponse;

/**
 * A built single-page web UI (Kitsu's {@code dist/}) served at {@code /}, as Zou's nginx serves it: files with their
 * content type; hashed build assets cached for a year, everything else revalidated; any other GET of a path without
 * a file extension answers {@code index.html} so the UI's client-side routes load. The API keeps its prefixes:
 * {@link #owns} says which requests belong to the UI.
 */
public final class StaticUi {
    /** First path segments that never reach the UI: the API, Engine.IO/socket.io and the event stream. */
    private static final List<String> RESERVED = List.of("api", "socket.io", "events");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "application/javascript; charset=utf-8"),
            Map.entry("mjs", "application/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"), Map.entry("otf", "font/otf"), Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("xml", "application/xml"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("wasm", "application/wasm"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"), Map.entry("pdf", "application/pdf"));
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";

    private final Path root;

    /**
     * @param root the built UI's directory; it must hold an {@code index.html}
     * @throws IllegalArgumentException when it does not
     */
    public StaticUi(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("The UI directory does not exist: " + root, e);
        }
        if (!Files.isRegularFile(this.root.resolve("index.html"))) {
            throw new IllegalArgumentException("The UI directory has no index.html: " + root);
        }
    }

    /** Whether the request is the UI's: not under {@code /api}, {@code /socket.io} or {@code /events}. */
    public boolean owns(HttpRequest request) {
        List<String> segments = request.pathSegments();
        String first = segments.stream().filter(s -> !s.isEmpty()).findFirst().orElse("");
        return !RESERVED.contains(first);
    }

    /** Answers a request the UI owns. */
    public HttpResponse serve(HttpRequest request) {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            return HttpResponse.error(405, "The method is not allowed for the requested URL.")
                    .withHeader("Allow", "GET, HEAD");
        }
        Optional<Path> file = resolve(request.pathSegments());
        if (file.isPresent()) {
            return file(file.get());
        }
        String last = request.pathSegments().isEmpty() ? ""
                : request.pathSegments().get(request.pathSegments().size() - 1);
        if (last.contains(".")) {
            // a missing asset (e.g. an old hashed bundle) must be a 404, not the HTML page
            return HttpResponse.error(404, "404 Not Found: The requested URL was not found on the server.");
        }
        return file(root.resolve("index.html")); // a client-side route
    }

    /** The regular file the segments name inside the root, never outside it (no {@code ..}, no symlink escape). */
    private Optional<Path> resolve(List<String> segments) {
        Path path = root;
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals("..") || segment.equals(".") || segment.contains("/") || segment.contains("\\")
                    || segment.indexOf('\0') >= 0) {
                return Optional.empty();
            }
            path = path.resolve(segment);
        }
        if (path.equals(root)) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(path)) {
                return Optional.empty();
            }
            Path real = path.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The Content-Type for a file name, by its extension ({@code application/octet-stream} when unknown). */
    public static String contentTypeOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static HttpResponse file(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.getOrDefault(extension, "application/octet-stream");
        byte[] body;
        try {
            body = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + name, e);
        }
        // Vite puts content-hashed bundles under assets/: they never change; index.html must be revalidated
        boolean hashed = path.getParent() != null && path.getParent().getFileName() != null
                && path.getParent().getFileName().toString().equals("assets");
        return HttpResponse.bytes(200, type, body).withHeader("Cache-Control", hashed ? IMMUTABLE : REVALIDATE);
    }
}
