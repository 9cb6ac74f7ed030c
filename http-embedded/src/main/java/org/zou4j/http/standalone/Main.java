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

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ServeOptions options;
        try {
            options = ServeOptions.parse(args, env);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                err.println("zou4j: " + e.getMessage());
            }
            err.println(ServeOptions.USAGE);
            return "help".equals(e.getMessage()) ? 0 : 2;
        }
        String sharedKey = env.get("ZOU_SECRET_KEY");
        if (options.dbUrl() != null && (sharedKey == null || sharedKey.isBlank())) {
            // A key generated into each instance's data directory would differ between instances: a token issued
            // by one would be refused by the others.
            err.println("zou4j: --db-url needs ZOU_SECRET_KEY (at least 32 bytes): every instance sharing the"
                    + " database must sign tokens with the same key.");
            return 2;
        }
        ZouEngine engine;
        try {
            DataFiles.createDirectory(options.dataDir());
            byte[] key = SecretKeyFile.load(options.dataDir(), env.get("ZOU_SECRET_KEY"));
            StorageBackend storage = options.dbUrl() != null
                    ? PostgresStorage.fromEnvironment(options.dbUrl(), env)
                    : H2Storage.file(options.dataDir());
            engine = ZouEngine.builder().storage(storage).secretKey(key).initData(true)
                    .pluginsDirectory(options.pluginsDir())
                    .avatarStore(org.zou4j.user.AvatarStore.directory(options.dataDir()))
                    .fileStore(FileStoreConfig.create(env, options.dataDir()))
                    .build();
            DataFiles.restrict(options.dataDir());
        } catch (IOException | RuntimeException e) {
            err.println("zou4j: cannot start: " + e.getMessage());
            return 1;
        }
        // Bind first: a port in use must not cost the first admin's generated password (printed once).
        ZouHttpServer server;
        try {
            ZouHttpServer.Builder builder = ZouHttpServer.builder(engine).host(options.host()).port(options.port());
            if (options.uiDir() != null) {
                builder.uiDirectory(options.uiDir());
            }
            server = builder.build().start();
        } catch (RuntimeException e) {
            err.println("zou4j: cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage());
            engine.close();
            return 1;
        }
        try {
            AdminBootstrap.run(engine, env, out);
        } catch (RuntimeException e) {
            err.println("zou4j: cannot create the first admin: " + e.getMessage());
            server.close();
            engine.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
                engine.close();
            } finally {
                out.println("zou4j stopped");
                out.flush();
                stopped.countDown();
            }
        }, "zou4j-shutdown"));
        out.println("zou4j listening on http://" + options.host() + ":" + server.port());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
