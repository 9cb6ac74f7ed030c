package org.zou4j.http.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of {@code ./zou4j serve}, resolved from flags, environment and config file ({@link Settings}).
 *
 * @param host       interface to bind
 * @param port       port to bind
 * @param dataDir    where the H2 database, the secret key and the mail outbox live
 * @param pluginsDir plugin jars to load, or null
 * @param dbUrl      a PostgreSQL JDBC URL instead of the embedded H2 database, or null
 * @param uiDir      a built Kitsu ({@code dist/}) to serve at {@code /} beside the API at {@code /api}, or null
 * @param settings   every setting, for the engine and mail ({@link StandaloneSetup})
 */
record ServeOptions(String host, int port, Path dataDir, Path pluginsDir, String dbUrl, Path uiDir,
                    Settings settings) {

    static final String USAGE = """
            usage: ./zou4j serve [--config FILE] [--port N] [--host H] [--data-dir DIR] [--plugins-dir DIR]
                               [--db-url JDBC_URL] [--ui-dir DIR] [--max-upload-mb N]
              --config FILE      settings file: KEY=value lines (Java properties) with the keys below
            Each setting below is taken from its flag, else from the environment variable, else from the config file.
            Zou's own variable names where Zou has the setting (zou/app/config.py).
            """;

    /** The usage and every key. */
    static String usage() {
        return USAGE + ConfigKeys.help();
    }

    /**
     * Parses command-line arguments and merges them with the environment and the config file.
     *
     * @throws IllegalArgumentException with a message for the user ({@code "help"} for {@code --help})
     * @throws Settings.ConfigException for a setting that cannot be used
     */
    static ServeOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--host" -> flags.put(ConfigKeys.HOST, require(a, value));
                case "--port" -> flags.put(ConfigKeys.PORT, require(a, value));
                case "--data-dir" -> flags.put(ConfigKeys.DATA_DIR, require(a, value));
                case "--plugins-dir" -> flags.put(ConfigKeys.PLUGIN_FOLDER, require(a, value));
                case "--db-url" -> flags.put(ConfigKeys.DB_URL, require(a, value));
                case "--ui-dir" -> flags.put(ConfigKeys.UI_DIR, require(a, value));
                case "--max-upload-mb" -> flags.put(ConfigKeys.MAX_UPLOAD_MB, require(a, value));
                case "--config" -> configFile = Path.of(require(a, value));
                case "-h", "--help" -> throw new IllegalArgumentException("help");
                default -> throw new IllegalArgumentException("unknown option: " + a);
            }
            i++;
        }
        if (flags.containsKey(ConfigKeys.PORT)) {
            try {
                Integer.parseInt(flags.get(ConfigKeys.PORT));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port takes a number: " + flags.get(ConfigKeys.PORT));
            }
        }
        Settings s = Settings.load(flags, env, configFile);
        int port = s.integer(ConfigKeys.PORT, 8080, 0, 65535);
        return new ServeOptions(s.get(ConfigKeys.HOST, "127.0.0.1"), port,
                s.path(ConfigKeys.DATA_DIR, Path.of("zou-data")), s.path(ConfigKeys.PLUGIN_FOLDER, null),
                s.get(ConfigKeys.DB_URL), s.path(ConfigKeys.UI_DIR, null), s);
    }

    private static String require(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
