package org.zou4j.internal.imports;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.tasks.TaskWrites;

/**
 * Zou's {@code OTIOBaseResource.run_import}: each video clip names a shot, found through the naming convention
 * (known shots by their rendered name, new ones by matching the convention as a pattern), then created or updated
 * with {@code data.frame_in}, {@code data.frame_out} and {@code nb_frames}. New shots get the project's shot tasks.
 */
final class OtioImport {
    static final String DEFAULT_CONVENTION = "${project_name}_${sequence_name}-${shot_name}";
    static final String DEFAULT_EPISODE_CONVENTION = "${project_name}_${episode_name}-${sequence_name}-${shot_name}";
    private static final String[] FIELDS = {"project_name", "episode_name", "sequence_name", "shot_name"};

    private final ImportSupport s;
    private final TaskWrites taskWrites;

    OtioImport(ImportSupport s, TaskWrites taskWrites) {
        this.s = s;
        this.taskWrites = taskWrites;
    }

    Map<String, Object> run(HookContext ctx, Row project, Row episode, List<Timeline.Clip> clips, String convention,
                            boolean matchCase) throws SQLException {
        UUID projectId = project.id();
        boolean tvShow = ImportSupport.isTvShow(project);
        UUID episodeId = tvShow && episode != null ? episode.id() : null;
        Pattern pattern = pattern(convention);
        Row shotType = s.entityType(ctx, "Shot");
        Row sequenceType = s.entityType(ctx, "Sequence");

        // sequences and shots of the project (or episode), shots by their rendered name
        Map<UUID, Row> sequences = new LinkedHashMap<>();
        List<Filter> seqFilter = new ArrayList<>(List.of(Filter.eq("project_id", projectId),
                Filter.eq("entity_type_id", sequenceType.id())));
        if (tvShow) {
            seqFilter.add(episodeId == null ? new Filter.IsNull("parent_id") : Filter.eq("parent_id", episodeId));
        }
        for (Row q : ctx.tx().select("entity", seqFilter)) {
            sequences.put(q.id(), q);
        }
        Map<String, UUID> sequenceByName = new HashMap<>();
        sequences.values().forEach(q -> sequenceByName.putIfAbsent((String) q.get("name"), q.id()));
        Map<String, Row> shots = new HashMap<>();
        if (!sequences.isEmpty()) {
            for (Row shot : ctx.tx().select("entity", List.of(Filter.eq("entity_type_id", shotType.id()),
                    Filter.in("parent_id", List.copyOf(sequences.keySet()))))) {
                Map<String, String> values = new HashMap<>();
                values.put("project_name", (String) project.get("name"));
                values.put("sequence_name", (String) sequences.get((UUID) shot.get("parent_id")).get("name"));
                values.put("shot_name", (String) shot.get("name"));
                if (tvShow && episode != null) {
                    values.put("episode_name", (String) episode.get("name"));
                }
                String key = substitute(convention, values);
                shots.put(matchCase ? key : key.toLowerCase(Locale.ROOT), shot);
            }
        }

        List<Map<String, Object>> created = new ArrayList<>();
        List<Map<String, Object>> updated = new ArrayList<>();
        List<Row> createdRows = new ArrayList<>();
        for (Timeline.Clip clip : clips) {
            String name = stripExtension(clip.name());
            Row shot = shots.get(matchCase ? name : name.toLowerCase(Locale.ROOT));
            Map<String, Object> data = s.dataOf(shot);
            data.put("frame_in", clip.frameIn());
            data.put("frame_out", clip.frameOut());
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("data", data);
            values.put("nb_frames", Math.toIntExact(clip.nbFrames()));
            if (shot != null) {
                Row after = s.updateEntity(ctx, shot, values);
                ctx.events().emit("shot:update", Map.of("shot_id", after.id().toString()), projectId);
                updated.add(s.serialize(ctx, "entity", after));
                continue;
            }
            Matcher m = pattern.matcher(name);
            if (!m.lookingAt()) {
                throw ZouException.wrongParameter("KeyError: 'No matched value while extracting shot informations.'");
            }
            String sequenceName = group(m, "sequence_name");
            String shotName = group(m, "shot_name");
            if (sequenceName == null) {
                throw ZouException.wrongParameter(
                        "KeyError: 'No sequence name found while extracting shot informations.'");
            }
            if (shotName == null) {
                throw ZouException.wrongParameter("KeyError: 'No shot name found while extracting shot informations.'");
            }
            UUID sequenceId = sequenceByName.get(sequenceName);
            if (sequenceId == null) {
                sequenceId = s.getOrCreate(ctx, projectId, "Sequence", sequenceName, episodeId).id();
                sequenceByName.put(sequenceName, sequenceId);
            }
            Row existing = ImportSupport.findEntity(ctx, projectId, shotType.id(), shotName, sequenceId, false);
            if (existing != null) { // a shot the convention did not render to this name: Zou's create finds it
                Row after = s.updateEntity(ctx, existing, values);
                ctx.events().emit("shot:update", Map.of("shot_id", after.id().toString()), projectId);
                updated.add(s.serialize(ctx, "entity", after));
                continue;
            }
            values.put("name", shotName);
            values.put("project_id", projectId);
            values.put("parent_id", sequenceId);
            values.put("entity_type_id", shotType.id());
            values.put("description", null);
            Row row = s.insertEntity(ctx, values);
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("shot_id", row.id().toString());
            event.put("episode_id", episodeId == null ? null : episodeId.toString());
            ctx.events().emit("shot:new", event, projectId);
            createdRows.add(row);
            created.add(s.serialize(ctx, "entity", row));
        }
        for (Row taskType : ImportSupport.projectTaskTypes(ctx, projectId, "Shot")) {
            for (Row shot : createdRows) {
                taskWrites.createTask(ctx, shot, taskType.id());
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("updated_shots", updated);
        result.put("created_shots", created);
        return result;
    }

    /** Python's {@code os.path.splitext(name)[0]}. */
    static String stripExtension(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        int dot = name.lastIndexOf('.');
        int baseStart = slash + 1;
        while (baseStart < name.length() && name.charAt(baseStart) == '.') {
            baseStart++;
        }
        return dot > baseStart ? name.substring(0, dot) : name;
    }

    /** The convention as Zou's pattern: placeholders become word groups, the rest is a regular expression as is. */
    static Pattern pattern(String convention) {
        String regex = convention;
        for (String f : FIELDS) {
            String group = "(?<" + f.replace("_", "") + ">\\w*)";
            regex = regex.replace("${" + f + "}", group).replace("$" + f, group);
        }
        try {
            return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw ZouException.wrongParameter("Invalid naming convention: " + ZouException.echo(convention));
        }
    }

    private static String group(Matcher m, String field) {
        try {
            return m.group(field.replace("_", ""));
        } catch (IllegalArgumentException e) {
            return null; // the convention has no such placeholder
        }
    }

    /** Python's {@code Template.substitute}: a placeholder without a value is an error. */
    static String substitute(String template, Map<String, String> values) {
        Matcher m = Pattern.compile("\\$(?:\\$|\\{([_a-zA-Z][_a-zA-Z0-9]*)\\}|([_a-zA-Z][_a-zA-Z0-9]*))")
                .matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = m.group(1) != null ? m.group(1) : m.group(2);
            String value;
            if (key == null) {
                value = "$";
            } else {
                value = values.get(key);
                if (value == null) {
                    throw ZouException.wrongParameter("KeyError: '" + ZouException.echo(key) + "'");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
