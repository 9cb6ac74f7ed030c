package org.zou4j.http.standalone;

import java.nio.file.Path;
import java.util.Map;

/**
 * Options of {@code ./zou4j serve}.
 *
 * @param host       interface to bind
 * @param port       port to bind
 * @param dataDir    where the H2 database, the secret key and the mail outbox live
 * @param pluginsDir plugin jars to load, or null
 * @param dbUrl      a PostgreSQL JDBC URL instead of the embedded H2 database, or null
 * @param uiDir      a built Kitsu ({@code dist/}) to serve at {@code /} beside the API at {@code /api}, or null
 */
record ServeOptions(String host, int port, Path dataDir, Path pluginsDir, String dbUrl, Path uiDir) {

    static final String USAGE = """
            usage: ./zou4j serve [--port N] [--host H] [--data-dir DIR] [--plugins-dir DIR] [--db-url JDBC_URL]
                               [--ui-dir DIR]
              --port N           port to listen on (default 8080; 0 = any free port)
              --host H           interface to bind (default 127.0.0.1)
              --data-dir DIR     data directory (default ./zou-data)
              --plugins-dir DIR  directory of plugin jars to load
              --db-url URL       jdbc:postgresql://... to use a shared PostgreSQL instead of the embedded H2 database
                                 (user and password from the URL or ZOU_DB_USER / ZOU_DB_PASSWORD; ZOU_SECRET_KEY
                                 required, the same on every instance)
              --ui-dir DIR       a built Kitsu web app (its dist/ directory) to serve at / (the API stays at /api)
            environment: ZOU_SECRET_KEY, ZOU_ADMIN_EMAIL, ZOU_ADMIN_PASSWORD""";

    /** Parses command-line arguments; throws IllegalArgumentException with a message for the user. */
    static ServeOptions parse(String[] args, Map<String, String> env) {
        String host = "127.0.0.1";
        int port = 8080;
        Path dataDir = Path.of("zou-data");
        Path pluginsDir = null;
        String dbUrl = null;
        Path uiDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--host" -> host = require(a, value);
                case "--port" -> {
                    try {
                        port = Integer.parseInt(require(a, value));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port takes a number: " + value);
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port must be between 0 and 65535: " + port);
                    }
                }
                case "--data-dir" -> dataDir = Path.of(require(a, value));
                case "--plugins-dir" -> pluginsDir = Path.of(require(a, value));
                case "--db-url" -> dbUrl = require(a, value);
                case "--ui-dir" -> uiDir = Path.of(require(a, value));
                case "-h", "--help" -> throw new IllegalArgumentException("help");
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
            i++;
        }
        return new ServeOptions(host, port, dataDir, pluginsDir, dbUrl, uiDir);
    }

    private static String require(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
