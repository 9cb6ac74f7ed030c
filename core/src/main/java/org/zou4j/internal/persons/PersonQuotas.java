package org.zou4j.internal.persons;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;
import org.zou4j.internal.user.EntityNames;

/**
 * The shots counted in a person's quota over a period (zou {@code shots_service.get_weighted_quota_shots_between}
 * and {@code get_raw_quota_shots_between}, routes {@code PersonDay/Week/MonthQuotaShotsResource}).
 *
 * <p>Weighted: a shot with time spent by the person in the period weighs the sum of each entry's share of the task's
 * duration (rounded to 2 decimals per entry); a shot of the person's without any time spent weighs the share of its
 * business days (from its real start to its feedback or done date) that fall in the period. Raw: each shot whose
 * feedback (or done) date falls in the period weighs 1. Period bounds are the caller's local days (their timezone,
 * Europe/Paris by default): time spent dates are compared as they are, task dates (UTC) after converting the bounds.
 */
final class PersonQuotas {
    private static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Paris");
    private static final Set<String> COUNT_MODES = Set.of("weighted", "weighteddone", "feedback", "done");

    private final PersonsService service;

    PersonQuotas(PersonsService service) {
        this.service = service;
    }

    List<Map<String, Object>> shots(Caller caller, String personId, String period, List<String> values,
                                    Map<String, String> params) {
        UUID pid = PersonsService.pathId(personId);
        UUID projectId = PersonsService.optionalId(params.get("project_id"), "project_id");
        UUID taskTypeId = PersonsService.optionalId(params.get("task_type_id"), "task_type_id");
        String mode = params.get("count_mode") == null || params.get("count_mode").isEmpty() ? "weighted"
                : params.get("count_mode");
        if (!COUNT_MODES.contains(mode)) {
            throw ZouException.wrongParameter("count_mode must be equal to weighted, weighteddone, feedback, or done");
        }
        boolean feedback = !mode.contains("done");
        boolean weighted = mode.contains("weighted");
        return service.read(caller, ctx -> {
            PersonsService.requireHuman(ctx, pid);
            checkAccess(ctx, pid, projectId);
            Periods p = Periods.of(period, values, "Invalid month or year.");
            if (projectId == null || taskTypeId == null) {
                return List.of(); // Zou filters on task.project_id == None: nothing matches
            }
            List<Object> shotTypes = ctx.tx().column("entity_type", "id", List.of(Filter.eq("name", "Shot")));
            if (shotTypes.isEmpty()) {
                return List.of();
            }
            UUID shotType = (UUID) shotTypes.get(0);
            ZoneId zone = zone(ctx);
            LocalDateTime start = p.start().atStartOfDay();
            LocalDateTime end = p.end().atStartOfDay();
            LocalDateTime utcStart = toUtc(start, zone);
            LocalDateTime utcEnd = toUtc(end, zone);
            String dateColumn = feedback ? "end_date" : "done_date";
            List<Filter> tasks = new ArrayList<>(List.of(Filter.eq("project_id", projectId),
                    Filter.eq("task_type_id", taskTypeId),
                    Filter.sub("entity_id", "entity", "id", Filter.eq("entity_type_id", shotType))));
            List<Map<String, Object>> shots = weighted
                    ? weighted(ctx, pid, tasks, dateColumn, start, end, utcStart, utcEnd, p)
                    : raw(ctx, pid, tasks, dateColumn, utcStart, utcEnd);
            shots.sort(Comparator.comparing(s -> String.valueOf(s.get("full_name"))));
            return shots;
        });
    }

    /**
     * Zou's {@code PersonQuotaMixin.check_permissions}: with the project's role resolved (the caller's global role
     * outside its team), a manager must be in the project's team; anyone else reads only their own quotas.
     */
    private static void checkAccess(HookContext ctx, UUID personId, UUID projectId) throws SQLException {
        Caller c = ctx.caller();
        if (c.isAdmin()) {
            return;
        }
        boolean inTeam = projectId != null && ctx.access().inTeam(projectId);
        String role = inTeam ? ctx.access().projectRole(projectId) : c.role();
        if ("manager".equals(role)) {
            if (!inTeam) {
                throw ZouException.forbidden();
            }
            return;
        }
        PersonsService.requireSelfOrAdmin(ctx, personId);
    }

    private List<Map<String, Object>> weighted(HookContext ctx, UUID personId, List<Filter> taskFilters,
                                               String dateColumn, LocalDateTime start, LocalDateTime end,
                                               LocalDateTime utcStart, LocalDateTime utcEnd, Periods p)
            throws SQLException {
        Tx tx = ctx.tx();
        Map<UUID, Map<String, Object>> listed = new LinkedHashMap<>();
        PersonsService.Lookup tasks = new PersonsService.Lookup(tx, "task");
        PersonsService.Lookup entities = new PersonsService.Lookup(tx, "entity");
        EntityNames names = new EntityNames(tx);
        List<Filter> withDate = new ArrayList<>(taskFilters);
        withDate.add(Filter.not(new Filter.IsNull(dateColumn)));
        List<Row> spents = tx.select("time_spent", List.of(Filter.eq("person_id", personId),
                Filter.between("date", p.start(), p.lastDay()),
                Filter.sub("task_id", "task", "id", withDate.toArray(new Filter[0]))),
                List.of(Tx.Order.asc("date")), 0, 0);
        for (Row spent : spents) {
            Row task = tasks.get((UUID) spent.get("task_id"));
            Row entity = task == null ? null : entities.get((UUID) task.get("entity_id"));
            if (entity == null) {
                continue;
            }
            double taskDuration = task.get("duration") == null ? 0 : ((Number) task.get("duration")).doubleValue();
            double share = taskDuration == 0 ? 0 : round2(((Number) spent.get("duration")).doubleValue()
                    / taskDuration);
            Map<String, Object> shot = listed.get(entity.id());
            if (shot == null) {
                shot = shot(ctx, entity, names);
                shot.put("weight", share);
                listed.put(entity.id(), shot);
            } else {
                shot.put("weight", ((Number) shot.get("weight")).doubleValue() + share);
            }
        }
        List<Filter> untracked = new ArrayList<>(taskFilters);
        untracked.add(Filter.not(new Filter.IsNull("real_start_date")));
        untracked.add(Filter.not(new Filter.IsNull(dateColumn)));
        untracked.add(Filter.sub("id", "task_person_link", "task_id", Filter.eq("person_id", personId)));
        untracked.add(Filter.not(Filter.sub("id", "time_spent", "task_id",
                Filter.not(new Filter.IsNull("task_id")))));
        untracked.add(Filter.between("real_start_date", null, utcEnd));
        untracked.add(Filter.between(dateColumn, utcStart, null));
        List<Map<String, Object>> out = new ArrayList<>(listed.values());
        for (Row task : tx.select("task", untracked, List.of(Tx.Order.asc("created_at")), 0, 0)) {
            Row entity = entities.get((UUID) task.get("entity_id"));
            if (entity == null || listed.containsKey(entity.id())) {
                continue;
            }
            LocalDateTime taskStart = (LocalDateTime) task.get("real_start_date");
            LocalDateTime taskEnd = (LocalDateTime) task.get(dateColumn);
            long businessDays = businessDays(taskStart, taskEnd) + 1;
            long multiplicator = 1;
            if (!taskStart.isBefore(start) && !taskEnd.isAfter(end)) {
                multiplicator = businessDays;
            } else if (!taskStart.isBefore(start)) {
                multiplicator = businessDays(taskStart, end) + 1;
            } else if (!taskEnd.isAfter(end)) {
                multiplicator = businessDays(start, taskEnd) + 1;
            }
            Map<String, Object> shot = shot(ctx, entity, names);
            shot.put("weight", round2(multiplicator / (double) businessDays));
            listed.put(entity.id(), shot);
            out.add(shot);
        }
        return out;
    }

    private List<Map<String, Object>> raw(HookContext ctx, UUID personId, List<Filter> taskFilters,
                                          String dateColumn, LocalDateTime utcStart, LocalDateTime utcEnd)
            throws SQLException {
        Tx tx = ctx.tx();
        PersonsService.Lookup entities = new PersonsService.Lookup(tx, "entity");
        EntityNames names = new EntityNames(tx);
        List<Filter> where = new ArrayList<>(taskFilters);
        where.add(Filter.sub("id", "task_person_link", "task_id", Filter.eq("person_id", personId)));
        where.add(Filter.between(dateColumn, utcStart, utcEnd));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row task : tx.select("task", where, List.of(Tx.Order.asc("created_at")), 0, 0)) {
            Row entity = entities.get((UUID) task.get("entity_id"));
            if (entity != null) {
                Map<String, Object> shot = shot(ctx, entity, names);
                shot.put("weight", 1);
                out.add(shot);
            }
        }
        return out;
    }

    private Map<String, Object> shot(HookContext ctx, Row entity, EntityNames names) throws SQLException {
        Map<String, Object> shot = new LinkedHashMap<>(service.serialize(ctx, "entity", List.of(entity)).get(0));
        EntityNames.Name name = names.of(entity.id());
        shot.put("full_name", name == null ? entity.get("name") : name.fullName());
        return shot;
    }

    /** Python's {@code round(x, 2)}: half to even on the exact binary value. */
    static double round2(double v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * Zou's {@code date_helpers.get_business_days}: the weekdays among the {@code (end - start).days} days following
     * {@code start} (whole days, floored; none when end is before start).
     */
    static long businessDays(LocalDateTime start, LocalDateTime end) {
        long days = Math.floorDiv(Duration.between(start, end).getSeconds(), 86_400L);
        long n = 0;
        for (long x = 0; x < days; x++) {
            if (start.plusDays(x + 1).getDayOfWeek().getValue() <= 5) {
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

    private static LocalDateTime toUtc(LocalDateTime local, ZoneId zone) {
        return local.atZone(zone).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
}
