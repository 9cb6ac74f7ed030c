package org.zou4j.internal.user;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.events.EventLog;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;
import org.zou4j.internal.persons.Avatars;

/**
 * The caller's own records: time spents, days off, desktop login logs, avatar, and entity chats
 * (zou {@code time_spents_service}, {@code persons_service}, {@code chats_service} as the user routes call them).
 */
public final class UserActivity extends UserSupport {
    private final Avatars avatars;

    public UserActivity(CrudService crud, EventLog events, Avatars avatars) {
        super(crud, events);
        this.avatars = avatars;
    }

    // ---- time spents and days off ----------------------------------------------------------------------------------

    /** {@code GET /data/user/time-spents}: all of the caller's, or those of {@code start_date..end_date}. */
    public List<Map<String, Object>> timeSpents(Caller caller, String startDate, String endDate) {
        boolean hasStart = startDate != null && !startDate.isEmpty();
        boolean hasEnd = endDate != null && !endDate.isEmpty();
        if (hasStart != hasEnd) {
            throw ZouException.wrongParameter("If querying for a range of dates, both a `start_date` and an "
                    + "`end_date` must be given.");
        }
        LocalDate start = hasStart ? date(startDate, "Wrong date format for " + startDate + " and/or " + endDate)
                : null;
        LocalDate end = hasEnd ? date(endDate, "Wrong date format for " + startDate + " and/or " + endDate) : null;
        return read(caller, ctx -> {
            List<Filter> where = new ArrayList<>(List.of(Filter.eq("person_id", caller.personId())));
            if (start != null) {
                where.add(Filter.between("date", start, end));
            }
            return serialize(ctx, "time_spent", ctx.tx().select("time_spent", where,
                    List.of(Tx.Order.asc("date"), Tx.Order.asc("created_at")), 0, 0));
        });
    }

    /** {@code GET /data/user/time-spents/<date>}. */
    public List<Map<String, Object>> timeSpentsOn(Caller caller, String date) {
        LocalDate day = date(date, "Wrong date format.");
        return read(caller, ctx -> serialize(ctx, "time_spent", ctx.tx().select("time_spent", List.of(
                Filter.eq("person_id", caller.personId()), Filter.eq("date", day)))));
    }

    /** {@code GET /data/user/tasks/<id>/time-spents/<date>}: the entry, or JSON null. */
    public Map<String, Object> taskTimeSpent(Caller caller, String taskId, String date) {
        UUID task = pathId(taskId);
        LocalDate day = date(date, "Wrong date format.");
        return read(caller, ctx -> {
            List<Row> rows = ctx.tx().select("time_spent", List.of(Filter.eq("person_id", caller.personId()),
                    Filter.eq("task_id", task), Filter.eq("date", day)));
            return rows.isEmpty() ? null : serializeOne(ctx, "time_spent", rows.get(0));
        });
    }

    /** {@code GET /data/user/day-offs/<date>}: the day off covering the date, or {@code {}}. */
    public Map<String, Object> dayOff(Caller caller, String date) {
        LocalDate day = date(date, "Wrong date format.");
        return read(caller, ctx -> {
            List<Row> rows = ctx.tx().select("day_off", List.of(Filter.eq("person_id", caller.personId()),
                    Filter.between("date", null, day), Filter.between("end_date", day, null)));
            return rows.isEmpty() ? new LinkedHashMap<>() : serializeOne(ctx, "day_off", rows.get(0));
        });
    }

    private static LocalDate date(String text, String message) {
        LocalDate d = text == null ? null : Values.parseDate(text);
        if (d == null) {
            throw ZouException.wrongParameter(message);
        }
        return d;
    }

    // ---- desktop login logs ----------------------------------------------------------------------------------------

    /** {@code GET /data/user/desktop-login-logs}: newest first. */
    public List<Map<String, Object>> desktopLoginLogs(Caller caller) {
        return read(caller, ctx -> serialize(ctx, "desktop_login_log", ctx.tx().select("desktop_login_log",
                List.of(Filter.eq("person_id", caller.personId())), List.of(Tx.Order.desc("date")), 0, 0)));
    }

    /** {@code POST /data/user/desktop-login-logs}: {@code date} (default now); updates the person's presence. */
    public Map<String, Object> addDesktopLoginLog(Caller caller, Map<String, Object> body) {
        Object dateValue = body.get("date");
        LocalDateTime date = null;
        if (dateValue != null && !dateValue.toString().isEmpty()) {
            date = Values.parseTimestamp(dateValue.toString());
            if (date == null) {
                LocalDate d = Values.parseDate(dateValue.toString());
                if (d == null) {
                    throw ZouException.wrongParameter("Wrong date format: " + dateValue);
                }
                date = d.atStartOfDay();
            }
        }
        LocalDateTime given = date;
        return write(caller, ctx -> {
            LocalDateTime when = given == null ? ctx.now() : given;
            Map<String, Object> row = new LinkedHashMap<>();
            UUID id = UUID.randomUUID();
            row.put("id", id);
            row.put("created_at", ctx.now());
            row.put("updated_at", ctx.now());
            row.put("person_id", caller.personId());
            row.put("date", when);
            ctx.tx().insert("desktop_login_log", row);
            updatePresence(ctx);
            return serializeOne(ctx, "desktop_login_log", ctx.tx().byId("desktop_login_log", id));
        });
    }

    /** The person's {@code last_presence}: the latest of their last desktop login and last time spent. */
    private void updatePresence(HookContext ctx) throws java.sql.SQLException {
        UUID me = ctx.caller().personId();
        List<Row> logs = ctx.tx().select("desktop_login_log", List.of(Filter.eq("person_id", me)),
                List.of(Tx.Order.desc("date")), 1, 0);
        List<Row> spents = ctx.tx().select("time_spent", List.of(Filter.eq("person_id", me)),
                List.of(Tx.Order.desc("date")), 1, 0);
        LocalDate presence = null;
        if (!logs.isEmpty()) {
            presence = ((LocalDateTime) logs.get(0).get("date")).toLocalDate();
        }
        if (!spents.isEmpty()) {
            LocalDate d = (LocalDate) spents.get(0).get("date");
            if (presence == null || d.isAfter(presence)) {
                presence = d;
            }
        }
        if (presence != null && crud.models().table("person").table().has("last_presence")) {
            ctx.tx().updateById("person", me, Map.of("last_presence", presence));
        }
    }

    // ---- avatar ----------------------------------------------------------------------------------------------------

    /** {@code DELETE /actions/user/clear-avatar}: {@code has_avatar} false, picture removed, person:update. */
    public void clearAvatar(Caller caller) {
        write(caller, ctx -> {
            UUID me = caller.personId();
            ctx.tx().updateById("person", me, Map.of("has_avatar", false, "updated_at", ctx.now()));
            ctx.events().emit("person:update", Map.of("person_id", me.toString()), null);
            ctx.tx().afterCommit(() -> avatars.remove(me.toString()));
            return null;
        });
    }

    // ---- chats -----------------------------------------------------------------------------------------------------

    /** {@code GET /data/user/chats}: chats the caller takes part in, on entities of open projects. */
    public List<Map<String, Object>> chats(Caller caller) {
        return read(caller, ctx -> {
            List<Row> chats = ctx.tx().select("chat", List.of(
                    Filter.sub("id", "chat_participant", "chat_id", Filter.eq("person_id", caller.personId())),
                    Filter.sub("object_id", "entity", "id", Filter.sub("project_id", "project", "id",
                            openProjects()))));
            java.util.Map<UUID, Row> entities = mapByIds(ctx.tx(), "entity", UserTasks.col(chats, "object_id"));
            EntityNames names = new EntityNames(ctx.tx());
            List<Map<String, Object>> out = new ArrayList<>();
            for (Row chat : chats) {
                Row entity = entities.get((UUID) chat.get("object_id"));
                EntityNames.Name name = names.of((UUID) chat.get("object_id"));
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", chat.id().toString());
                m.put("object_id", json(chat.get("object_id")));
                m.put("last_message", json(chat.get("last_message")));
                m.put("entity_name", name == null ? null : name.fullName());
                m.put("project_id", entity == null ? null : json(entity.get("project_id")));
                m.put("preview_file_id", entity == null ? null : json(entity.get("preview_file_id")));
                out.add(m);
            }
            return out;
        });
    }

    /**
     * {@code POST /actions/user/chats/<entity_id>/join} ({@code join=true}) or {@code DELETE} (leave): the entity must
     * exist (404) and be readable by the caller (403). Emits chat:joined / chat:left.
     */
    public Map<String, Object> joinChat(Caller caller, String entityId, boolean join) {
        UUID eid = pathId(entityId);
        return write(caller, ctx -> {
            Row entity = ctx.tx().byId("entity", eid);
            if (entity == null) {
                throw ZouException.notFound("Entity not found");
            }
            requireEntityAccess(ctx, entity);
            List<Row> chats = ctx.tx().select("chat", List.of(Filter.eq("object_id", eid)));
            UUID chatId;
            if (chats.isEmpty()) {
                chatId = UUID.randomUUID();
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", chatId);
                row.put("created_at", ctx.now());
                row.put("updated_at", ctx.now());
                row.put("object_id", eid);
                row.put("object_type", "entity");
                ctx.tx().insert("chat", row);
            } else {
                chatId = chats.get(0).id();
            }
            List<Filter> link = List.of(Filter.eq("chat_id", chatId), Filter.eq("person_id", caller.personId()));
            boolean present = ctx.tx().exists("chat_participant", link);
            if (join && !present) {
                ctx.tx().insert("chat_participant", new LinkedHashMap<>(Map.of("chat_id", chatId,
                        "person_id", caller.personId())));
            } else if (!join && present) {
                ctx.tx().delete("chat_participant", link);
            }
            ctx.events().emit(join ? "chat:joined" : "chat:left", Map.of("chat_id", chatId.toString(),
                    "person_id", caller.personId().toString()), (UUID) entity.get("project_id"));
            return serializeOne(ctx, "chat", ctx.tx().byId("chat", chatId));
        });
    }

    /** Zou's {@code check_project_access} + {@code check_entity_access}: team, and vendors only on their work. */
    private static void requireEntityAccess(HookContext ctx, Row entity) throws java.sql.SQLException {
        UUID projectId = (UUID) entity.get("project_id");
        if (!ctx.access().inTeam(projectId)) {
            throw ZouException.forbidden();
        }
        if (ctx.caller().hasRole("vendor") && !ctx.access().workingOnEntity(entity.id())) {
            throw ZouException.forbidden();
        }
    }
}
