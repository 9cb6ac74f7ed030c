package org.zou4j.http.internal.routes;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.export.CsvExport;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.persons.Persons;

/**
 * Zou's {@code persons} blueprint: thin routes over {@link Persons}. Besides Zou 1.0.67's routes, Kitsu's
 * {@code /data/persons/day-offs/<year>} and {@code /data/persons/<id>/quota-shots/year/<year>} (the same answers over a
 * whole year).
 */
public final class PersonRoutes {
    private static final String P = "/data/persons/<person_id>";
    private static final String A = "/actions/persons/<person_id>";

    public List<Route> routes() {
        List<Route> r = new ArrayList<>();
        // admin actions
        r.add(Route.of("POST", A + "/departments/add", true, c -> c.json().answer(201,
                p(c).addToDepartment(pid(c), text(body(c), "department_id")))));
        r.add(delete(A + "/departments/<department_id>",
                c -> p(c).removeFromDepartment(pid(c), c.param("department_id"))));
        r.add(Route.of("POST", A + "/change-password", true, c -> {
            Map<String, Object> b = body(c);
            p(c).changePassword(pid(c), text(b, "password"), text(b, "password_2"), forwardedFor(c));
            return c.json().ok(Map.of("success", true));
        }));
        r.add(Route.of("POST", A + "/reset-password-link", true,
                c -> c.json().ok(Map.of("reset_password_link", p(c).passwordResetLink(pid(c))))));
        r.add(Route.of("GET", A + "/invite", true, c -> {
            p(c).invite(pid(c));
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("success", true);
            answer.put("message", "Email sent");
            return c.json().ok(answer);
        }));
        r.add(delete(A + "/clear-avatar", c -> p(c).clearAvatar(pid(c))));
        // desktop logins, presence
        r.add(get(P + "/desktop-login-logs", c -> p(c).desktopLoginLogs(pid(c))));
        r.add(Route.of("POST", P + "/desktop-login-logs", true,
                c -> c.json().answer(201, p(c).addDesktopLoginLog(pid(c), body(c)))));
        r.add(Route.of("GET", "/data/persons/presence-logs/<month_date>", true,
                c -> csv(p(c).presenceLogs(c.param("month_date")))));
        // time spents
        r.add(get(P + "/time-spents", c -> p(c).timeSpents(pid(c), q(c, "start_date"), q(c, "end_date"))));
        r.add(get(P + "/time-spents/<date>", c -> p(c).timeSpentsOn(pid(c), c.param("date"))));
        r.add(get(P + "/time-spents/year/<year>", c -> p(c).periodTimeSpents(pid(c), "year",
                List.of(c.param("year")), q(c, "project_id"))));
        r.add(get(P + "/time-spents/month/<year>/<month>", c -> p(c).periodTimeSpents(pid(c), "month",
                List.of(c.param("year"), c.param("month")), q(c, "project_id"))));
        r.add(get(P + "/time-spents/week/<year>/<week>", c -> p(c).periodTimeSpents(pid(c), "week",
                List.of(c.param("year"), c.param("week")), q(c, "project_id"))));
        r.add(get(P + "/time-spents/day/<year>/<month>/<day>", c -> p(c).periodTimeSpents(pid(c), "day",
                List.of(c.param("year"), c.param("month"), c.param("day")), q(c, "project_id"))));
        r.add(get(P + "/time-spents/month/all/<year>/<month>",
                c -> p(c).monthTimeSpentEntries(pid(c), c.param("year"), c.param("month"))));
        r.add(get("/data/persons/time-spents/year-table", c -> p(c).timeSpentTable("year", List.of(), query(c))));
        r.add(get("/data/persons/time-spents/month-table/<year>",
                c -> p(c).timeSpentTable("month", List.of(c.param("year")), query(c))));
        r.add(get("/data/persons/time-spents/week-table/<year>",
                c -> p(c).timeSpentTable("week", List.of(c.param("year")), query(c))));
        r.add(get("/data/persons/time-spents/day-table/<year>/<month>",
                c -> p(c).timeSpentTable("day", List.of(c.param("year"), c.param("month")), query(c))));
        // days off
        r.add(get(P + "/day-offs", c -> p(c).dayOffs(pid(c), null, List.of())));
        r.add(get(P + "/day-offs/<date>", c -> p(c).dayOff(pid(c), c.param("date"))));
        r.add(get(P + "/day-offs/year/<year>", c -> p(c).dayOffs(pid(c), "year", List.of(c.param("year")))));
        r.add(get(P + "/day-offs/month/<year>/<month>", c -> p(c).dayOffs(pid(c), "month",
                List.of(c.param("year"), c.param("month")))));
        r.add(get(P + "/day-offs/week/<year>/<week>", c -> p(c).dayOffs(pid(c), "week",
                List.of(c.param("year"), c.param("week")))));
        r.add(get("/data/persons/day-offs/<year>/<month>", c -> p(c).allDayOffs(c.param("year"), c.param("month"))));
        r.add(get("/data/persons/day-offs/<year>", c -> p(c).allDayOffs(c.param("year"), null)));
        // quotas
        r.add(get(P + "/quota-shots/year/<year>", c -> p(c).quotaShots(pid(c), "year", List.of(c.param("year")),
                query(c))));
        r.add(get(P + "/quota-shots/month/<year>/<month>", c -> p(c).quotaShots(pid(c), "month",
                List.of(c.param("year"), c.param("month")), query(c))));
        r.add(get(P + "/quota-shots/week/<year>/<week>", c -> p(c).quotaShots(pid(c), "week",
                List.of(c.param("year"), c.param("week")), query(c))));
        r.add(get(P + "/quota-shots/day/<year>/<month>/<day>", c -> p(c).quotaShots(pid(c), "day",
                List.of(c.param("year"), c.param("month"), c.param("day")), query(c))));
        return r;
    }

    @FunctionalInterface
    interface Getter {
        Object get(Call call);
    }

    @FunctionalInterface
    interface Deleter {
        void delete(Call call);
    }

    private static Route get(String path, Getter g) {
        return Route.of("GET", path, true, c -> c.json().ok(g.get(c)));
    }

    private static Route delete(String path, Deleter d) {
        return Route.of("DELETE", path, true, c -> {
            d.delete(c);
            return HttpResponse.noContent();
        });
    }

    private static Persons p(Call c) {
        return c.session().persons();
    }

    private static String pid(Call c) {
        return c.param("person_id");
    }

    private static String q(Call c, String name) {
        return c.query().first(name).orElse(null);
    }

    /** The first value of each query parameter. */
    private static Map<String, String> query(Call c) {
        Map<String, String> m = new LinkedHashMap<>();
        c.request().queryParameters().forEach((k, v) -> {
            if (!v.isEmpty()) {
                m.put(k, v.get(0));
            }
        });
        return m;
    }

    /** The JSON object body, else the query-string values (Zou's {@code validate_request_body} reads both). */
    private static Map<String, Object> body(Call call) {
        boolean json = call.request().contentType().map(t -> t.contains("json")).orElse(false)
                && !call.request().bodyAsString().isBlank();
        if (json) {
            Map<String, Object> b = call.jsonObjectBody();
            return b == null ? Map.of() : b;
        }
        return new LinkedHashMap<>(query(call));
    }

    private static String text(Map<String, Object> body, String key) {
        Object v = body.get(key);
        return v == null ? null : v.toString();
    }

    /** Zou: the first address of {@code X-Forwarded-For} when it is an IP address, else none. */
    private static String forwardedFor(Call c) {
        String header = c.request().header("X-Forwarded-For").orElse(null);
        if (header == null) {
            return null;
        }
        String first = header.split(",")[0].trim();
        if (first.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
            return first;
        }
        if (first.indexOf(':') >= 0 && first.matches("[0-9a-fA-F:.]+")) {
            try {
                return InetAddress.getByName(first).getHostAddress() == null ? null : first; // a literal: no lookup
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    private static HttpResponse csv(CsvExport export) {
        return HttpResponse.stream(200, "text/csv; charset=utf-8", export::writeTo)
                .withHeader("Content-Disposition", "attachment; filename=" + export.fileName() + ".csv");
    }
}
