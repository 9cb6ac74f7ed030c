package org.zou4j.storage.postgres;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.postgresql.Driver;

/**
 * A PostgreSQL JDBC URL split into where to connect (hosts, ports, database), who to connect as (user, password)
 * and the remaining driver properties. The credentials are kept apart so that the URL given to the pool, the
 * description and every message built from this object never carry the password.
 */
final class PgUrl {
    private static final String PREFIX = "jdbc:postgresql:";
    // Keys of the driver's parsed properties that describe the address or the credentials, not driver options.
    private static final List<String> ADDRESS_KEYS = List.of("PGHOST", "PGPORT", "PGDBNAME", "user", "password");

    private final List<String> hostPorts;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> driverProperties;

    private PgUrl(List<String> hostPorts, String database, String user, String password,
            Map<String, String> driverProperties) {
        this.hostPorts = List.copyOf(hostPorts);
        this.database = database;
        this.user = user;
        this.password = password;
        this.driverProperties = Map.copyOf(driverProperties);
    }

    /**
     * Parses {@code jdbc:postgresql://host[:port][,host[:port]...]/database[?key=value&...]} (or the short forms
     * the driver accepts). Messages of the exceptions thrown never repeat the URL, which may hold a password.
     */
    static PgUrl parse(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    "Not a PostgreSQL JDBC URL: expected jdbc:postgresql://host:port/database[?user=...]");
        }
        // "user:secret@host" is not supported by the driver, which would log the secret as an invalid port.
        if (authority(jdbcUrl).contains("@")) {
            throw new IllegalArgumentException("PostgreSQL JDBC URLs take no user info before the host: pass"
                    + " ?user=...&password=... or the user and password arguments instead");
        }
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException(
                    "Malformed PostgreSQL JDBC URL: expected jdbc:postgresql://host:port/database[?user=...]");
        }
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        if (hosts.length != ports.length) {
            throw new IllegalArgumentException("Malformed PostgreSQL JDBC URL: hosts and ports do not pair up");
        }
        List<String> hostPorts = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            hostPorts.add(hosts[i] + ":" + ports[i]);
        }
        Map<String, String> driverProperties = new TreeMap<>();
        for (String key : parsed.stringPropertyNames()) {
            if (!ADDRESS_KEYS.contains(key)) {
                driverProperties.put(key, parsed.getProperty(key));
            }
        }
        return new PgUrl(hostPorts, parsed.getProperty("PGDBNAME", ""), emptyToNull(parsed.getProperty("user")),
                emptyToNull(parsed.getProperty("password")), driverProperties);
    }

    private static String authority(String jdbcUrl) {
        String rest = jdbcUrl.substring(PREFIX.length());
        if (!rest.startsWith("//")) {
            return "";
        }
        rest = rest.substring(2);
        int end = rest.length();
        for (char stop : new char[] {'/', '?'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return rest.substring(0, end);
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /** The URL without user, password or options, for the pool: {@code jdbc:postgresql://h:p[,h:p]/db}. */
    String addressUrl() {
        return "jdbc:postgresql://" + String.join(",", hostPorts) + "/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }

    /** {@code host:port} pairs, in the order the driver tries them. */
    List<String> hostPorts() {
        return hostPorts;
    }

    /** The database name; empty when the URL names none (the driver then uses the user name). */
    String database() {
        return database;
    }

    /** The user named in the URL, or null. */
    String user() {
        return user;
    }

    /** The password given in the URL, or null. Never log it. */
    String password() {
        return password;
    }

    /** Driver properties given in the URL other than the address and the credentials. */
    Map<String, String> driverProperties() {
        return driverProperties;
    }

    /** {@code host:port[,host:port]/database}: safe to log. */
    String address() {
        return String.join(",", hostPorts) + "/" + database;
    }

    @Override
    public String toString() {
        return address();
    }
}
