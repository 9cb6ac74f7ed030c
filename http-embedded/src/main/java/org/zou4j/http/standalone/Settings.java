package org.zou4j.http.standalone;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The settings of {@code ./zou4j serve} ({@link ConfigKeys}), each from the first place that gives it: a
 * command-line flag, else the environment, else the {@code --config} file (Java properties format:
 * {@code KEY=value} lines, {@code #} comments; a backslash escapes, so write Windows paths with {@code /} or
 * {@code \\}). A key of the file that is not one of {@link ConfigKeys} is an error naming it (a typo would otherwise
 * be silently ignored), and so is a key given twice in the file.
 */
final class Settings {

    /** A setting that cannot be used: the message names the key and where it came from. Exit status 2. */
    static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;
    private final Map<String, String> sources;

    private Settings(Map<String, String> values, Map<String, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    /**
     * Merges the three sources.
     *
     * @param flags      key → value given on the command line
     * @param env        the process environment (only {@link ConfigKeys} are read)
     * @param configFile the {@code --config} file, or null
     * @throws ConfigException for an unreadable file, an unknown or repeated key
     */
    static Settings load(Map<String, String> flags, Map<String, String> env, Path configFile) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        if (configFile != null) {
            for (Map.Entry<String, String> e : readFile(configFile).entrySet()) {
                values.put(e.getKey(), e.getValue());
                sources.put(e.getKey(), "config file " + configFile);
            }
        }
        for (String key : ConfigKeys.BY_NAME.keySet()) {
            String v = env.get(key);
            if (v != null) {
                values.put(key, v);
                sources.put(key, "environment variable " + key);
            }
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            values.put(e.getKey(), e.getValue());
            sources.put(e.getKey(), ConfigKeys.BY_NAME.get(e.getKey()).flag());
        }
        return new Settings(values, sources);
    }

    private static Map<String, String> readFile(Path file) {
        List<String> repeated = new ArrayList<>();
        Properties properties = new Properties() {
            private static final long serialVersionUID = 1L;

            @Override
            public synchronized Object put(Object key, Object value) {
                if (containsKey(key)) {
                    repeated.add(String.valueOf(key));
                }
                return super.put(key, value);
            }
        };
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read the config file " + file + ": " + e.getMessage());
        }
        if (!repeated.isEmpty()) {
            throw new ConfigException("config file " + file + ": key " + repeated.get(0) + " is given twice");
        }
        Map<String, String> out = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!ConfigKeys.BY_NAME.containsKey(key)) {
                String why = ConfigKeys.ZOU_NOT_SUPPORTED.contains(key)
                        ? " (a Zou setting that zou4j does not support)"
                        : " (./zou4j serve --help lists the keys)";
                throw new ConfigException("config file " + file + ": unknown key " + key + why);
            }
            out.put(key, properties.getProperty(key).strip());
        }
        return out;
    }

    /** The value, or null when no source gives one (an empty value counts as none). */
    String get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** The value, or {@code fallback}. */
    String get(String key, String fallback) {
        String v = get(key);
        return v == null ? fallback : v;
    }

    /** Where the value of {@code key} came from, for messages. */
    String source(String key) {
        return sources.getOrDefault(key, "default");
    }

    /** Zou's {@code envtobool}: y/yes/t/true/on/1 or n/no/f/false/off/0, any case. */
    boolean bool(String key, boolean fallback) {
        String v = get(key);
        if (v == null) {
            return fallback;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "y", "yes", "t", "true", "on", "1":
                return true;
            case "n", "no", "f", "false", "off", "0":
                return false;
            default:
                throw bad(key, v, "true or false");
        }
    }

    /** An integer between {@code min} and {@code max}. */
    int integer(String key, int fallback, int min, int max) {
        String v = get(key);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "a number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw bad(key, v, "a number from " + min + " to " + max);
        }
        return n;
    }

    /** The items of a list separated by {@code separator}, blank items dropped. */
    List<String> list(String key, String separator) {
        String v = get(key);
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String item : v.split(java.util.regex.Pattern.quote(separator))) {
                if (!item.isBlank()) {
                    out.add(item.strip());
                }
            }
        }
        return out;
    }

    /** A path, or {@code fallback}. */
    Path path(String key, Path fallback) {
        String v = get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Path.of(v);
        } catch (java.nio.file.InvalidPathException e) {
            throw bad(key, v, "a path");
        }
    }

    /** An error naming the key, its value (never for secrets) and its source. */
    ConfigException bad(String key, String value, String expected) {
        boolean secret = key.endsWith("PASSWORD") || key.equals(ConfigKeys.SECRET_KEY);
        return new ConfigException(key + " (" + source(key) + ") must be " + expected
                + (secret ? "" : ", got: " + value));
    }
}
