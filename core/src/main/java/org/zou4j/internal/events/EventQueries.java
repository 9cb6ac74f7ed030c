package org.zou4j.internal.events;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.zou4j.Query;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.json.JsonForm;
import org.zou4j.internal.sql.Database;
import org.zou4j.internal.sql.RawJson;

/**
 * Zou's event-log reads (zou-auth.md §6.4): {@code GET /data/events/last}, {@code /data/events/names} and {@code
 * /data/events/login-logs/last}, with Zou's parameters, checks in Zou's order, error bodies and result shapes.
 *
 * <p>Deliberate differences: an id parameter must be a whole UUID (Zou only checks that the value starts with one, and
 * then fails in the database); a negative {@code limit} is a 400 "Wrong value for parameter limit." (Zou passes it to
 * the database, which refuses it with a 500).
 */
public final class EventQueries {
    static final String WRONG_DATE = "Wrong date format for before argument."
            + "Expected format: 2020-01-05T13:23:10 or 2020-01-05"; // sic: Zou says "before" for after too
    static final List<String> FILE_EVENTS = List.of("preview-file:add-file", "organisation:set-thumbnail",
            "person:set-thumbnail", "project:set-thumbnail");
    private static final int MAX_LIMIT = 1000;
    private static final long NAMES_TTL_NANOS = 3_600_000_000_000L; // Zou caches the names for an hour

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NAME_PART = Pattern.compile("[a-z0-9-]+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+(?:_[0-9]+)*");
    // Python's strptime("%Y-%m-%dT%H:%M:%S") and ("%Y-%m-%d"): unpadded fields allowed, letters case-insensitive.
    private static final String DATE_PART = "([0-9]{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12][0-9]|0[1-9]|[1-9]| [1-9])";
    private static final Pattern DATE_TIME = Pattern.compile(DATE_PART
            + "[Tt](2[0-3]|[01][0-9]|[0-9]):([0-5][0-9]|[0-9]):(6[01]|[0-5][0-9]|[0-9])");
    private static final Pattern DATE = Pattern.compile(DATE_PART);

    private final DataSource dataSource;
    private final JsonForm form;
    private TreeSet<String> names; // guarded by this; null when not loaded
    private long namesLoadedAt;

    public EventQueries(Database database, JsonForm form) {
        this.dataSource = database.backend().dataSource();
        this.form = form;
    }

    // ---- GET /data/events/last ---------------------------------------------------------------------------------

    /** {@code GET /data/events/last}: newest first, {@code {id, created_at, name, user_id, project_id, data}}. */
    public List<Map<String, Object>> last(Caller caller, Query query) {
        // Arguments are read first, as Zou's argument parser does (only the integer conversion can fail there).
        String after = text(query, "after");
        String before = text(query, "before");
        String onlyFiles = text(query, "only_files");
        String cursorText = text(query, "cursor_event_id");
        BigInteger limitArg = integer(query, "limit", 100);
        String projectText = text(query, "project_id");
        String name = text(query, "name");
        List<String> prefixes = all(query, "name_prefixes");
        List<String> suffixes = all(query, "name_suffixes");
        List<String> personTexts = all(query, "person_ids");

        UUID projectId = null;
        if (projectText != null) {
            projectId = parseId(projectText);
            if (projectId == null) {
                throw ZouException.wrongParameter("The project_id parameter is not a valid id");
            }
        }
        try (Connection c = dataSource.getConnection()) {
            String effectiveRole = caller.role();
            if (projectId != null && !isManagerRole(caller.role())) {
                // A manager role may be held per project: resolve it first. An unknown project is a denial.
                if (!exists(c, "SELECT 1 FROM project WHERE id = ?", projectId)) {
                    throw ZouException.forbidden();
                }
                effectiveRole = projectRole(c, caller, projectId);
            }
            if (!isManagerRole(effectiveRole)) {
                throw ZouException.forbidden();
            }
            LocalDateTime beforeAt = parseDate(before);
            LocalDateTime afterAt = parseDate(after);
            int limit = limit(limitArg);
            boolean files = "true".equals(onlyFiles);
            UUID cursorId = null;
            if (cursorText != null) {
                cursorId = parseId(cursorText);
                if (cursorId == null) {
                    throw ZouException.wrongParameter("The cursor_event_id parameter is not a valid id");
                }
            }
            boolean scoped = !caller.isAdmin();
            if (scoped && projectId != null && !exists(c, "SELECT 1 FROM (" + TEAM_PROJECTS
                    + ") t WHERE t.project_id = ?", caller.personId(), projectId)) {
                throw ZouException.forbidden();
            }
            List<UUID> personIds = personIds(personTexts);
            checkNameParts(prefixes, "name_prefixes");
            checkNameParts(suffixes, "name_suffixes");

            Sql sql = new Sql("SELECT id, created_at, name, user_id, project_id, data FROM api_event WHERE 1 = 1");
            if (afterAt != null) {
                sql.and("created_at > ?", afterAt);
            }
            if (beforeAt != null) {
                sql.and("created_at < ?", beforeAt);
            }
            if (files) {
                sql.in("name", FILE_EVENTS);
            }
            if (projectId != null) {
                sql.and("project_id = ?", projectId);
            }
            if (scoped) {
                sql.and("project_id IN (" + TEAM_PROJECTS + ")", caller.personId());
            }
            if (!personIds.isEmpty()) {
                sql.in("user_id", personIds);
            }
            if (name != null) {
                sql.and("name = ?", name);
            }
            if (!prefixes.isEmpty()) {
                sql.anyLike("name", prefixes.stream().map(p -> p + ":%").toList());
            }
            if (!suffixes.isEmpty()) {
                sql.anyLike("name", suffixes.stream().map(s -> "%:" + s).toList());
            }
            if (cursorId != null) {
                List<LocalDateTime> at = createdAt(c, "api_event", cursorId);
                if (at.isEmpty()) {
                    throw ZouException.wrongParameter("No event found with id: " + ZouException.echo(cursorText));
                }
                if (at.get(0) == null) {
                    return new ArrayList<>(); // created_at < NULL matches nothing
                }
                sql.and("created_at < ?", at.get(0));
            }
            sql.text.append(" ORDER BY created_at DESC, seq DESC LIMIT ?");
            sql.params.add(limit);
            List<Map<String, Object>> result = new ArrayList<>();
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("id", form.toJsonValue(rs.getObject(1, UUID.class)));
                    json.put("created_at", form.toJsonValue(rs.getObject(2, LocalDateTime.class)));
                    json.put("name", rs.getString(3));
                    json.put("user_id", form.toJsonValue(rs.getObject(4, UUID.class)));
                    json.put("project_id", form.toJsonValue(rs.getObject(5, UUID.class)));
                    String data = rs.getString(6);
                    json.put("data", data == null ? null : form.toJsonValue(new RawJson(data)));
                    result.add(json);
                }
            }
            return result;
        } catch (SQLException e) {
            throw Database.translate(e);
        }
    }

    /** Projects whose team holds the person (Zou's user_service.get_projects: projects with a status, any status). */
    private static final String TEAM_PROJECTS = "SELECT l.project_id FROM project_person_link l"
            + " JOIN project p ON p.id = l.project_id JOIN project_status s ON s.id = p.project_status_id"
            + " WHERE l.person_id = ?";

    /** The caller's role in a project: the team link's role when set (never admin), else the global role. */
    private static String projectRole(Connection c, Caller caller, UUID projectId) throws SQLException {
        if (caller.personId() == null) {
            return caller.role();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT role FROM project_person_link WHERE project_id = ? AND person_id = ?")) {
            ps.setObject(1, projectId);
            ps.setObject(2, caller.personId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return caller.role();
                }
                String role = rs.getString(1);
                return role == null || "admin".equals(role) ? caller.role() : role;
            }
        }
    }

    // ---- GET /data/events/names ---------------------------------------------------------------------------------

    /** {@code GET /data/events/names}: every distinct event name, sorted (managers and admins). */
    public List<String> names(Caller caller) {
        if (!isManagerRole(caller.role())) {
            throw ZouException.forbidden();
        }
        synchronized (this) {
            if (names == null || System.nanoTime() - namesLoadedAt > NAMES_TTL_NANOS) {
                TreeSet<String> loaded = new TreeSet<>();
                try (Connection c = dataSource.getConnection();
                     PreparedStatement ps = c.prepareStatement("SELECT DISTINCT name FROM api_event");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        loaded.add(rs.getString(1));
                    }
                } catch (SQLException e) {
                    throw Database.translate(e);
                }
                names = loaded;
                namesLoadedAt = System.nanoTime();
            }
            return new ArrayList<>(names);
        }
    }

    /** Keeps the cached names current with the events this engine commits (others' appear within the hour). */
    void noted(Collection<EventRecord> records) {
        synchronized (this) {
            if (names != null) {
                for (EventRecord r : records) {
                    names.add(r.name());
                }
            }
        }
    }

    // ---- GET /data/events/login-logs/last ------------------------------------------------------------------------

    /** {@code GET /data/events/login-logs/last}: newest first, {@code {id, created_at, ip_address, person_id, origin}}.
     */
    public List<Map<String, Object>> lastLoginLogs(Caller caller, Query query) {
        String after = text(query, "after");
        String before = text(query, "before");
        String cursorText = text(query, "cursor_login_log_id");
        BigInteger limitArg = integer(query, "limit", 100);
        List<String> personTexts = all(query, "person_ids");

        if (!caller.isAdmin()) {
            throw ZouException.forbidden();
        }
        LocalDateTime beforeAt = parseDate(before);
        LocalDateTime afterAt = parseDate(after);
        int limit = limit(limitArg);
        UUID cursorId = null;
        if (cursorText != null) {
            cursorId = parseId(cursorText);
            if (cursorId == null) {
                throw ZouException.wrongParameter("The cursor_login_log_id parameter is not a valid id");
            }
        }
        List<UUID> personIds = personIds(personTexts);
        try (Connection c = dataSource.getConnection()) {
            Sql sql = new Sql("SELECT id, created_at, ip_address, person_id, origin FROM login_log WHERE 1 = 1");
            if (!personIds.isEmpty()) {
                sql.in("person_id", personIds);
            }
            if (afterAt != null) {
                sql.and("created_at > ?", afterAt);
            }
            if (beforeAt != null) {
                sql.and("created_at < ?", beforeAt);
            }
            if (cursorId != null) {
                List<LocalDateTime> at = createdAt(c, "login_log", cursorId);
                if (at.isEmpty()) {
                    throw ZouException.wrongParameter("No login log found with id: " + ZouException.echo(cursorText));
                }
                if (at.get(0) == null) {
                    return new ArrayList<>();
                }
                sql.and("created_at < ?", at.get(0));
            }
            sql.text.append(" ORDER BY created_at DESC, id LIMIT ?");
            sql.params.add(limit);
            List<Map<String, Object>> result = new ArrayList<>();
            try (PreparedStatement ps = sql.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("id", form.toJsonValue(rs.getObject(1, UUID.class)));
                    json.put("created_at", form.toJsonValue(rs.getObject(2, LocalDateTime.class)));
                    json.put("ip_address", rs.getString(3));
                    json.put("person_id", form.toJsonValue(rs.getObject(4, UUID.class)));
                    json.put("origin", rs.getString(5));
                    result.add(json);
                }
            }
            return result;
        } catch (SQLException e) {
            throw Database.translate(e);
        }
    }

    // ---- parameters -------------------------------------------------------------------------------------------

    private static boolean isManagerRole(String role) {
        return "admin".equals(role) || "manager".equals(role);
    }

    /** The first value of a parameter, "" when given empty, null when absent. */
    private static String text(Query q, String key) {
        return q.first(key).orElse(q.has(key) ? "" : null);
    }

    private static List<String> all(Query q, String key) {
        List<String> values = q.params().get(key);
        return values == null ? List.of() : values;
    }

    /** An integer parameter read like Python's {@code int(value)}. */
    private static BigInteger integer(Query q, String key, long defaultValue) {
        String v = text(q, key);
        if (v == null) {
            return BigInteger.valueOf(defaultValue);
        }
        String s = v.strip();
        if (!INTEGER.matcher(s).matches()) {
            throw ZouException.wrongParameter("Wrong value for parameter " + key + ".");
        }
        return new BigInteger(s.replace("_", "").replace("+", ""));
    }

    private static int limit(BigInteger value) {
        if (value.signum() < 0) {
            throw ZouException.wrongParameter("Wrong value for parameter limit.");
        }
        return value.min(BigInteger.valueOf(MAX_LIMIT)).intValue();
    }

    /** A whole UUID (any case), or null. */
    static UUID parseId(String text) {
        return UUID_TEXT.matcher(text).matches() ? UUID.fromString(text) : null;
    }

    /** {@code YYYY-MM-DDTHH:MM:SS} or {@code YYYY-MM-DD} (midnight), as Zou's date parameters; null when absent. */
    static LocalDateTime parseDate(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(text);
        if (m.matches()) {
            try {
                return LocalDateTime.of(Integer.parseInt(m.group(1)), number(m.group(2)), number(m.group(3)),
                        number(m.group(4)), number(m.group(5)), number(m.group(6)));
            } catch (DateTimeException e) {
                // falls through to the date format, which fails too
            }
        }
        m = DATE.matcher(text);
        if (m.matches()) {
            try {
                return LocalDate.of(Integer.parseInt(m.group(1)), number(m.group(2)), number(m.group(3)))
                        .atStartOfDay();
            } catch (DateTimeException e) {
                // invalid day of month
            }
        }
        throw ZouException.wrongParameter(WRONG_DATE);
    }

    private static int number(String s) {
        return Integer.parseInt(s.strip());
    }

    private static List<UUID> personIds(List<String> texts) {
        List<UUID> ids = new ArrayList<>(texts.size());
        for (String t : texts) {
            UUID id = parseId(t);
            if (id == null) {
                throw ZouException.wrongParameter("The person_ids parameter contains an invalid id");
            }
            ids.add(id);
        }
        return ids;
    }

    private static void checkNameParts(List<String> values, String parameter) {
        for (String v : values) {
            if (!NAME_PART.matcher(v).matches()) {
                throw ZouException.wrongParameter("The " + parameter + " parameter contains an invalid value");
            }
        }
    }

    // ---- SQL helpers ------------------------------------------------------------------------------------------

    private static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The created_at of row {@code id} of {@code table} (one element, maybe null), or an empty list: no such row. */
    private static List<LocalDateTime> createdAt(Connection c, String table, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT created_at FROM " + table + " WHERE id = ?")) {
            ps.setObject(1, id);
            List<LocalDateTime> values = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    values.add(rs.getObject(1, LocalDateTime.class));
                }
            }
            return values;
        }
    }

    /** A statement under construction: text with {@code ?} placeholders and their values, in order. */
    private static final class Sql {
        final StringBuilder text;
        final List<Object> params = new ArrayList<>();

        Sql(String select) {
            this.text = new StringBuilder(select);
        }

        void and(String condition, Object... values) {
            text.append(" AND ").append(condition);
            params.addAll(List.of(values));
        }

        void in(String column, List<?> values) {
            text.append(" AND ").append(column).append(" IN (")
                    .append(String.join(", ", java.util.Collections.nCopies(values.size(), "?"))).append(')');
            params.addAll(values);
        }

        void anyLike(String column, List<String> patterns) {
            List<String> parts = new ArrayList<>();
            for (String p : patterns) {
                parts.add(column + " LIKE ?");
                params.add(p);
            }
            text.append(" AND (").append(String.join(" OR ", parts)).append(')');
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(text.toString());
            try {
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                return ps;
            } catch (SQLException e) {
                ps.close();
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "EventQueries";
    }
}
