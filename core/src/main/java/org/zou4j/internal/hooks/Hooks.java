package org.zou4j.internal.hooks;

import java.util.Map;
import java.util.function.Function;
import org.zou4j.internal.crud.ModelHooks;
import org.zou4j.internal.model.ModelDef;

/**
 * Model-specific behaviour by table (Zou's per-resource overrides, reference §5.4); models not listed behave
 * generically. One instance per engine (settings such as the user limit are per engine); the hooks themselves keep no
 * state between calls.
 */
public final class Hooks {
    private final Map<String, ModelHooks> byTable;

    private Hooks(HookSettings settings) {
        this.byTable = Map.ofEntries(
                Map.entry("person", new PersonHooks(settings)),
                Map.entry("project", new ProjectHooks()),
                Map.entry("project_template", new ProjectTemplateHooks()),
                Map.entry("entity_type", new EntityTypeHooks()),
                Map.entry("entity", new EntityHooks()),
                Map.entry("task_type", new TaskTypeHooks()),
                Map.entry("task_status", new TaskStatusHooks()),
                Map.entry("task", new TaskHooks()),
                Map.entry("comment", new CommentHooks()),
                Map.entry("time_spent", new TimeSpentHooks()),
                Map.entry("day_off", new DayOffHooks()),
                Map.entry("custom_action", new CustomActionHooks()),
                Map.entry("status_automation", new StatusAutomationHooks()),
                Map.entry("preview_file", new PreviewFileHooks()),
                Map.entry("playlist", new PlaylistHooks()),
                Map.entry("notification", new NotificationHooks()),
                Map.entry("schedule_item", new ScheduleItemHooks()),
                Map.entry("metadata_descriptor", new MetadataDescriptorHooks()),
                Map.entry("preview_background_file", new PreviewBackgroundFileHooks()),
                Map.entry("salary_scale", new SalaryScaleHooks()),
                Map.entry("production_schedule_version_task_link", new ScheduleVersionTaskLinkHooks()),
                Map.entry("project_task_status_link", new JsonDefaultsHooks.BoardRoles()),
                Map.entry("project_template_task_status_link", new JsonDefaultsHooks.BoardRoles()));
    }

    /** The hooks of an engine configured with {@code settings}. */
    public static Function<ModelDef, ModelHooks> configured(HookSettings settings) {
        Hooks hooks = new Hooks(settings);
        return hooks::hooksFor;
    }

    /** Immutable and stateless, so sharing it between engines shares nothing that could change. */
    private static final Hooks DEFAULTS = new Hooks(HookSettings.defaults());

    /** The hooks of {@code def} with {@link HookSettings#defaults()}. */
    public static ModelHooks forModel(ModelDef def) {
        return DEFAULTS.hooksFor(def);
    }

    public ModelHooks hooksFor(ModelDef def) {
        return byTable.getOrDefault(def.table(), ModelHooks.NONE);
    }
}
