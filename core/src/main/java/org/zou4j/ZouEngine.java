package org.zou4j;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Objects;
import org.zou4j.events.EventSettings;
import org.zou4j.events.Events;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.access.Policies;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.ModelRegistry;
import org.zou4j.internal.events.EngineEvents;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.hooks.Hooks;
import org.zou4j.internal.model.Models;
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
    private final EngineEvents events;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final byte[] secretKey;
    private final Path pluginsDirectory;
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
                    Hooks::forModel);
            this.events = new EngineEvents(database, mapper, clock, b.eventSettings, this::callerOf, this::ensureOpen);
            this.crud = new CrudService(database, registry, new EventLog(mapper, clock, events), mapper, clock);
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

    /** Events: listeners (in commit order, after commit) and Zou's event-log reads. */
    public Events events() {
        ensureOpen();
        return events;
    }

    private Caller callerOf(Session session) {
        if (session instanceof EngineSession s) {
            return s.caller();
        }
        throw new IllegalArgumentException("Not a session of a zou4j engine: " + session);
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

    /**
     * Stops event delivery (a listener handling an event may finish it; durable listeners persist their position),
     * then closes the storage; in-flight calls may fail with {@link ErrorCode#UNAVAILABLE}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Arrays.fill(secretKey, (byte) 0);
        try {
            events.close();
        } finally {
            storage.close();
        }
    }

    /** Builds a {@link ZouEngine}, validating every setting. */
    public static final class Builder {
        private StorageBackend storage;
        private byte[] secretKey;
        private Clock clock = Clock.systemUTC();
        private Path pluginsDirectory;
        private EventSettings eventSettings = EventSettings.defaults();

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

        /** How events are delivered to listeners (optional; {@link EventSettings#defaults()}). */
        public Builder events(EventSettings settings) {
            this.eventSettings = Objects.requireNonNull(settings, "settings");
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
