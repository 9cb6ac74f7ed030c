package org.zou4j.internal.model;

import static org.zou4j.internal.model.ModelDef.model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Zou model, declared once (reference: zou-data-model.md §2). The order is the order of the route table (§1.1),
 * then the models Zou exposes through no generic route, then the plain link tables. Columns and their types live in the
 * Flyway migrations ({@code db/migration}); see {@link ModelDef}.
 */
public final class Models {
    private Models() {
    }

    /** Person columns never sent to anyone (Zou's SENSITIVE_FIELDS). */
    public static final List<String> PERSON_SECRETS = List.of("password", "totp_secret", "email_otp_secret",
            "otp_recovery_codes", "fido_credentials", "jti", "login_failed_attemps", "last_login_failed");

    private static final String PLAYLIST_FOR_ENTITY_MESSAGE =
            "for_entity must be one of " + String.join(", ", Choices.PLAYLIST_FOR_ENTITY);

    // ---------------------------------------------------------------------------------------------------------------
    // Routed models, in the order of the route table (§1.1).

    public static final ModelDef PERSON = model("person", "Person").route("persons")
            .choice("role", Choices.ROLES, "Invalid role")
            .choice("contract_type", Choices.CONTRACT_TYPES, "Invalid contract_type")
            .choice("preferred_two_factor_authentication", Choices.TWO_FACTOR_TYPES)
            .choice("position", Choices.POSITIONS)
            .choice("seniority", Choices.SENIORITIES)
            .choice("display_date_format", Choices.DISPLAY_DATE_FORMATS, "Invalid display_date_format")
            .email("email")
            .hidden(PERSON_SECRETS.toArray(String[]::new))
            .protect("password", "jti")
            .manyToMany("departments", "department_link", "person_id", "department_id", "department")
            .build();

    public static final ModelDef PROJECT = model("project", "Project").route("projects")
            .choice("production_style", Choices.PROJECT_STYLES, "Invalid production_style")
            .protect("team")
            .manyToMany("team", "project_person_link", "project_id", "person_id", "person")
            .manyToMany("asset_types", "project_asset_type_link", "project_id", "asset_type_id", "entity_type")
            .manyToMany("task_statuses", "project_task_status_link", "project_id", "task_status_id", "task_status")
            .manyToMany("task_types", "project_task_type_link", "project_id", "task_type_id", "task_type")
            .manyToMany("status_automations", "project_status_automation_link", "project_id", "status_automation_id",
                    "status_automation")
            .manyToMany("preview_background_files", "project_preview_background_file_link", "project_id",
                    "preview_background_file_id", "preview_background_file")
            .build();

    public static final ModelDef PROJECT_STATUS = model("project_status", "ProjectStatus").route("project-status")
            .build();

    public static final ModelDef PROJECT_TEMPLATE = model("project_template", "ProjectTemplate")
            .route("project-templates")
            .choice("production_style", Choices.PROJECT_STYLES, "Invalid production_style")
            // Zou's template PUT drops these collections (§5.4); they are managed through dedicated routes.
            .protect("task_types", "task_statuses", "asset_types", "status_automations")
            .manyToMany("task_types", "project_template_task_type_link", "project_template_id", "task_type_id",
                    "task_type")
            .manyToMany("task_statuses", "project_template_task_status_link", "project_template_id",
                    "task_status_id", "task_status")
            .manyToMany("asset_types", "project_template_asset_type_link", "project_template_id", "asset_type_id",
                    "entity_type")
            .manyToMany("status_automations", "project_template_status_automation_link", "project_template_id",
                    "status_automation_id", "status_automation")
            .manyToMany("preview_background_files", "project_template_preview_background_file_link",
                    "project_template_id", "preview_background_file_id", "preview_background_file")
            .build();

    public static final ModelDef ENTITY_TYPE = model("entity_type", "EntityType").route("entity-types")
            .manyToMany("task_types", "task_type_asset_type_link", "asset_type_id", "task_type_id", "task_type")
            .events("asset-type", "asset_type_id")
            .build();

    /** Events are per kind ({@code asset:new}, {@code shot:update}…), derived from the entity type (§7.3). */
    public static final ModelDef ENTITY = model("entity", "Entity").route("entities")
            .choice("status", Choices.ENTITY_STATUSES, "Invalid status")
            .protect("instance_casting", "entities_in", "entities_out", "type", "shotgun_id", "created_by")
            .backref("entities_out", "entity_link", "entity_in_id", "entity_out_id", "entity")
            .backref("entities_in", "entity_link", "entity_out_id", "entity_in_id", "entity")
            .backref("entity_concept_links", "entity_concept_link", "entity_in_id", "entity_out_id", "entity")
            .backref("instance_casting", "asset_instance_link", "entity_id", "asset_instance_id", "asset_instance")
            .build();

    public static final ModelDef TASK_TYPE = model("task_type", "TaskType").route("task-types").build();

    public static final ModelDef TASK_STATUS = model("task_status", "TaskStatus").route("task-status").build();

    public static final ModelDef TASK = model("task", "Task").route("tasks")
            .refersTo("last_preview_file_id", "preview_file")
            .manyToMany("assignees", "task_person_link", "task_id", "person_id", "person")
            .build();

    public static final ModelDef DEPARTMENT = model("department", "Department").route("departments").build();

    public static final ModelDef ORGANISATION = model("organisation", "Organisation").route("organisations")
            .adminOnly("chat_token_slack", "chat_webhook_mattermost", "chat_token_discord")
            .build();

    public static final ModelDef FILE_STATUS = model("file_status", "FileStatus").route("file-status").build();

    public static final ModelDef SOFTWARE = model("software", "Software").route("softwares").build();

    public static final ModelDef HARDWARE_ITEM = model("hardware_item", "HardwareItem").route("hardware-items")
            .build();

    public static final ModelDef OUTPUT_FILE = model("output_file", "OutputFile").route("output-files")
            .nested("source_file", "source_file_id", "working_file")
            .build();

    public static final ModelDef OUTPUT_TYPE = model("output_type", "OutputType").route("output-types").build();

    public static final ModelDef PREVIEW_FILE = model("preview_file", "PreviewFile").route("preview-files")
            .choice("status", Choices.PREVIEW_STATUSES)
            .choice("validation_status", Choices.PREVIEW_VALIDATION_STATUSES)
            .backref("comments", "comment_preview_link", "preview_file", "comment", "comment")
            .build();

    public static final ModelDef WORKING_FILE = model("working_file", "WorkingFile").route("working-files")
            .oneToMany("outputs", "output_file", "source_file_id")
            .build();

    public static final ModelDef ATTACHMENT_FILE = model("attachment_file", "AttachmentFile")
            .route("attachment-files")
            .nested("comment", "comment_id", "comment")
            .nested("chat_message", "chat_message_id", "chat_message")
            .build();

    public static final ModelDef COMMENT = model("comment", "Comment").route("comments")
            .refersTo("object_id", "task", "entity")
            // a reply: {"id", "person_id", "text", "mentions": [person ids], "department_mentions": [...], ...}
            .jsonIds("replies", "person_id", "person", "mentions", "person", "department_mentions", "department")
            .protect("mentions", "department_mentions")
            .manyToMany("previews", "comment_preview_link", "comment", "preview_file", "preview_file")
            .manyToMany("mentions", "comment_mentions", "comment", "person", "person")
            .manyToMany("department_mentions", "comment_department_mentions", "comment", "department", "department")
            .manyToMany("acknowledgements", "comment_acknoledgments", "comment", "person", "person")
            .oneToMany("attachment_files", "attachment_file", "comment_id")
            .build();

    public static final ModelDef TIME_SPENT = model("time_spent", "TimeSpent").route("time-spents").build();

    public static final ModelDef DAY_OFF = model("day_off", "DayOff").route("day-offs").build();

    public static final ModelDef CUSTOM_ACTION = model("custom_action", "CustomAction").route("custom-actions")
            .build();

    public static final ModelDef STATUS_AUTOMATION = model("status_automation", "StatusAutomation")
            .route("status-automations")
            .choice("out_field_type", Choices.CHANGE_TYPES)
            .build();

    public static final ModelDef ASSET_INSTANCE = model("asset_instance", "AssetInstance").route("asset-instances")
            .protect("number")
            .backref("shots", "asset_instance_link", "asset_instance_id", "entity_id", "entity")
            .build();

    public static final ModelDef PLAYLIST = model("playlist", "Playlist").route("playlists")
            .choice("for_entity", Choices.PLAYLIST_FOR_ENTITY, PLAYLIST_FOR_ENTITY_MESSAGE)
            .oneToMany("build_jobs", "build_job", "playlist_id")
            // Kitsu's entries: {"entity_id", "preview_file_id"} (older clients: "id" for the entity)
            .jsonIds("shots", "entity_id", "entity", "preview_file_id", "preview_file", "id", "entity")
            .build();

    /**
     * {@code seq} is the engine's commit-order event sequence (V3 migration), never shown to Zou clients nor taken
     * from them: a caller-chosen number could take the number of the next engine event (every later write would fail)
     * or sit beyond the counter; Zou has no such column, so {@code POST /data/events} naming it is Zou's 400.
     */
    public static final ModelDef API_EVENT = model("api_event", "ApiEvent").route("events")
            .listCap(1000)
            .engineOwned("seq")
            .build();

    /** Serialized specially by Zou: the {@code type} column goes out as {@code notification_type} (§3.5). */
    public static final ModelDef NOTIFICATION = model("notification", "Notification").route("notifications")
            .choice("type", Choices.NOTIFICATION_TYPES)
            .build();

    public static final ModelDef SEARCH_FILTER = model("search_filter", "SearchFilter").route("search-filters")
            .build();

    public static final ModelDef SEARCH_FILTER_GROUP = model("search_filter_group", "SearchFilterGroup")
            .route("search-filter-groups").build();

    public static final ModelDef SCHEDULE_ITEM = model("schedule_item", "ScheduleItem").route("schedule-items")
            .refersTo("object_id", "entity", "entity_type")
            .build();

    public static final ModelDef NEWS = model("news", "News").route("news").build();

    public static final ModelDef MILESTONE = model("milestone", "Milestone").route("milestones").build();

    public static final ModelDef METADATA_DESCRIPTOR = model("metadata_descriptor", "MetadataDescriptor")
            .route("metadata-descriptors")
            .choice("data_type", Choices.METADATA_DESCRIPTOR_TYPES, "Invalid data_type")
            .manyToMany("departments", "department_metadata_descriptor_link", "metadata_descriptor_id",
                    "department_id", "department")
            .build();

    public static final ModelDef SUBSCRIPTION = model("subscription", "Subscription").route("subscriptions")
            .build();

    public static final ModelDef ENTITY_LINK = model("entity_link", "EntityLink").route("entity-links").build();

    public static final ModelDef CHAT = model("chat", "Chat").route("chats")
            .refersTo("object_id", "entity")
            .manyToMany("participants", "chat_participant", "chat_id", "person_id", "person")
            .build();

    public static final ModelDef CHAT_MESSAGE = model("chat_message", "ChatMessage").route("chat-messages")
            .oneToMany("attachment_files", "attachment_file", "chat_message_id")
            .build();

    public static final ModelDef PREVIEW_BACKGROUND_FILE = model("preview_background_file",
            "PreviewBackgroundFile").route("preview-background-files").build();

    public static final ModelDef STUDIO = model("studio", "Studio").route("studios").build();

    public static final ModelDef SALARY_SCALE = model("salary_scale", "SalaryScale").route("salary-scales")
            .choice("position", Choices.POSITIONS)
            .choice("seniority", Choices.SENIORITIES)
            .protect("department_id")
            .build();

    public static final ModelDef BUDGET = model("budget", "Budget").route("budgets")
            .protect("revision")
            .build();

    public static final ModelDef BUDGET_ENTRY = model("budget_entry", "BudgetEntry").route("budget-entries")
            .choice("position", Choices.POSITIONS)
            .choice("seniority", Choices.SENIORITIES)
            .protect("budget_id")
            .build();

    public static final ModelDef PLUGIN = model("plugin", "Plugin").route("plugins")
            .email("maintainer_email")
            .build();

    public static final ModelDef PRODUCTION_SCHEDULE_VERSION = model("production_schedule_version",
            "ProductionScheduleVersion").route("production-schedule-versions").build();

    public static final ModelDef PRODUCTION_SCHEDULE_VERSION_TASK_LINK = model(
            "production_schedule_version_task_link", "ProductionScheduleVersionTaskLink")
            .route("production-schedule-version-task-links")
            .protect("task_id", "production_schedule_version_id")
            .manyToMany("assignees", "production_schedule_version_task_link_person_link",
                    "production_schedule_version_task_link_id", "person_id", "person")
            .build();

    // ---------------------------------------------------------------------------------------------------------------
    // Models with no generic route (§1.1, "Models with no CRUD route").

    public static final ModelDef BUILD_JOB = model("build_job", "BuildJob")
            .choice("status", Choices.BUILD_JOB_STATUSES)
            .choice("job_type", Choices.BUILD_JOB_TYPES)
            .build();

    /** Zou never serializes {@code password}; it adds a {@code has_password} boolean instead. */
    public static final ModelDef PLAYLIST_SHARE_LINK = model("playlist_share_link", "PlaylistShareLink")
            .hidden("password")
            .build();

    public static final ModelDef LOGIN_LOG = model("login_log", "LoginLog")
            .choice("origin", Choices.LOGIN_ORIGINS)
            .build();

    public static final ModelDef DESKTOP_LOGIN_LOG = model("desktop_login_log", "DesktopLoginLog").build();

    public static final ModelDef DATA_IMPORT_ERROR = model("data_import_error", "DataImportError")
            .choice("source", Choices.IMPORT_SOURCES)
            .build();

    public static final ModelDef ENTITY_VERSION = model("entity_version", "EntityVersion").build();

    public static final ModelDef ENTITY_CONCEPT_LINK = model("entity_concept_link", "EntityConceptLink").build();

    public static final ModelDef HARDWARE_ITEM_DEPARTMENT_LINK = model("hardware_item_department_link",
            "HardwareItemDepartmentLink").build();

    public static final ModelDef SOFTWARE_DEPARTMENT_LINK = model("software_department_link",
            "SoftwareDepartmentLink").build();

    /** Written through {@code /data/task-type-links} (§1.2) and as the row behind Project.task_types. */
    public static final ModelDef PROJECT_TASK_TYPE_LINK = model("project_task_type_link", "ProjectTaskTypeLink")
            .build();

    /** Written through {@code /data/task-status-links} (§1.2) and as the row behind Project.task_statuses. */
    public static final ModelDef PROJECT_TASK_STATUS_LINK = model("project_task_status_link",
            "ProjectTaskStatusLink")
            .choiceList("roles_for_board", Choices.ROLES)
            .build();

    public static final ModelDef PROJECT_TEMPLATE_TASK_TYPE_LINK = model("project_template_task_type_link",
            "ProjectTemplateTaskTypeLink").build();

    public static final ModelDef PROJECT_TEMPLATE_TASK_STATUS_LINK = model("project_template_task_status_link",
            "ProjectTemplateTaskStatusLink")
            .choiceList("roles_for_board", Choices.ROLES)
            .build();

    // ---------------------------------------------------------------------------------------------------------------
    // Plain link tables (no id, created_at, updated_at): declared so the schema test covers them.

    public static final ModelDef DEPARTMENT_LINK = link("department_link", "DepartmentLink");

    /** Project.team; {@code role} NULL means the person's global role applies in that project. */
    public static final ModelDef PROJECT_PERSON_LINK = model("project_person_link", "ProjectPersonLink")
            .linkTable()
            .choice("role", Choices.ROLES)
            .build();

    public static final ModelDef PROJECT_ASSET_TYPE_LINK = link("project_asset_type_link", "ProjectAssetTypeLink");

    public static final ModelDef PROJECT_STATUS_AUTOMATION_LINK = link("project_status_automation_link",
            "ProjectStatusAutomationLink");

    public static final ModelDef PROJECT_PREVIEW_BACKGROUND_FILE_LINK = link("project_preview_background_file_link",
            "ProjectPreviewBackgroundFileLink");

    public static final ModelDef PROJECT_TEMPLATE_ASSET_TYPE_LINK = link("project_template_asset_type_link",
            "ProjectTemplateAssetTypeLink");

    public static final ModelDef PROJECT_TEMPLATE_STATUS_AUTOMATION_LINK = link(
            "project_template_status_automation_link", "ProjectTemplateStatusAutomationLink");

    public static final ModelDef PROJECT_TEMPLATE_PREVIEW_BACKGROUND_FILE_LINK = link(
            "project_template_preview_background_file_link", "ProjectTemplatePreviewBackgroundFileLink");

    public static final ModelDef TASK_TYPE_ASSET_TYPE_LINK = link("task_type_asset_type_link",
            "TaskTypeAssetTypeLink");

    public static final ModelDef ASSET_INSTANCE_LINK = link("asset_instance_link", "AssetInstanceLink");

    public static final ModelDef TASK_PERSON_LINK = link("task_person_link", "TaskPersonLink");

    public static final ModelDef COMMENT_PREVIEW_LINK = link("comment_preview_link", "CommentPreviewLink");

    public static final ModelDef COMMENT_MENTIONS = link("comment_mentions", "CommentMentions");

    public static final ModelDef COMMENT_DEPARTMENT_MENTIONS = link("comment_department_mentions",
            "CommentDepartmentMentions");

    public static final ModelDef COMMENT_ACKNOLEDGMENTS = link("comment_acknoledgments", "CommentAcknoledgments");

    public static final ModelDef DEPARTMENT_METADATA_DESCRIPTOR_LINK = link("department_metadata_descriptor_link",
            "DepartmentMetadataDescriptorLink");

    public static final ModelDef CHAT_PARTICIPANT = link("chat_participant", "ChatParticipant");

    public static final ModelDef PRODUCTION_SCHEDULE_VERSION_TASK_LINK_PERSON_LINK = link(
            "production_schedule_version_task_link_person_link", "ProductionScheduleVersionTaskLinkPersonLink");

    /** All declared models: routed models in route-table order, then route-less models, then plain link tables. */
    public static final List<ModelDef> ALL = List.of(
            PERSON, PROJECT, PROJECT_STATUS, PROJECT_TEMPLATE, ENTITY_TYPE, ENTITY, TASK_TYPE, TASK_STATUS, TASK,
            DEPARTMENT, ORGANISATION, FILE_STATUS, SOFTWARE, HARDWARE_ITEM, OUTPUT_FILE, OUTPUT_TYPE, PREVIEW_FILE,
            WORKING_FILE, ATTACHMENT_FILE, COMMENT, TIME_SPENT, DAY_OFF, CUSTOM_ACTION, STATUS_AUTOMATION,
            ASSET_INSTANCE, PLAYLIST, API_EVENT, NOTIFICATION, SEARCH_FILTER, SEARCH_FILTER_GROUP, SCHEDULE_ITEM,
            NEWS, MILESTONE, METADATA_DESCRIPTOR, SUBSCRIPTION, ENTITY_LINK, CHAT, CHAT_MESSAGE,
            PREVIEW_BACKGROUND_FILE, STUDIO, SALARY_SCALE, BUDGET, BUDGET_ENTRY, PLUGIN, PRODUCTION_SCHEDULE_VERSION,
            PRODUCTION_SCHEDULE_VERSION_TASK_LINK,
            BUILD_JOB, PLAYLIST_SHARE_LINK, LOGIN_LOG, DESKTOP_LOGIN_LOG, DATA_IMPORT_ERROR, ENTITY_VERSION,
            ENTITY_CONCEPT_LINK, HARDWARE_ITEM_DEPARTMENT_LINK, SOFTWARE_DEPARTMENT_LINK, PROJECT_TASK_TYPE_LINK,
            PROJECT_TASK_STATUS_LINK, PROJECT_TEMPLATE_TASK_TYPE_LINK, PROJECT_TEMPLATE_TASK_STATUS_LINK,
            DEPARTMENT_LINK, PROJECT_PERSON_LINK, PROJECT_ASSET_TYPE_LINK, PROJECT_STATUS_AUTOMATION_LINK,
            PROJECT_PREVIEW_BACKGROUND_FILE_LINK, PROJECT_TEMPLATE_ASSET_TYPE_LINK,
            PROJECT_TEMPLATE_STATUS_AUTOMATION_LINK, PROJECT_TEMPLATE_PREVIEW_BACKGROUND_FILE_LINK,
            TASK_TYPE_ASSET_TYPE_LINK, ASSET_INSTANCE_LINK, TASK_PERSON_LINK, COMMENT_PREVIEW_LINK, COMMENT_MENTIONS,
            COMMENT_DEPARTMENT_MENTIONS, COMMENT_ACKNOLEDGMENTS, DEPARTMENT_METADATA_DESCRIPTOR_LINK,
            CHAT_PARTICIPANT, PRODUCTION_SCHEDULE_VERSION_TASK_LINK_PERSON_LINK);

    private static ModelDef link(String table, String typeName) {
        return model(table, typeName).linkTable().build();
    }

    /** Models reachable at {@code /data/<route>}, by route. */
    public static Map<String, ModelDef> byRoute() {
        return ALL.stream().filter(m -> m.route() != null)
                .collect(Collectors.toUnmodifiableMap(ModelDef::route, Function.identity()));
    }

    /** All models by table name. */
    public static Map<String, ModelDef> byTable() {
        return ALL.stream().collect(Collectors.toUnmodifiableMap(ModelDef::table, Function.identity()));
    }
}
