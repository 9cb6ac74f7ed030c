package org.zou4j.http.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Settings of an {@link HttpTransport}; immutable, built with {@link #builder()}.
 *
 * <pre>{@code
 * HttpServerConfig config = HttpServerConfig.builder()
 *         .port(8080)
 *         .corsAllowedOrigins(List.of("https://kitsu.example.com"))
 *         .build();
 * }</pre>
 */
public final class HttpServerConfig {

    private final String host;
    private final int port;
    private final int maxConnections;
    private final Duration idleTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final Duration shutdownGrace;
    private final int maxHeadSize;
    private final long maxBodySize;
    private final long maxUploadSize;
    private final long spoolThreshold;
    private final Path spoolDirectory;
    private final boolean gzip;
    private final int gzipMinSize;
    private final List<String> corsAllowedOrigins;
    private final SSLContext sslContext;

    private HttpServerConfig(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.maxConnections = b.maxConnections;
        this.idleTimeout = b.idleTimeout;
        this.readTimeout = b.readTimeout;
        this.writeTimeout = b.writeTimeout;
        this.shutdownGrace = b.shutdownGrace;
        this.maxHeadSize = b.maxHeadSize;
        this.maxBodySize = b.maxBodySize;
        this.maxUploadSize = b.maxUploadSize;
        this.spoolThreshold = b.spoolThreshold;
        this.spoolDirectory = b.spoolDirectory;
        this.gzip = b.gzip;
        this.gzipMinSize = b.gzipMinSize;
        this.corsAllowedOrigins = List.copyOf(b.corsAllowedOrigins);
        this.sslContext = b.sslContext;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All defaults: 127.0.0.1, any free port, no CORS, no TLS. */
    public static HttpServerConfig defaults() {
        return builder().build();
    }

    /** Interface to bind; default {@code 127.0.0.1}. */
    public String host() {
        return host;
    }

    /** Port to bind; {@code 0} (default) picks a free port, see {@link HttpTransport#port()}. */
    public int port() {
        return port;
    }

    /** Connections served at once (each holds a thread); beyond it new connections get 503. Default 256. */
    public int maxConnections() {
        return maxConnections;
    }

    /** How long a keep-alive connection may wait for its next request. Default 15 s. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Longest wait for data once a request has started, and longest time to receive a whole head. Default 30 s. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Longest time one socket write may stay blocked (client not reading) before the connection is cut. 30 s. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** How long {@link HttpTransport#close()} waits for in-flight requests. Default 10 s. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** Request line plus headers, in bytes; longer request line → 414, longer head → 431. Default 8 KB. */
    public int maxHeadSize() {
        return maxHeadSize;
    }

    /** Largest request body in bytes (read into memory); larger → 413. Default 64 MB. */
    public long maxBodySize() {
        return maxBodySize;
    }

    /**
     * Largest {@code multipart/*} body (uploads), answered 413 above; other bodies have {@link #maxBodySize()}. Large
     * bodies are spooled to disk, never held in memory.
     */
    public long maxUploadSize() {
        return maxUploadSize;
    }

    /** Bodies longer than this are spooled to a file rather than kept in memory. */
    public long spoolThreshold() {
        return spoolThreshold;
    }

    /**
     * Where large bodies are spooled (owner-only files, deleted after their request; leftovers of a killed process are
     * deleted at start), or empty for a private temporary directory.
     */
    public Optional<Path> spoolDirectory() {
        return Optional.ofNullable(spoolDirectory);
    }

    /** Gzip compressible bodies when the client accepts it. Default on. */
    public boolean gzip() {
        return gzip;
    }

    /** Byte bodies shorter than this are never compressed. Default 1024. */
    public int gzipMinSize() {
        return gzipMinSize;
    }

    /** Origins allowed by CORS (exact match, or {@code "*"} for any); empty (default) disables CORS. */
    public List<String> corsAllowedOrigins() {
        return corsAllowedOrigins;
    }

    public boolean corsEnabled() {
        return !corsAllowedOrigins.isEmpty();
    }

    /** TLS context when serving HTTPS; protocols are pinned to TLSv1.3 and TLSv1.2. */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        /** The largest body that still fits in one Java array. */
        public static final long MAX_BODY_LIMIT = Integer.MAX_VALUE - 16;

        private String host = "127.0.0.1";
        private int port = 0;
        private int maxConnections = 256;
        private Duration idleTimeout = Duration.ofSeconds(15);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration writeTimeout = Duration.ofSeconds(30);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private int maxHeadSize = 8 * 1024;
        private long maxBodySize = 64L * 1024 * 1024;
        private long maxUploadSize = 2L * 1024 * 1024 * 1024;
        private long spoolThreshold = 1024 * 1024;
        private Path spoolDirectory;
        private boolean gzip = true;
        private int gzipMinSize = 1024;
        private List<String> corsAllowedOrigins = List.of();
        private SSLContext sslContext;

        private Builder() {
        }

        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
            return this;
        }

        public Builder writeTimeout(Duration writeTimeout) {
            this.writeTimeout = Objects.requireNonNull(writeTimeout, "writeTimeout");
            return this;
        }

        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            return this;
        }

        public Builder maxHeadSize(int maxHeadSize) {
            this.maxHeadSize = maxHeadSize;
            return this;
        }

        public Builder maxBodySize(long maxBodySize) {
            this.maxBodySize = maxBodySize;
            return this;
        }

        /** Largest multipart (upload) body; default 2 GiB. */
        public Builder maxUploadSize(long maxUploadSize) {
            this.maxUploadSize = maxUploadSize;
            return this;
        }

        /** Bodies above this many bytes are spooled to a file; default 1 MiB. */
        public Builder spoolThreshold(long spoolThreshold) {
            this.spoolThreshold = spoolThreshold;
            return this;
        }

        /** Directory for spooled bodies (created if missing); default a private temporary directory. */
        public Builder spoolDirectory(Path directory) {
            this.spoolDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public Builder gzipMinSize(int gzipMinSize) {
            this.gzipMinSize = gzipMinSize;
            return this;
        }

        public Builder corsAllowedOrigins(List<String> origins) {
            this.corsAllowedOrigins = List.copyOf(origins);
            return this;
        }

        /** Serve HTTPS with this context (its key managers hold the server certificate). */
        public Builder tls(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context, "context");
            return this;
        }

        /** @throws IllegalArgumentException when a setting is out of range */
        public HttpServerConfig build() {
            check(port >= 0 && port <= 65535, "port must be in 0..65535");
            check(maxConnections >= 1, "maxConnections must be at least 1");
            check(maxHeadSize >= 256, "maxHeadSize must be at least 256 bytes");
            check(maxBodySize >= 0 && maxBodySize <= MAX_BODY_LIMIT, "maxBodySize must be in 0.." + MAX_BODY_LIMIT);
            check(maxUploadSize >= 0, "maxUploadSize must not be negative");
            check(spoolThreshold >= 0 && spoolThreshold <= MAX_BODY_LIMIT, "spoolThreshold must be in 0.."
                    + MAX_BODY_LIMIT);
            check(gzipMinSize >= 0, "gzipMinSize must not be negative");
            checkPositive(idleTimeout, "idleTimeout");
            checkPositive(readTimeout, "readTimeout");
            checkPositive(writeTimeout, "writeTimeout");
            check(!shutdownGrace.isNegative(), "shutdownGrace must not be negative");
            check(idleTimeout.toMillis() <= Integer.MAX_VALUE && readTimeout.toMillis() <= Integer.MAX_VALUE,
                    "timeouts must fit in an int of milliseconds");
            for (String origin : corsAllowedOrigins) {
                check(origin != null && !origin.isBlank(), "CORS origins must not be blank");
            }
            return new HttpServerConfig(this);
        }

        private static void checkPositive(Duration d, String name) {
            check(!d.isNegative() && d.toMillis() >= 1, name + " must be at least 1 ms");
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
