package org.zou4j.internal.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.sql.Row;

/**
 * Zou's file-tree template language ({@code zou/app/services/file_tree_service.py}): a project's {@code file_tree} is a
 * JSON object with one section per mode ({@code working}, {@code output}, {@code preview}); each has a
 * {@code mountpoint}, a {@code root}, and {@code folder_path} / {@code file_name} templates per entity kind
 * ({@code asset}, {@code shot}, {@code sequence}, {@code scene}, {@code episode}, {@code instance},
 * {@code instance_asset}) plus a {@code style} ({@code lowercase}, {@code uppercase}). Templates hold tokens such as
 * {@code <Project>}, {@code <AssetType>}, {@code <Sequence>}, {@code <TaskType>}, {@code <Software>},
 * {@code <OutputType>}, {@code <Name>}, {@code <Version>}, optionally with a field ({@code <Project.short_name>}).
 * Every value is slugified ({@code _} separator) and styled, as Zou does with python-slugify.
 *
 * <p>The values are read in the caller's transaction; the defaults Zou creates on the fly (software {@code 3dsmax},
 * output type {@code Geometry}) are created through {@link Defaults}.
 */
final class FileTree {
    private static final Set<String> ALLOWED_FIELDS = Set.of("short_name", "name", "number", "id");
    private static final Pattern UUID_PATTERN = Pattern.compile(
            "[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89aAbB][a-f0-9]{3}-[a-f0-9]{12}");
    private static final Pattern VARIABLE = Pattern.compile("<([\\w.]*)>", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern TREE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Map<String, Map<String, Object>> BUILT_IN = new ConcurrentHashMap<>();

    /** Creates the rows Zou makes on the fly when a template needs them. */
    interface Defaults {
        Row software(HookContext ctx, String name, String shortName, String extension) throws SQLException;

        Row outputType(HookContext ctx, String name) throws SQLException;
    }

    /** What a template is rendered with (any may be null). */
    static final class Values {
        Row entity;
        Row task;
        Row taskType;
        Row software;
        Row outputType;
        Row assetInstance;
        Row asset;
        String name = "";
        String representation = "";
        int revision = 1;
    }

    private final HookContext ctx;
    private final Defaults defaults;

    FileTree(HookContext ctx, Defaults defaults) {
        this.ctx = ctx;
        this.defaults = defaults;
    }

    // ---- built-in trees -----------------------------------------------------------------------------------------------

    /** Zou's {@code get_tree_from_file}: a tree shipped with the engine ({@code default}, {@code simple}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> builtIn(String treeName, ObjectMapper mapper) {
        if (treeName == null || !TREE_NAME.matcher(treeName).matches()) {
            return null;
        }
        Map<String, Object> cached = BUILT_IN.get(treeName);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = FileTree.class.getResourceAsStream("file_trees/" + treeName + ".json")) {
            if (in == null) {
                return null;
            }
            Map<String, Object> tree = mapper.readValue(in, LinkedHashMap.class);
            BUILT_IN.put(treeName, tree);
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the built-in file tree " + treeName, e);
        }
    }

    // ---- errors -------------------------------------------------------------------------------------------------------

    /** Zou's MalformedFileTreeException. */
    static final class MalformedTree extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedTree(String message) {
            super(message);
        }
    }

    static ZouException asError(MalformedTree e, String key, Object receivedData) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(key, e.getMessage());
        if (receivedData != null) {
            body.put("received_data", receivedData);
        }
        return new ZouException(ErrorCode.WRONG_PARAMETER, 400, e.getMessage(), body);
    }

    // ---- paths --------------------------------------------------------------------------------------------------------

    /** {@code get_working_folder_path}. */
    String workingFolderPath(Map<String, Object> tree, String mode, Values v, String sep) throws SQLException {
        String root = rootPath(tree, mode, sep);
        String style = style(tree, mode, "folder_path");
        String template = template(tree, mode, "folder_path", v.entity);
        String folder = render(template, v, style).replace("/", sep);
        return join(root, folder, "");
    }

    /** {@code get_output_folder_path} and {@code get_instance_folder_path} (when {@code v.assetInstance} is set). */
    String outputFolderPath(Map<String, Object> tree, String mode, Values v, String sep) throws SQLException {
        String root = rootPath(tree, mode, sep);
        String style = style(tree, mode, "folder_path");
        Row templateOwner = v.assetInstance != null ? v.assetInstance : v.entity;
        String template = template(tree, mode, "folder_path", templateOwner);
        String folder = render(template, v, style).replace("/", sep);
        return join(root, folder, "");
    }

    /** {@code get_file_name_root} (+ the {@code _[1-n]} suffix of multi-element outputs). */
    String fileName(Map<String, Object> tree, String mode, Values v, int nbElements) throws SQLException {
        requireMode(tree, mode);
        Row templateOwner = v.assetInstance != null ? v.assetInstance : v.entity;
        String template = template(tree, mode, "file_name", templateOwner);
        String rendered = render(template, v, "lowercase");
        String style = style(tree, mode, "file_name");
        List<String> uuids = new ArrayList<>();
        Matcher m = UUID_PATTERN.matcher(rendered);
        while (m.find()) {
            uuids.add(m.group());
        }
        String name = applyStyle(slugify(rendered), style);
        for (String uuid : uuids) {
            name = name.replace(applyStyle(slugify(uuid), style), uuid);
        }
        if (nbElements > 1) {
            name += "_[1-" + nbElements + "]";
        }
        return name;
    }

    static String join(String left, String right, String sep) {
        if (left.isEmpty()) {
            return right;
        }
        if (right.isEmpty()) {
            return left;
        }
        return left + sep + right;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> tree, String mode) {
        requireMode(tree, mode);
        Object s = tree.get(mode);
        if (!(s instanceof Map)) {
            throw new MalformedTree("Can't find given mode (" + mode + ") in given tree.");
        }
        return (Map<String, Object>) s;
    }

    private static void requireMode(Map<String, Object> tree, String mode) {
        if (tree == null) {
            throw new MalformedTree("No tree can be found for given project.");
        }
        if (!tree.containsKey(mode)) {
            throw new MalformedTree("Mode " + mode + " cannot be found on given tree.");
        }
    }

    /** {@code get_root_path}: {@code mountpoint/root/} (or {@code mountpoint/} without root). */
    static String rootPath(Map<String, Object> tree, String mode, String sep) {
        Map<String, Object> s = section(tree, mode);
        if (!s.containsKey("mountpoint") || !s.containsKey("root")) {
            throw new MalformedTree("Can't find given mode (" + mode + ") in given tree.");
        }
        Object mountpoint = s.get("mountpoint");
        Object root = s.get("root");
        String mp = mountpoint == null ? "None" : mountpoint.toString();
        if (root != null && !root.toString().isEmpty()) {
            return mp + sep + root + sep;
        }
        return mp + sep;
    }

    @SuppressWarnings("unchecked")
    static String style(Map<String, Object> tree, String mode, String part) {
        Object p = section(tree, mode).get(part);
        if (!(p instanceof Map)) {
            throw new MalformedTree("The " + mode + " section of the file tree has no " + part + ".");
        }
        Object style = ((Map<String, Object>) p).get("style");
        return style == null ? "" : style.toString();
    }

    /** {@code _get_template}: the template for the entity's kind. */
    @SuppressWarnings("unchecked")
    private String template(Map<String, Object> tree, String mode, String part, Row owner) throws SQLException {
        Object p = section(tree, mode).get(part);
        if (!(p instanceof Map)) {
            throw new MalformedTree("The " + mode + " section of the file tree has no " + part + ".");
        }
        String kind = kind(owner);
        Object t = ((Map<String, Object>) p).get(kind);
        if (!(t instanceof String s)) {
            throw new MalformedTree("The file tree has no " + mode + " " + part + " template for " + kind + ".");
        }
        return s;
    }

    private String kind(Row owner) throws SQLException {
        if (owner == null) {
            throw new MalformedTree("No entity given to build the path.");
        }
        if (owner.table().name().equals("asset_instance")) {
            return owner.get("target_asset_id") != null ? "instance_asset" : "instance";
        }
        return switch (typeName(owner)) {
            case "Shot" -> "shot";
            case "Sequence" -> "sequence";
            case "Scene" -> "scene";
            case "Episode" -> "episode";
            default -> "asset";
        };
    }

    private String typeName(Row entity) throws SQLException {
        if (entity == null || !entity.table().name().equals("entity")) {
            return "";
        }
        Row type = row("entity_type", entity.get("entity_type_id"));
        return type == null ? "" : String.valueOf(type.get("name"));
    }

    // ---- rendering ----------------------------------------------------------------------------------------------------

    /** {@code update_variable}: replaces each {@code <Token[.field]>} by its slugified, styled value. */
    String render(String template, Values v, String style) throws SQLException {
        Matcher m = VARIABLE.matcher(template);
        List<String> variables = new ArrayList<>();
        while (m.find()) {
            variables.add(m.group(1));
        }
        String out = template;
        for (String variable : variables) {
            String[] parts = variable.split("\\.", -1);
            String dataType = parts[0];
            String field = parts.length > 1 && ALLOWED_FIELDS.contains(parts[1]) ? parts[1] : "name";
            String data = value(dataType, v, field);
            if (data != null) {
                if (!field.equals("id")) {
                    data = applyStyle(slugify(data), style);
                }
                out = out.replace("<" + variable + ">", data);
            }
        }
        return out;
    }

    private String value(String dataType, Values v, String field) throws SQLException {
        return switch (dataType) {
            case "Project" -> field(project(v.entity), field);
            case "Task" -> {
                if (v.task == null) {
                    throw new MalformedTree("The <Task> token needs a task.");
                }
                yield field(v.task, field);
            }
            case "TaskType" -> {
                Row taskType = v.taskType != null ? v.taskType
                        : v.task != null ? row("task_type", v.task.get("task_type_id")) : null;
                yield taskType == null ? "" : field(taskType, field);
            }
            case "Department" -> {
                Row taskType = v.taskType != null ? v.taskType
                        : v.task != null ? row("task_type", v.task.get("task_type_id")) : null;
                Row department = taskType == null ? null : row("department", taskType.get("department_id"));
                yield department == null ? "" : field(department, field);
            }
            case "Shot", "Scene" -> v.entity == null ? "" : field(v.entity, field);
            case "TemporalEntity" -> {
                if (v.entity == null) {
                    throw new MalformedTree("Given temporal entity is null.");
                }
                yield field(v.entity, field);
            }
            case "TemporalEntityType" -> {
                if (v.entity == null) {
                    throw new MalformedTree("Given temporal entity type is null.");
                }
                yield field(row("entity_type", v.entity.get("entity_type_id")), field).toLowerCase(Locale.ROOT);
            }
            case "AssetType" -> {
                Row asset = v.asset != null ? v.asset : v.entity;
                if (asset == null) {
                    throw new MalformedTree("Given asset is null.");
                }
                yield field(row("entity_type", asset.get("entity_type_id")), field);
            }
            case "Sequence" -> sequence(v.entity, field);
            case "Episode" -> episode(v.entity, field);
            case "Asset" -> {
                Row asset = v.asset != null ? v.asset : v.entity;
                yield asset == null ? "" : field(asset, field);
            }
            case "Software" -> {
                Row software = v.software != null ? v.software : defaults.software(ctx, "3dsmax", "max", ".max");
                yield field(software, field);
            }
            case "OutputType" -> {
                Row outputType = v.outputType != null ? v.outputType : defaults.outputType(ctx, "Geometry");
                yield field(outputType, field).toLowerCase(Locale.ROOT);
            }
            case "Instance" -> instance(v.assetInstance, field);
            case "Representation" -> v.representation == null ? "" : v.representation;
            case "Name", "OutputFile", "WorkingFile" -> v.name == null ? "" : v.name;
            case "Version", "Revision" -> zfill(String.valueOf(v.revision), 3);
            default -> throw new MalformedTree("Unknown data type: " + dataType + ".");
        };
    }

    private String sequence(Row entity, String field) throws SQLException {
        String type = typeName(entity);
        String name;
        if (type.equals("Shot") || type.equals("Scene")) {
            Row sequence = row("entity", entity.get("parent_id"));
            name = sequence == null ? "" : field(sequence, field);
        } else if (type.equals("Sequence")) {
            name = field(entity, field);
        } else {
            name = "";
        }
        if (name.contains("Seq")) {
            name = "S" + zfill(name.substring(3), 3);
        }
        return name;
    }

    private String episode(Row entity, String field) throws SQLException {
        String type = typeName(entity);
        Row episode = null;
        if (type.equals("Episode")) {
            episode = entity;
        } else {
            Row sequence = null;
            if (type.equals("Shot") || type.equals("Scene")) {
                sequence = row("entity", entity.get("parent_id"));
            } else if (type.equals("Sequence")) {
                sequence = entity;
            }
            if (sequence != null) {
                episode = row("entity", sequence.get("parent_id"));
            }
        }
        if (episode == null || !episode.table().has(field) || episode.get(field) == null) {
            return "e001";
        }
        return field(episode, field);
    }

    private static String instance(Row assetInstance, String field) {
        if (assetInstance == null) {
            return "";
        }
        Object n = assetInstance.get("number");
        String number = zfill(String.valueOf(n == null ? 0 : n), 4);
        if (field.equals("name")) {
            Object name = assetInstance.get("name");
            return name == null ? number : name.toString();
        }
        return number;
    }

    private Row project(Row entity) throws SQLException {
        Row project = entity == null ? null : row("project", entity.get("project_id"));
        if (project == null) {
            throw new MalformedTree("No project found for the path.");
        }
        return project;
    }

    private static String field(Row row, String field) {
        if (row == null) {
            throw new MalformedTree("A value needed by the file tree is missing.");
        }
        if (!row.table().has(field)) {
            throw new MalformedTree("A " + row.table().name() + " has no field " + field + ".");
        }
        Object v = row.get(field);
        return v == null ? "None" : v.toString();
    }

    private Row row(String table, Object id) throws SQLException {
        if (!(id instanceof UUID uuid)) {
            return null;
        }
        return ctx.access().row(table, uuid);
    }

    // ---- text helpers -------------------------------------------------------------------------------------------------

    /** python's {@code str.zfill}. */
    static String zfill(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        boolean signed = !s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+');
        String digits = signed ? s.substring(1) : s;
        String pad = "0".repeat(width - s.length());
        return signed ? s.charAt(0) + pad + digits : pad + digits;
    }

    static String applyStyle(String text, String style) {
        if ("uppercase".equals(style)) {
            return text.toUpperCase(Locale.ROOT);
        }
        if ("lowercase".equals(style)) {
            return text.toLowerCase(Locale.ROOT);
        }
        return text;
    }

    /**
     * python-slugify's {@code slugify(text, separator="_")}: ASCII-folded, lower-cased, every run of other characters
     * turned into one separator, no separator at either end.
     */
    static String slugify(String text) {
        String s = text.replace("'", "-");
        s = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        s = s.toLowerCase(Locale.ROOT);
        s = s.replace("'", "");
        s = s.replaceAll("(?<=\\d),(?=\\d)", "");
        s = s.replaceAll("[^-a-z0-9]+", "-");
        s = s.replaceAll("-{2,}", "-");
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end).replace('-', '_');
    }
}
