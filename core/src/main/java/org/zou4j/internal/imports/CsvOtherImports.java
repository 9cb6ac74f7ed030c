package org.zou4j.internal.imports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.imports.CsvTable.CsvRow;
import org.zou4j.internal.imports.CsvTable.RowException;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/** Zou's person, casting and task type estimation CSV imports ({@code source/csv/persons.py}, ...). */
final class CsvOtherImports {
    /** Zou's choice labels ({@code ROLE_TYPES}, ...) to their codes; codes themselves are accepted too. */
    private static final Map<String, String> ROLES = Map.of("Artist", "user", "Studio Manager", "admin",
            "Supervisor", "supervisor", "Production Manager", "manager", "Client", "client", "Vendor", "vendor");
    private static final Map<String, String> CONTRACTS = Map.of("Open-ended", "open-ended", "Fixed-term",
            "fixed-term", "Short-term", "short-term", "Freelance", "freelance", "Apprentice", "apprentice",
            "Internship", "internship");
    private static final Map<String, String> POSITIONS = Map.of("Supervisor", "supervisor", "Lead", "lead",
            "Artist", "artist");
    private static final Map<String, String> SENIORITIES = Map.of("Senior", "senior", "Mid", "mid", "Junior",
            "junior");

    private final ImportSupport s;

    CsvOtherImports(ImportSupport s) {
        this.s = s;
    }

    // ---- persons -----------------------------------------------------------------------------------------------------

    /** {@code PersonsCsvImportResource.import_row}: by e-mail among non-bots; created without a password. */
    Map<String, Object> person(HookContext ctx, CsvRow row, boolean update) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_name", row.require("First Name"));
        body.put("last_name", row.require("Last Name"));
        String email = row.require("Email");
        choice(body, "role", "Role", row.get("Role"), ROLES);
        choice(body, "contract_type", "Contract Type", row.get("Contract Type"), CONTRACTS);
        choice(body, "position", "Position", row.get("Position"), POSITIONS);
        choice(body, "seniority", "Seniority", row.get("Seniority"), SENIORITIES);
        String country = row.get("Country");
        if (country != null && !country.isBlank()) {
            body.put("country", country(country));
        }
        String salary = row.get("Daily Salary");
        if (salary != null && !salary.isEmpty()) {
            try {
                body.put("daily_salary", Integer.parseInt(salary.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Daily Salary: " + ZouException.echo(salary));
            }
        }
        String studio = row.get("Studio");
        if (studio != null && !studio.isEmpty()) {
            List<Row> found = ctx.tx().select("studio", List.of(Filter.eq("name", studio)));
            if (found.isEmpty()) {
                throw new RowException("Studio not found: " + studio);
            }
            body.put("studio_id", found.get(0).id().toString());
        }
        String phone = row.get("Phone");
        if (phone != null && !phone.isEmpty()) {
            body.put("phone", phone);
        }
        String active = row.get("Active");
        if (active != null && !active.isEmpty()) {
            body.put("active", ImportSupport.strtobool(active));
        }
        String departments = row.get("Departments");
        if (departments != null && !departments.isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (String name : departments.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                List<Row> found = ctx.tx().select("department", List.of(Filter.eq("name", name.strip())));
                if (found.isEmpty()) {
                    throw new RowException("Department not found: " + name.strip());
                }
                ids.add(found.get(0).id().toString());
            }
            body.put("departments", ids);
        }
        List<Row> existing = ctx.tx().select("person", List.of(Filter.eq("email", email),
                Filter.eq("is_bot", false)));
        Row person;
        if (existing.isEmpty()) {
            body.put("email", email);
            person = s.crud().insert(ctx, s.model("person"), body);
        } else if (update) {
            person = s.crud().update(ctx, s.model("person"), existing.get(0), body);
        } else {
            person = existing.get(0);
        }
        return s.serialize(ctx, "person", person);
    }

    private static void choice(Map<String, Object> body, String key, String label, String value,
                               Map<String, String> labels) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String code = labels.get(value);
        if (code == null) {
            if (!labels.containsValue(value)) {
                throw new IllegalArgumentException(label + ": " + ZouException.echo(value));
            }
            code = value;
        }
        body.put(key, code);
    }

    /** An ISO 3166-1 alpha-2 code, or the English name of a country, as its code. */
    private static String country(String value) {
        String v = value.strip();
        for (String code : Locale.getISOCountries()) {
            if (code.equalsIgnoreCase(v) || new Locale("", code).getDisplayCountry(Locale.ENGLISH)
                    .equalsIgnoreCase(v)) {
                return code;
            }
        }
        throw new IllegalArgumentException("Country: " + ZouException.echo(value));
    }

    // ---- casting -----------------------------------------------------------------------------------------------------

    /** The look-up maps of a casting import (Zou's slugified keys). */
    final class Casting {
        final HookContext ctx;
        final Map<String, UUID> assets = new HashMap<>();
        final Map<String, UUID> shots = new HashMap<>();
        final Map<String, UUID> episodes = new HashMap<>();

        Casting(HookContext ctx, UUID projectId) throws SQLException {
            this.ctx = ctx;
            Map<UUID, String> typeNames = new HashMap<>();
            for (Row t : ctx.tx().select("entity_type", List.of())) {
                typeNames.put(t.id(), (String) t.get("name"));
            }
            Map<UUID, Row> byId = new HashMap<>();
            List<Row> all = ctx.tx().select("entity", List.of(Filter.eq("project_id", projectId)));
            all.forEach(e -> byId.put(e.id(), e));
            for (Row e : all) {
                String type = typeNames.getOrDefault((UUID) e.get("entity_type_id"), "");
                String name = (String) e.get("name");
                switch (type) {
                    case "Episode" -> episodes.put("episode" + slugify(name), e.id());
                    case "Shot" -> {
                        Row seq = byId.get((UUID) e.get("parent_id"));
                        if (seq != null) {
                            Row ep = byId.get((UUID) seq.get("parent_id"));
                            String epKey = ep == null ? "" : slugify((String) ep.get("name"));
                            shots.put(epKey + slugify((String) seq.get("name")) + slugify(name), e.id());
                        }
                    }
                    default -> {
                        if (!ImportSupport.isTemporal(type)) {
                            assets.put(slugify(type) + slugify(name), e.id());
                        }
                    }
                }
            }
        }
    }

    Casting casting(HookContext ctx, UUID projectId) throws SQLException {
        return new Casting(ctx, projectId);
    }

    /** {@code CastingCsvImportResource.import_row}: creates or updates one link; unknown names are skipped. */
    void castingRow(Casting c, CsvRow row) throws SQLException {
        String assetKey = slugify(row.require("Asset Type") + row.require("Asset"));
        String episode = row.get("Episode");
        if (episode == null || "MP".equals(episode)) {
            episode = "";
        }
        String parent = row.require("Parent");
        String name = row.require("Name");
        String occurencesText = row.require("Occurences");
        int occurences = 1;
        if (!occurencesText.isEmpty()) {
            try {
                occurences = Integer.parseInt(occurencesText.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid literal for int() with base 10: '"
                        + ZouException.echo(occurencesText) + "'");
            }
        }
        String targetKey = slugify(episode + parent + name);
        UUID assetId = c.assets.get(assetKey);
        UUID targetId = c.shots.get(targetKey);
        if (targetId == null) {
            targetId = c.assets.get(slugify(parent + name));
        }
        if (targetId == null) {
            targetId = c.episodes.get(targetKey);
        }
        String label = slugify(row.get("Label") == null ? "fixed" : row.get("Label"));
        if (assetId == null || targetId == null) {
            return;
        }
        HookContext ctx = c.ctx;
        Row entity = ctx.tx().byId("entity", targetId);
        UUID projectId = (UUID) entity.get("project_id");
        List<Row> links = ctx.tx().select("entity_link", List.of(Filter.eq("entity_in_id", targetId),
                Filter.eq("entity_out_id", assetId)));
        int nbOut = entity.get("nb_entities_out") == null ? 0 : ((Number) entity.get("nb_entities_out")).intValue();
        if (links.isEmpty()) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("id", UUID.randomUUID());
            link.put("created_at", ctx.now());
            link.put("updated_at", ctx.now());
            link.put("entity_in_id", targetId);
            link.put("entity_out_id", assetId);
            link.put("nb_occurences", occurences);
            link.put("label", label);
            ctx.tx().insert("entity_link", link);
            nbOut++;
            ctx.tx().updateById("entity", targetId, Map.of("nb_entities_out", nbOut, "updated_at", ctx.now()));
        } else {
            ctx.tx().update("entity_link", Map.of("nb_occurences", occurences, "label", label, "updated_at",
                    ctx.now()), List.of(Filter.eq("entity_in_id", targetId), Filter.eq("entity_out_id", assetId)));
        }
        Row type = ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
        String typeName = type == null ? "" : (String) type.get("name");
        Map<String, Object> data = new LinkedHashMap<>();
        if ("Shot".equals(typeName)) {
            data.put("shot_id", targetId.toString());
            data.put("nb_entities_out", nbOut);
            ctx.events().emit("shot:casting-update", data, projectId);
        } else if ("Episode".equals(typeName)) {
            data.put("episode_id", targetId.toString());
            data.put("nb_entities_out", nbOut);
            ctx.events().emit("episode:casting-update", data, projectId);
        } else {
            data.put("asset_id", targetId.toString());
            ctx.events().emit("asset:casting-update", data, projectId);
        }
    }

    /** python-slugify's default: ASCII, lower case, quotes dropped, other runs of non-alphanumerics as one dash. */
    static String slugify(String text) {
        String t = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replace("'", "").replace("\"", "");
        t = t.replaceAll("[^a-z0-9]+", "-");
        return t.replaceAll("^-+|-+$", "");
    }

    // ---- estimations -------------------------------------------------------------------------------------------------

    /** The look-up maps of an estimation import. */
    final class Estimations {
        final HookContext ctx;
        final Row taskType;
        final double hoursByDay;
        final Map<String, UUID> entities = new HashMap<>();
        final Map<UUID, Row> tasks = new HashMap<>();
        final Descriptors descriptors;

        Estimations(HookContext ctx, UUID projectId, Row taskType, UUID episodeId) throws SQLException {
            this.ctx = ctx;
            this.taskType = taskType;
            List<Row> orgs = ctx.tx().select("organisation", List.of());
            Object h = orgs.isEmpty() ? null : orgs.get(0).get("hours_by_day");
            this.hoursByDay = h == null ? 8.0 : ((Number) h).doubleValue();
            this.descriptors = new Descriptors(ctx, projectId, "Task", taskType.id());
            Map<UUID, String> typeNames = new HashMap<>();
            for (Row t : ctx.tx().select("entity_type", List.of())) {
                typeNames.put(t.id(), (String) t.get("name"));
            }
            String forEntity = (String) taskType.get("for_entity");
            List<Row> all = ctx.tx().select("entity", List.of(Filter.eq("project_id", projectId)));
            Map<UUID, Row> byId = new HashMap<>();
            all.forEach(e -> byId.put(e.id(), e));
            for (Row e : all) {
                String type = typeNames.getOrDefault((UUID) e.get("entity_type_id"), "");
                String name = (String) e.get("name");
                if ("Shot".equals(forEntity) && "Shot".equals(type)) {
                    Row seq = byId.get((UUID) e.get("parent_id"));
                    if (seq != null && (episodeId == null || episodeId.equals(seq.get("parent_id")))) {
                        entities.put(slugify((String) seq.get("name")) + slugify(name), e.id());
                    }
                } else if (!"Shot".equals(forEntity) && !ImportSupport.isTemporal(type)) {
                    if (episodeId == null || episodeId.equals(e.get("source_id"))) {
                        entities.put(slugify(type) + slugify(name), e.id());
                    }
                }
            }
            for (Row t : ctx.tx().select("task", List.of(Filter.eq("project_id", projectId),
                    Filter.eq("task_type_id", taskType.id())))) {
                tasks.put((UUID) t.get("entity_id"), t);
            }
        }
    }

    Estimations estimations(HookContext ctx, UUID projectId, Row taskType, UUID episodeId) throws SQLException {
        return new Estimations(ctx, projectId, taskType, episodeId);
    }

    /** {@code TaskTypeEstimationsCsvImportResource.import_row}: updates the entity's task of the task type. */
    void estimationRow(Estimations e, CsvRow row) throws SQLException {
        String parent = row.require("Parent");
        String entityName = row.require("Entity");
        UUID entityId = e.entities.get(slugify(parent + entityName));
        if (entityId == null) {
            throw new RowException("Entity '" + entityName + "' with parent '" + parent + "' not found");
        }
        Row task = e.tasks.get(entityId);
        if (task == null) {
            throw new RowException("No " + e.taskType.get("name") + " task for '" + entityName + "'");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        String estimation = row.get("Estimation");
        Double days = null;
        if (estimation != null && !estimation.isEmpty()) {
            days = number(estimation, "Estimation");
            changes.put("estimation", (double) Math.round(days * e.hoursByDay * 60));
        }
        String drawings = row.get("Drawings");
        if (drawings != null && !drawings.isEmpty()) {
            changes.put("nb_drawings", (int) Math.round(number(drawings, "Drawings")));
        }
        LocalDate start = null;
        String startText = row.get("Start date");
        if (startText != null && !startText.isEmpty()) {
            start = date(startText);
            changes.put("start_date", start.toString());
        }
        String dueText = row.get("Due date");
        if (dueText != null && !dueText.isEmpty()) {
            changes.put("due_date", date(dueText).toString());
        } else if (start != null && days != null && days != 0) {
            changes.put("due_date", addBusinessDays(start, days - 1).toString());
        }
        String difficulty = row.get("Difficulty");
        if (difficulty != null && !difficulty.isEmpty()) {
            changes.put("difficulty", (int) number(difficulty, "Difficulty"));
        }
        if (e.descriptors.anyIn(row)) {
            changes.put("data", e.descriptors.apply(row, s.dataOf(task)));
        }
        if (!changes.isEmpty()) {
            // Zou's update_task: the resource checked the task type access, the service writes as is
            Map<String, Object> values = new LinkedHashMap<>();
            var table = s.model("task").table();
            for (Map.Entry<String, Object> c : changes.entrySet()) {
                values.put(c.getKey(), s.crud().values().fromJson(table.column(c.getKey()), c.getValue()));
            }
            values.put("updated_at", e.ctx.now());
            e.ctx.tx().updateById("task", task.id(), values);
            e.ctx.events().emit("task:update", Map.of("task_id", task.id().toString()),
                    (UUID) task.get("project_id"));
            e.tasks.put(entityId, e.ctx.tx().byId("task", task.id()));
        }
    }

    private static double number(String text, String column) {
        try {
            return new BigDecimal(text.trim()).doubleValue();
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException(column + ": " + ZouException.echo(text));
        }
    }

    private static LocalDate date(String text) {
        String t = text.trim();
        try {
            return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("Date: " + ZouException.echo(text));
        }
    }

    /** Zou's {@code add_business_days_to_date}: business days after {@code start} (a started day counts). */
    static LocalDate addBusinessDays(LocalDate start, double days) {
        int n = new BigDecimal(days).setScale(0, RoundingMode.CEILING).intValue();
        LocalDate d = start;
        while (n > 0) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                n--;
            }
        }
        return d;
    }
}
