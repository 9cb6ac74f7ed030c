package org.zou4j.internal.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.DataSet;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouException;
import org.zou4j.plugin.CustomAction;

/**
 * Records the started plugins where Zou clients look for them: one {@code plugin} row per plugin (upserted by
 * {@code plugin_id}) and one {@code custom_action} row per action and entity type, whose {@code url} is the engine's
 * run route. Custom actions whose URL does not start with {@link PluginHost#RUN_PATH} are Zou's plain URL actions and
 * are never touched; those that do are the host's, kept exactly in line with the running actions.
 */
final class PluginRows {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRows.class);

    private final Session system;

    PluginRows(Session system) {
        this.system = system;
    }

    void sync(Collection<LoadedPlugin> started) {
        for (LoadedPlugin p : started) {
            try {
                upsertPlugin(p);
            } catch (ZouException e) {
                LOG.error("Plugin {}: its plugin row could not be written: {}", p.id, e.getMessage());
            }
        }
        syncActions(started);
    }

    private void upsertPlugin(LoadedPlugin p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("plugin_id", cut(p.id, 80));
        row.put("name", cut(Objects.requireNonNullElse(p.attribute("Plugin-Name"), p.id), 80));
        row.put("description", p.attribute("Plugin-Description"));
        row.put("version", cut(p.version, 50));
        row.put("maintainer_name", cut(Objects.requireNonNullElse(p.attribute("Plugin-Provider"), "unknown"), 200));
        row.put("maintainer_email", p.attribute("Plugin-Maintainer-Email"));
        row.put("website", p.attribute("Plugin-Website"));
        row.put("license", cut(Objects.requireNonNullElse(p.attribute("Plugin-License"), "unspecified"), 80));
        row.put("revision", cut(p.attribute("Plugin-Revision"), 12));
        row.put("icon", cut(p.attribute("Plugin-Icon"), 255));
        // Kitsu lists a plugin's frontend (in a production, in the studio menu) only when these are set
        row.put("frontend_project_enabled", Boolean.parseBoolean(p.attribute("Plugin-Frontend-Project")));
        row.put("frontend_studio_enabled", Boolean.parseBoolean(p.attribute("Plugin-Frontend-Studio")));
        DataSet plugins = system.data("plugins");
        List<Entry> existing = plugins.list(Query.where(Map.of("plugin_id", p.id)));
        if (existing.isEmpty()) {
            plugins.create(row);
            return;
        }
        Entry current = existing.get(0);
        Map<String, Object> changes = new LinkedHashMap<>();
        row.forEach((k, v) -> {
            if (!Objects.equals(current.get(k), v)) {
                changes.put(k, v);
            }
        });
        if (!changes.isEmpty()) {
            plugins.update(current.id(), changes);
        }
    }

    private void syncActions(Collection<LoadedPlugin> started) {
        Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
        for (LoadedPlugin p : started) {
            for (CustomAction a : p.actions.values()) {
                for (String type : a.entityTypes().stream().sorted().toList()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("name", cut(a.label(), 80));
                    row.put("url", p.actionUrl(a.id()));
                    row.put("entity_type", type);
                    row.put("is_ajax", a.ajax());
                    wanted.put(key(row.get("url"), type), row);
                }
            }
        }
        DataSet actions = system.data("custom-actions");
        Map<String, Entry> ours = new HashMap<>();
        List<Entry> duplicates = new ArrayList<>();
        for (Entry e : actions.list(Query.all())) {
            String url = e.getString("url");
            if (url != null && url.startsWith(PluginHost.RUN_PATH)) {
                if (ours.putIfAbsent(key(url, e.getString("entity_type")), e) != null) {
                    duplicates.add(e);
                }
            }
        }
        for (Map.Entry<String, Map<String, Object>> w : wanted.entrySet()) {
            Entry current = ours.remove(w.getKey());
            try {
                if (current == null) {
                    actions.create(w.getValue());
                } else if (!Objects.equals(current.get("name"), w.getValue().get("name"))
                        || !Objects.equals(current.get("is_ajax"), w.getValue().get("is_ajax"))) {
                    actions.update(current.id(), Map.of("name", w.getValue().get("name"),
                            "is_ajax", w.getValue().get("is_ajax")));
                }
            } catch (ZouException e) {
                LOG.error("Custom action {} could not be recorded: {}", w.getKey(), e.getMessage());
            }
        }
        // rows of actions no longer running (plugin removed, failed or changed) and accidental duplicates
        List<Entry> stale = new ArrayList<>(ours.values());
        stale.addAll(duplicates);
        for (Entry e : stale) {
            try {
                actions.delete(e.id());
            } catch (ZouException ex) {
                LOG.error("Stale custom action {} could not be removed: {}", e.id(), ex.getMessage());
            }
        }
    }

    private static String key(Object url, String entityType) {
        return url + " " + entityType;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
