package org.zou4j.internal.assets;

import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Zou's shot quotas of a project (Kitsu's quota page): frames, seconds, drawings and shot counts per person (or per
 * task type for one person) and per day, week, month and year. Raw: a shot counts on its feedback (or done) date.
 * Weighted: a shot's frames are split by the time spent on each day, or, without time spent, over the business days
 * from its real start, as Zou computes them.
 */
final class Quotas {
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");

    private Quotas() {
    }

    record Params(UUID projectId, UUID taskTypeId, UUID personId, UUID studioId, boolean feedback, boolean weighted) {
    }

    static Map<String, Object> compute(HookContext ctx, UUID shotTypeId, Params p) throws SQLException {
        Row project = ctx.tx().byId("project", p.projectId());
        double fps = 25;
        try {
            fps = project.get("fps") == null ? 25 : Double.parseDouble(project.get("fps").toString());
        } catch (NumberFormatException e) {
            // Zou's default
        }
        ZoneId zone = zone(ctx);
        Map<String, Object> quotas = new LinkedHashMap<>();
        if (shotTypeId == null) {
            return quotas;
        }
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.eq("project_id", p.projectId()));
        filters.add(Filter.sub("entity_id", "entity", "id", Filter.eq("entity_type_id", shotTypeId)));
        if (p.taskTypeId() != null) {
            filters.add(Filter.eq("task_type_id", p.taskTypeId()));
        }
        filters.add(Filter.not(new Filter.IsNull(p.feedback() ? "end_date" : "done_date")));
        if (p.studioId() != null) {
            filters.add(Filter.sub("id", "task_person_link", "task_id", Filter.sub("person_id", "person", "id",
                    Filter.eq("studio_id", p.studioId()))));
        }
        List<Row> tasks = ctx.tx().select("task", filters);
        for (Row task : tasks) {
            Row shot = ctx.access().row("entity", (UUID) task.get("entity_id"));
            long nbFrames = shot == null || shot.get("nb_frames") == null ? 0 : ((Number) shot.get("nb_frames"))
                    .longValue();
            long nbDrawings = task.get("nb_drawings") == null ? 0 : ((Number) task.get("nb_drawings")).longValue();
            LocalDateTime end = (LocalDateTime) task.get(p.feedback() ? "end_date" : "done_date");
            if (!p.weighted()) {
                for (Object person : assignees(ctx, task, p.personId())) {
                    String entry = p.personId() != null ? task.get("task_type_id").toString() : person.toString();
                    for (String e : List.of(entry, "total")) {
                        add(quotas, e, local(end, zone), nbFrames, nbDrawings, fps);
                    }
                }
                continue;
            }
            List<Row> spents = ctx.tx().select("time_spent", List.of(Filter.eq("task_id", task.id())));
            double taskDuration = task.get("duration") == null ? 0 : ((Number) task.get("duration")).doubleValue();
            for (Row spent : spents) {
                if (p.personId() != null && !p.personId().equals(spent.get("person_id"))) {
                    continue;
                }
                if (taskDuration > 0) {
                    double share = ((Number) spent.get("duration")).doubleValue() / taskDuration;
                    String entry = p.personId() != null ? task.get("task_type_id").toString()
                            : spent.get("person_id").toString();
                    for (String e : List.of(entry, "total")) {
                        add(quotas, e, (LocalDate) spent.get("date"), Math.round(Math.rint(nbFrames * share)),
                                Math.round(Math.rint(nbDrawings * share)), fps);
                    }
                }
            }
            LocalDateTime start = (LocalDateTime) task.get("real_start_date");
            if (!spents.isEmpty() || start == null || p.taskTypeId() == null) {
                continue; // Zou's second pass filters on the task type: none in the per-person view
            }
            long businessDays = businessDays(start, end) + 1;
            long frames = Math.round(Math.rint(nbFrames / (double) businessDays));
            long days = ChronoUnit.DAYS.between(start, end);
            for (Object person : assignees(ctx, task, p.personId())) {
                String entry = p.personId() != null ? task.get("task_type_id").toString() : person.toString();
                LocalDateTime date = end; // Zou walks forward from the end date
                for (long x = 0; x <= days; x++) {
                    if (date.getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue()) {
                        for (String e : List.of(entry, "total")) {
                            add(quotas, e, local(date, zone), frames, nbDrawings, fps);
                        }
                    }
                    date = date.plusDays(1);
                }
            }
        }
        return quotas;
    }

    private static List<Object> assignees(HookContext ctx, Row task, UUID only) throws SQLException {
        List<Object> persons = ctx.tx().column("task_person_link", "person_id", List.of(Filter.eq("task_id",
                task.id())));
        if (only != null) {
            persons.removeIf(pid -> !only.equals(pid));
        }
        return persons;
    }

    private static long businessDays(LocalDateTime start, LocalDateTime end) {
        long days = ChronoUnit.DAYS.between(start, end);
        long n = 0;
        for (long x = 0; x < days; x++) {
            if (start.plusDays(x + 1).getDayOfWeek().getValue() < DayOfWeek.SATURDAY.getValue()) {
                n++;
            }
        }
        return n;
    }

    private static ZoneId zone(HookContext ctx) throws SQLException {
        Row me = ctx.access().row("person", ctx.caller().personId());
        Object tz = me == null ? null : me.get("timezone");
        try {
            return tz == null || tz.toString().isEmpty() ? DEFAULT_ZONE : ZoneId.of(tz.toString());
        } catch (RuntimeException e) {
            return DEFAULT_ZONE;
        }
    }

    private static LocalDate local(LocalDateTime utc, ZoneId zone) {
        return utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone).toLocalDate();
    }

    private static void add(Map<String, Object> quotas, String entry, LocalDate date, long frames, long drawings,
                            double fps) {
        String day = date.toString();
        String year = day.substring(0, 4);
        String week = year + "-" + date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        String month = day.substring(0, 7);
        Map<String, Object> e = child(quotas, entry);
        if (e.isEmpty()) {
            for (String period : List.of("day", "week", "month", "year")) {
                Map<String, Object> p = child(e, period);
                for (String k : List.of("frames", "seconds", "count", "entries", "drawings")) {
                    if (!(period.equals("year") && k.equals("entries"))) {
                        child(p, k);
                    }
                }
            }
        }
        String weekYear = week.substring(0, 4);
        init(e, "day", day, month);
        init(e, "week", week, weekYear);
        init(e, "month", month, weekYear);
        init(e, "year", weekYear, null);
        double seconds = frames / fps;
        for (String[] key : new String[][] {{"day", day}, {"week", week}, {"month", month}, {"year", year}}) {
            Map<String, Object> p = child(e, key[0]);
            increment(child(p, "frames"), key[1], frames);
            increment(child(p, "seconds"), key[1], seconds);
            increment(child(p, "drawings"), key[1], drawings);
            increment(child(p, "count"), key[1], 1L);
        }
    }

    /** Zou's {@code _init_quota_date}: zeroes a new period key and counts it in its parent's {@code entries}. */
    private static void init(Map<String, Object> entry, String period, String key, String parentKey) {
        Map<String, Object> p = child(entry, period);
        Map<String, Object> frames = child(p, "frames");
        if (frames.containsKey(key)) {
            return;
        }
        frames.put(key, 0L);
        child(p, "seconds").put(key, 0.0);
        child(p, "count").put(key, 0L);
        child(p, "drawings").put(key, 0L);
        if (parentKey != null) {
            increment(child(p, "entries"), parentKey, 1L);
        }
    }

    private static void increment(Map<String, Object> m, String key, long v) {
        Object old = m.get(key);
        m.put(key, (old instanceof Number n ? n.longValue() : 0L) + v);
    }

    private static void increment(Map<String, Object> m, String key, double v) {
        Object old = m.get(key);
        m.put(key, (old instanceof Number n ? n.doubleValue() : 0.0) + v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }
}
