package org.zou4j.internal.files;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;

/**
 * Zou's {@code guess_from_path}: for each mode whose root starts the path and each folder template of that mode, reads
 * the token values out of the path's folders and resolves them (case-insensitive names) to ids, each lookup
 * constrained by the tokens already found (the asset type of an asset, the sequence of a shot...). Answers one
 * {@code {"Template": kind, "<Token>": id-or-value, ...}} per distinct match.
 */
final class PathGuesser {
    private static final Pattern TOKEN = Pattern.compile("(\\w*)<(\\w*)>(\\w*)", Pattern.UNICODE_CHARACTER_CLASS);

    private final HookContext ctx;
    private final Map<String, Object> tree;

    PathGuesser(HookContext ctx, Map<String, Object> tree) {
        this.ctx = ctx;
        this.tree = tree;
    }

    /** The path did not fit a template. */
    private static final class NoMatch extends Exception {
        private static final long serialVersionUID = 1L;

        NoMatch() {
            super(null, null, false, false);
        }
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> guess(Row project, String filePath, String sep) throws SQLException {
        if (tree == null) {
            throw new FileTree.MalformedTree("No tree can be found for given project.");
        }
        List<Map<String, Object>> matching = new ArrayList<>();
        for (String mode : tree.keySet()) {
            String style = FileTree.style(tree, mode, "folder_path");
            String root = FileTree.applyStyle(FileTree.rootPath(tree, mode, sep), style);
            String styled = FileTree.applyStyle(filePath, style);
            if (!styled.startsWith(root)) {
                continue;
            }
            styled = styled.substring(root.length());
            Map<String, Object> folderPaths = (Map<String, Object>) FileTree.section(tree, mode).get("folder_path");
            for (Map.Entry<String, Object> t : folderPaths.entrySet()) {
                if (!(t.getValue() instanceof String templatePath)) {
                    continue;
                }
                String[] templateElements = split(templatePath, sep);
                String[] elements = split(styled, sep);
                Map<String, String> tokens;
                try {
                    tokens = extract(elements, templateElements);
                } catch (NoMatch e) {
                    continue;
                }
                if (tokens.isEmpty()) {
                    continue;
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("Template", t.getKey());
                for (String element : templateElements) {
                    String token = null;
                    for (String candidate : tokens.keySet()) {
                        if (element.contains("<" + candidate + ">")) {
                            token = candidate;
                            break;
                        }
                    }
                    if (token == null) {
                        continue;
                    }
                    String value = resolve(token, tokens.get(token), data);
                    if (value == null || value.isEmpty()) {
                        break;
                    }
                    if (token.equals("Project") && !value.equals(project.id().toString())) {
                        break;
                    }
                    data.put(token, value);
                }
                if (!matching.contains(data)) {
                    matching.add(data);
                }
            }
        }
        return matching;
    }

    /** python's {@code str.split(sep)} (keeps empty parts). */
    private static String[] split(String text, String sep) {
        if (sep.isEmpty()) {
            return new String[] {text};
        }
        return text.split(Pattern.quote(sep), -1);
    }

    /** {@code extract_variable_values_from_path}. */
    static Map<String, String> extract(String[] elements, String[] templateElements) throws NoMatch {
        Map<String, String> names = new LinkedHashMap<>();
        int max = Math.min(elements.length, templateElements.length);
        for (int i = 0; i < templateElements.length; i++) {
            if (i == max) {
                break;
            }
            Matcher m = TOKEN.matcher(templateElements[i]);
            if (!m.find()) {
                if (templateElements[i].equals(elements[i])) {
                    continue;
                }
                throw new NoMatch();
            }
            String type = m.group(2);
            String value = elements[i].replace('_', ' ');
            int from = Math.min(m.group(1).length(), value.length());
            int to = Math.max(from, value.length() - m.group(3).length());
            value = value.substring(from, to);
            String known = names.get(type);
            if (known == null || known.isEmpty()) {
                names.put(type, value);
            }
        }
        return names;
    }

    /** {@code get_data_from_token}: the id (or plain value) a token's value stands for, null when none. */
    private String resolve(String type, String value, Map<String, Object> c) throws SQLException {
        return switch (type) {
            case "Asset" -> c.get("Project") == null || c.get("AssetType") == null ? null
                    : first("entity", named(value), Filter.eq("entity_type_id", id(c, "AssetType")),
                    Filter.eq("project_id", id(c, "Project")));
            case "AssetType", "TemporalEntityType" -> first("entity_type", named(value));
            case "Department" -> first("department", named(value));
            case "Episode" -> c.get("Project") == null ? null : first("entity", named(value),
                    typeIs("Episode"), Filter.eq("project_id", id(c, "Project")));
            case "Sequence" -> child(value, "Sequence", c, "Episode");
            case "Scene" -> child(value, "Scene", c, "Sequence");
            case "OutputType" -> first("output_type", named(value));
            case "Shot" -> c.get("Project") == null || c.get("Sequence") == null ? null
                    : first("entity", named(value), typeIs("Shot"), Filter.eq("parent_id", id(c, "Sequence")),
                    Filter.eq("project_id", id(c, "Project")));
            case "Task" -> task(value, c);
            case "TaskType" -> first("task_type", named(value));
            case "Project" -> first("project", named(value));
            case "Name", "Representation" -> value;
            case "Version" -> {
                try {
                    yield String.valueOf(Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    yield null;
                }
            }
            case "TemporalEntity" -> c.get("Project") == null || c.get("TemporalEntityType") == null ? null
                    : first("entity", named(value), Filter.eq("entity_type_id", id(c, "TemporalEntityType")),
                    Filter.eq("project_id", id(c, "Project")));
            default -> null;
        };
    }

    private String child(String value, String typeName, Map<String, Object> c, String parentToken)
            throws SQLException {
        if (c.get("Project") == null) {
            return null;
        }
        List<Filter> filters = new ArrayList<>(List.of(named(value), typeIs(typeName),
                Filter.eq("project_id", id(c, "Project"))));
        if (c.get(parentToken) != null) {
            filters.add(Filter.eq("parent_id", id(c, parentToken)));
        }
        return first("entity", filters.toArray(new Filter[0]));
    }

    private String task(String value, Map<String, Object> c) throws SQLException {
        if (c.get("Project") == null || c.get("TaskType") == null) {
            return null;
        }
        Object entity = null;
        for (String token : List.of("Scene", "Asset", "Shot")) {
            if (c.get(token) != null) {
                entity = id(c, token);
                break;
            }
        }
        if (entity == null) {
            return null;
        }
        return first("task", named(value), Filter.eq("task_type_id", id(c, "TaskType")),
                Filter.eq("project_id", id(c, "Project")), Filter.eq("entity_id", entity));
    }

    private static Filter named(String value) {
        return new Filter.EqIgnoreCase("name", value);
    }

    private static Filter typeIs(String typeName) {
        return Filter.sub("entity_type_id", "entity_type", "id", Filter.eq("name", typeName));
    }

    private static Object id(Map<String, Object> c, String token) {
        Object v = c.get(token);
        java.util.UUID id = v == null ? null : org.zou4j.internal.crud.Values.tryParseId(v.toString());
        return id == null ? new java.util.UUID(0, 0) : id;
    }

    private String first(String table, Filter... filters) throws SQLException {
        List<Row> rows = ctx.tx().select(table, List.of(filters), List.of(), 1, 0);
        return rows.isEmpty() ? null : rows.get(0).id().toString();
    }
}
