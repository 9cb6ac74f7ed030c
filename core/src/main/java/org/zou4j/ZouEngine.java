package org.zou4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.Policies;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.ModelRegistry;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.events.EventSink;
import org.zou4j.internal.hooks.BcryptPasswords;
import org.zou4j.internal.hooks.HookSettings;
import org.zou4j.internal.hooks.Hooks;
import org.zou4j.internal.model.Models;
import org.zou4j.internal.production.ProductionService;
import org.zou4j.internal.sql.Database;
import org.zou4j.storage.StorageBackend;

/**
 * The zou4j engine: Zou's data model, rules and permissions over a storage backend. Built once by {@link #builder()},
 * immutable and thread-safe afterwards; two engines in one JVM share nothing. Close it to release the storage.
 *
 * <pre>{@code
 * try (ZouEngine engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey(key).build()) {
 *     Session admin = engine.systemSession();
 *     Entry project = admin.data("projects").create(Map.of("name", "Agent 327"));
 * }
 * }</pre>
 */
public final class ZouEngine implements AutoCloseable {
    private final StorageBackend storage;
    private final Database database;
    private final CrudService crud;
    private final ProductionService production;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final byte[] secretKey;
    private final Path pluginsDirectory;
    private final BcryptPasswords passwords = new BcryptPasswords();
    private volatile boolean closed;

    private ZouEngine(Builder b) {
        this.storage = b.storage;
        this.clock = b.clock;
        this.secretKey = b.secretKey;
        this.pluginsDirectory = b.pluginsDirectory;
        this.mapper = new ObjectMapper();
        try {
            this.database = Database.open(storage);
            ModelRegistry registry = new ModelRegistry(Models.ALL, database.schema(), Policies::forModel,
                    Hooks.configured(HookSettings.defaults().withPasswordHashing(passwords)));
            EventLog events = new EventLog(mapper, clock, EventSink.NONE);
            this.crud = new CrudService(database, registry, events, mapper, clock);
            this.production = new ProductionService(crud, events);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** Starts building an engine. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A session with every right and no person, for the embedding application's own work (bootstrap, imports,
     * maintenance). Never hand it to end users.
     */
    public Session systemSession() {
        ensureOpen();
        return new EngineSession(this, Caller.system());
    }

    /**
     * The session of the person an access token was issued to.
     *
     * @throws ZouException {@link ErrorCode#UNAUTHORIZED} (Zou's 401/422 bodies) for a missing, malformed, expired,
     *                      revoked or refresh token, or an inactive or deleted person
     */
    public Session session(String accessToken) {
        ensureOpen();
        throw ZouException.unauthorized("Token verification is not available yet.");
    }

    /** Whether the storage answers a trivial query now. */
    public boolean isStorageUp() {
        try {
            return database.read(tx -> tx.exists("project_status", java.util.List.of()) || true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * What Zou's public {@code GET /config} answers: which login methods are enabled and the defaults a client needs
     * before logging in (no secret).
     */
    public java.util.Map<String, Object> publicConfig() {
        ensureOpen();
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("is_self_hosted", true);
        config.put("crisp_token", "");
        config.put("dark_theme_by_default", database.read(tx -> {
            var rows = tx.select("organisation", java.util.List.of(), java.util.List.of(), 1, 0);
            return !rows.isEmpty() && Boolean.TRUE.equals(rows.get(0).get("dark_theme_by_default"));
        }));
        config.put("indexer_configured", false);
        config.put("saml_enabled", false);
        config.put("saml_idp_name", "");
        config.put("oidc_enabled", false);
        config.put("oidc_idp_name", "");
        config.put("default_locale", "en_US");
        config.put("default_timezone", "Europe/Paris");
        config.put("enforce_2fa", false);
        return config;
    }

    /** The routes served at {@code /data/<route>}, in Zou's route-table order. */
    public java.util.List<String> dataRoutes() {
        return java.util.List.copyOf(crud.models().routes().keySet());
    }

    ProductionService production() {
        return production;
    }

    CrudService crud() {
        return crud;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** The plugins directory given to the builder, or {@code null}. */
    public Path pluginsDirectory() {
        return pluginsDirectory;
    }

    void ensureOpen() {
        if (closed) {
            throw new ZouException(ErrorCode.UNAVAILABLE, "The engine is closed.");
        }
    }

    /** Closes the storage; in-flight calls may fail with {@link ErrorCode#UNAVAILABLE}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Arrays.fill(secretKey, (byte) 0);
        passwords.close();
        storage.close();
    }

    /** Builds a {@link ZouEngine}, validating every setting. */
    public static final class Builder {
        private StorageBackend storage;
        private byte[] secretKey;
        private Clock clock = Clock.systemUTC();
        private Path pluginsDirectory;

        private Builder() {
        }

        /** Where the data lives (e.g. {@code H2Storage.file(dir)}); required. The engine closes it. */
        public Builder storage(StorageBackend storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        /** The token signing secret: at least 32 bytes; required. */
        public Builder secretKey(byte[] key) {
            Objects.requireNonNull(key, "secretKey");
            this.secretKey = key.clone();
            return this;
        }

        /** The token signing secret as text (UTF-8): at least 32 bytes. */
        public Builder secretKey(String key) {
            return secretKey(Objects.requireNonNull(key, "secretKey").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** The clock (UTC) used for timestamps and token lifetimes; defaults to the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** A directory of plugin jars to load (optional). */
        public Builder pluginsDirectory(Path dir) {
            this.pluginsDirectory = dir;
            return this;
        }

        /**
         * Builds the engine: migrates the storage and reads its schema.
         *
         * @throws IllegalStateException when a required setting is missing or invalid
         */
        public ZouEngine build() {
            if (storage == null) {
                throw new IllegalStateException("ZouEngine.builder(): storage(...) is required "
                        + "(e.g. H2Storage.file(dataDir) or H2Storage.inMemory()).");
            }
            if (secretKey == null || secretKey.length < 32) {
                throw new IllegalStateException("ZouEngine.builder(): secretKey(...) is required and must be at least "
                        + "32 bytes (e.g. 32 random bytes, base64-encoded).");
            }
            return new ZouEngine(this);
        }
    }
}
