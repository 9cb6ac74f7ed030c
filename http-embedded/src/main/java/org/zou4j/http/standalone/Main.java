package org.zou4j.http.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.zou4j.ZouEngine;
import org.zou4j.http.ZouHttpServer;
import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.h2.H2Storage;
import org.zou4j.storage.postgres.PostgresStorage;

/**
 * {@code ./zou4j serve}: the standalone local server. Opens (and migrates) the database, starts the HTTP server,
 * prints {@code zou4j listening on http://HOST:PORT} once it accepts requests, and on SIGTERM or Ctrl-C stops
 * accepting, finishes in-flight requests and closes the database cleanly.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** A started server: its engine, its HTTP server, and how mail leaves it. Closing stops both. */
    record Running(ZouEngine engine, ZouHttpServer server, String host, String mail) implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                engine.close();
            }
        }
    }

    /** What {@link #start} gives: a running server, or the exit status of a start that did not happen. */
    record Started(Running running, int status) {
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Started started = start(args, env, out, err);
        if (started.running() == null) {
            return started.status();
        }
        Running running = started.running();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } finally {
                out.println("zou4j stopped");
                out.flush();
                stopped.countDown();
            }
        }, "zou4j-shutdown"));
        out.println("zou4j listening on http://" + running.host() + ":" + running.server().port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Resolves the settings, opens the database, binds, creates the first admin of an empty database and says how
     * mail leaves; prints errors to {@code err}. Exit status 2 for unusable settings, 1 for a start that failed.
     */
    static Started start(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ServeOptions options;
        try {
            options = ServeOptions.parse(args, env);
        } catch (Settings.ConfigException e) {
            err.println("zou4j: " + e.getMessage());
            return new Started(null, 2);
        } catch (IllegalArgumentException e) {
            boolean help = "help".equals(e.getMessage());
            if (!help) {
                err.println("zou4j: " + e.getMessage());
            }
            (help ? out : err).println(ServeOptions.usage());
            return new Started(null, help ? 0 : 2);
        }
        Settings settings = options.settings();
        String sharedKey = settings.get(ConfigKeys.SECRET_KEY);
        if (options.dbUrl() != null && sharedKey == null) {
            // A key generated into each instance's data directory would differ between instances: a token issued
            // by one would be refused by the others.
            err.println("zou4j: --db-url needs ZOU_SECRET_KEY (at least 32 bytes): every instance sharing the"
                    + " database must sign tokens with the same key.");
            return new Started(null, 2);
        }
        ZouEngine.Builder engineBuilder = ZouEngine.builder();
        try {
            StandaloneSetup.configure(engineBuilder, settings);
            StandaloneSetup.smtpCheck(settings);
            StandaloneSetup.maxUploadBytes(settings); // a bad value stops the start before anything is opened
        } catch (Settings.ConfigException e) {
            err.println("zou4j: " + e.getMessage());
            return new Started(null, 2);
        }
        ZouEngine engine;
        StandaloneSetup.Mail mail;
        try {
            DataFiles.createDirectory(options.dataDir());
            byte[] key = SecretKeyFile.load(options.dataDir(), sharedKey);
            mail = StandaloneSetup.mail(settings, options.dataDir());
            Map<String, String> dbCredentials = new java.util.HashMap<>();
            for (String k : new String[] {ConfigKeys.DB_USER, ConfigKeys.DB_PASSWORD}) {
                if (settings.get(k) != null) {
                    dbCredentials.put(k, settings.get(k));
                }
            }
            StorageBackend storage = options.dbUrl() != null
                    ? PostgresStorage.fromEnvironment(options.dbUrl(), dbCredentials)
                    : H2Storage.file(options.dataDir());
            engine = engineBuilder.storage(storage).secretKey(key).initData(true).mailSender(mail.sender())
                    .pluginsDirectory(options.pluginsDir())
                    .fileStore(FileStoreConfig.create(env, options.dataDir()))
                    .build();
            DataFiles.restrict(options.dataDir());
        } catch (IOException | RuntimeException e) {
            err.println("zou4j: cannot start: " + e.getMessage());
            return new Started(null, 1);
        }
        // Bind first: a port in use must not cost the first admin's generated password (printed once).
        ZouHttpServer server;
        try {
            ZouHttpServer.Builder builder = ZouHttpServer.builder(engine).host(options.host()).port(options.port())
                    .spoolDirectory(options.dataDir().resolve("tmp"));
            if (options.uiDir() != null) {
                builder.uiDirectory(options.uiDir());
            }
            StandaloneSetup.configure(builder, settings);
            server = builder.build().start();
        } catch (RuntimeException e) {
            err.println("zou4j: cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage());
            engine.close();
            return new Started(null, 1);
        }
        try {
            AdminBootstrap.run(engine, settings.get(ConfigKeys.ADMIN_EMAIL), settings.get(ConfigKeys.ADMIN_PASSWORD),
                    out);
        } catch (RuntimeException e) {
            err.println("zou4j: cannot create the first admin: " + e.getMessage());
            server.close();
            engine.close();
            return new Started(null, 1);
        }
        out.println("zou4j: " + mail.description());
        out.flush();
        return new Started(new Running(engine, server, options.host(), mail.description()), 0);
    }
}
