-- Zou's data model (zou-data-model.md §2): 59 BaseMixin tables + 18 plain link tables = 77 tables.
-- One script for H2 2.x (plain or DATABASE_TO_LOWER=TRUE) and PostgreSQL 15; Flyway placeholders cover the differences:
--   json_type  JSON on H2, JSONB on PostgreSQL (JSON/JSONB columns and Zou's ARRAY columns)
--   stored     empty on H2, STORED on PostgreSQL (generated columns)
-- Conventions:
--   * lower-case unquoted identifiers; no column name here is reserved on either database.
--   * Text/URLType -> VARCHAR without length (TEXT is a CLOB on H2); ChoiceType/EmailType -> VARCHAR(255).
--   * id/created_at/updated_at have no SQL default: the engine sets them.
--   * Python-side scalar defaults of Zou are SQL DEFAULTs; JSON defaults are applied by the engine.
--   * Deliberate differences from Zou: ARRAY columns are stored as JSON arrays (comment.links,
--     person.fido_credentials, person.otp_recovery_codes, *_task_status_link.roles_for_board);
--     partial unique indexes (only_one_email_by_person, metadata_descriptor_uc/_uc2) are emulated with
--     generated columns that hold the key only when the index condition holds, under a named UNIQUE constraint;
--     the *_task_type_uc/_uc2 partial indexes (WHERE task_type_id IS NOT NULL) are plain UNIQUE constraints
--     (rows with a NULL task_type_id never conflict under UNIQUE's NULL semantics, which is the same behaviour).
--   * Every constraint and index is named: Zou's names where known, else <table>_pkey, <table>_<column>_key,
--     <table>_<column>_fkey, ix_<table>_<column> (shortened like PostgreSQL does past 63 characters).
--   * Single-column unique + indexed columns get only the unique constraint (its index serves lookups).

-- studio (Studio)
CREATE TABLE studio (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    color VARCHAR(7) NOT NULL,
    archived BOOLEAN DEFAULT FALSE,
    CONSTRAINT studio_pkey PRIMARY KEY (id),
    CONSTRAINT studio_name_key UNIQUE (name)
);

-- department (Department)
CREATE TABLE department (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    color VARCHAR(7) NOT NULL,
    archived BOOLEAN DEFAULT FALSE,
    CONSTRAINT department_pkey PRIMARY KEY (id),
    CONSTRAINT department_name_key UNIQUE (name)
);

-- person (Person)
CREATE TABLE person (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    first_name VARCHAR(80) NOT NULL,
    last_name VARCHAR(80) NOT NULL,
    email VARCHAR(255), -- EmailType: lower-cased by the engine
    phone VARCHAR(30),
    country VARCHAR(2),
    contract_type VARCHAR(255) DEFAULT 'open-ended' NOT NULL,
    active BOOLEAN DEFAULT TRUE,
    archived BOOLEAN DEFAULT FALSE,
    last_presence DATE,
    password VARCHAR(60), -- bcrypt hash text (Zou: LargeBinary(60))
    desktop_login VARCHAR(80),
    login_failed_attemps INTEGER DEFAULT 0,
    last_login_failed TIMESTAMP,
    totp_enabled BOOLEAN DEFAULT FALSE,
    totp_secret VARCHAR(32),
    email_otp_enabled BOOLEAN DEFAULT FALSE,
    email_otp_secret VARCHAR(32),
    fido_enabled BOOLEAN DEFAULT FALSE,
    fido_credentials ${json_type}, -- Zou: ARRAY(JSONB); stored as a JSON array
    otp_recovery_codes ${json_type}, -- Zou: ARRAY(LargeBinary(60)); stored as a JSON array of strings
    preferred_two_factor_authentication VARCHAR(255),
    shotgun_id INTEGER,
    timezone VARCHAR(50) DEFAULT 'Europe/Paris',
    locale VARCHAR(10) DEFAULT 'en_US',
    use_12_hour_clock BOOLEAN DEFAULT FALSE,
    display_date_format VARCHAR(20) DEFAULT 'YYYY-MM-DD',
    data ${json_type},
    role VARCHAR(255) DEFAULT 'user' NOT NULL,
    position VARCHAR(255) DEFAULT 'artist',
    seniority VARCHAR(255) DEFAULT 'mid',
    daily_salary INTEGER DEFAULT 0,
    has_avatar BOOLEAN DEFAULT FALSE,
    notifications_enabled BOOLEAN DEFAULT FALSE,
    notifications_slack_enabled BOOLEAN DEFAULT FALSE,
    notifications_slack_userid VARCHAR(60) DEFAULT '',
    notifications_mattermost_enabled BOOLEAN DEFAULT FALSE,
    notifications_mattermost_userid VARCHAR(60) DEFAULT '',
    notifications_discord_enabled BOOLEAN DEFAULT FALSE,
    notifications_discord_userid VARCHAR(60) DEFAULT '',
    is_bot BOOLEAN DEFAULT FALSE NOT NULL,
    is_guest BOOLEAN DEFAULT FALSE NOT NULL,
    jti VARCHAR(60),
    expiration_date DATE,
    is_generated_from_ldap BOOLEAN DEFAULT FALSE,
    ldap_uid VARCHAR(60),
    studio_id UUID,
    email_key VARCHAR(255) GENERATED ALWAYS AS (CASE WHEN is_bot IS NOT TRUE THEN email END) ${stored}, -- generated: emulates Zou's partial unique index only_one_email_by_person (email, is_bot) WHERE is_bot IS NOT TRUE
    CONSTRAINT person_pkey PRIMARY KEY (id),
    CONSTRAINT person_shotgun_id_key UNIQUE (shotgun_id),
    CONSTRAINT person_jti_key UNIQUE (jti),
    CONSTRAINT person_ldap_uid_key UNIQUE (ldap_uid),
    CONSTRAINT only_one_email_by_person UNIQUE (email_key),
    CONSTRAINT person_studio_id_fkey FOREIGN KEY (studio_id) REFERENCES studio (id)
);
CREATE INDEX ix_person_studio_id ON person (studio_id);

-- department_link (DepartmentLink), plain link table
-- Zou's department_link_uc (person_id, department_id) equals the primary key; PostgreSQL silently drops such a duplicate
-- constraint, so it is omitted: duplicates violate department_link_pkey on both databases.
CREATE TABLE department_link (
    person_id UUID NOT NULL,
    department_id UUID NOT NULL,
    CONSTRAINT department_link_pkey PRIMARY KEY (person_id, department_id),
    CONSTRAINT department_link_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT department_link_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id)
);
CREATE INDEX ix_department_link_person_id ON department_link (person_id);
CREATE INDEX ix_department_link_department_id ON department_link (department_id);

-- project_status (ProjectStatus)
CREATE TABLE project_status (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(20) NOT NULL,
    color VARCHAR(7) NOT NULL,
    CONSTRAINT project_status_pkey PRIMARY KEY (id),
    CONSTRAINT project_status_name_key UNIQUE (name)
);

-- preview_background_file (PreviewBackgroundFile)
CREATE TABLE preview_background_file (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(40) NOT NULL, -- unique by API only
    archived BOOLEAN DEFAULT FALSE,
    is_default BOOLEAN DEFAULT FALSE,
    original_name VARCHAR(250),
    extension VARCHAR(6),
    file_size BIGINT DEFAULT 0,
    CONSTRAINT preview_background_file_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_preview_background_file_is_default ON preview_background_file (is_default);

-- entity_type (EntityType)
CREATE TABLE entity_type (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(30) NOT NULL,
    short_name VARCHAR(20),
    description VARCHAR,
    archived BOOLEAN DEFAULT FALSE,
    CONSTRAINT entity_type_pkey PRIMARY KEY (id),
    CONSTRAINT entity_type_name_key UNIQUE (name)
);

-- task_status (TaskStatus)
CREATE TABLE task_status (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(40) NOT NULL,
    archived BOOLEAN DEFAULT FALSE,
    short_name VARCHAR(10) NOT NULL,
    description VARCHAR,
    color VARCHAR(7) NOT NULL,
    priority INTEGER DEFAULT 1,
    is_done BOOLEAN DEFAULT FALSE,
    is_artist_allowed BOOLEAN DEFAULT TRUE,
    is_client_allowed BOOLEAN DEFAULT TRUE,
    is_retake BOOLEAN DEFAULT FALSE,
    is_feedback_request BOOLEAN DEFAULT FALSE,
    is_default BOOLEAN DEFAULT FALSE,
    is_wip BOOLEAN DEFAULT FALSE,
    shotgun_id INTEGER,
    for_concept BOOLEAN DEFAULT FALSE,
    CONSTRAINT task_status_pkey PRIMARY KEY (id),
    CONSTRAINT task_status_short_name_key UNIQUE (short_name)
);
CREATE INDEX ix_task_status_is_done ON task_status (is_done);
CREATE INDEX ix_task_status_is_feedback_request ON task_status (is_feedback_request);
CREATE INDEX ix_task_status_is_default ON task_status (is_default);
CREATE INDEX ix_task_status_is_wip ON task_status (is_wip);

-- task_type (TaskType)
CREATE TABLE task_type (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(40) NOT NULL,
    short_name VARCHAR(20),
    description VARCHAR,
    color VARCHAR(7) DEFAULT '#FFFFFF',
    priority INTEGER DEFAULT 1,
    for_entity VARCHAR(30) DEFAULT 'Asset',
    allow_timelog BOOLEAN DEFAULT TRUE,
    archived BOOLEAN DEFAULT FALSE,
    shotgun_id INTEGER,
    department_id UUID,
    CONSTRAINT task_type_pkey PRIMARY KEY (id),
    CONSTRAINT task_type_uc UNIQUE (name, for_entity, department_id),
    CONSTRAINT task_type_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id)
);
CREATE INDEX ix_task_type_shotgun_id ON task_type (shotgun_id);
CREATE INDEX ix_task_type_department_id ON task_type (department_id);

-- task_type_asset_type_link (TaskTypeAssetTypeLink), plain link table
-- Zou's task_type_asset_type_link_uc (asset_type_id, task_type_id) equals the primary key; PostgreSQL silently drops such a duplicate
-- constraint, so it is omitted: duplicates violate task_type_asset_type_link_pkey on both databases.
CREATE TABLE task_type_asset_type_link (
    asset_type_id UUID NOT NULL,
    task_type_id UUID NOT NULL,
    CONSTRAINT task_type_asset_type_link_pkey PRIMARY KEY (asset_type_id, task_type_id),
    CONSTRAINT task_type_asset_type_link_asset_type_id_fkey FOREIGN KEY (asset_type_id) REFERENCES entity_type (id),
    CONSTRAINT task_type_asset_type_link_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id)
);
CREATE INDEX ix_task_type_asset_type_link_asset_type_id ON task_type_asset_type_link (asset_type_id);
CREATE INDEX ix_task_type_asset_type_link_task_type_id ON task_type_asset_type_link (task_type_id);

-- organisation (Organisation)
CREATE TABLE organisation (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    hours_by_day DOUBLE PRECISION DEFAULT 8 NOT NULL,
    has_avatar BOOLEAN DEFAULT FALSE,
    use_original_file_name BOOLEAN DEFAULT FALSE,
    timesheets_locked BOOLEAN DEFAULT FALSE,
    format_duration_in_hours BOOLEAN DEFAULT FALSE,
    hd_by_default BOOLEAN DEFAULT FALSE,
    dark_theme_by_default BOOLEAN DEFAULT FALSE,
    chat_token_slack VARCHAR(80) DEFAULT '',
    chat_webhook_mattermost VARCHAR(80) DEFAULT '',
    chat_token_discord VARCHAR(80) DEFAULT '',
    CONSTRAINT organisation_pkey PRIMARY KEY (id),
    CONSTRAINT organisation_name_key UNIQUE (name)
);

-- file_status (FileStatus)
CREATE TABLE file_status (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(40) NOT NULL,
    color VARCHAR(7) NOT NULL,
    CONSTRAINT file_status_pkey PRIMARY KEY (id),
    CONSTRAINT file_status_name_key UNIQUE (name)
);

-- software (Software)
CREATE TABLE software (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(40) NOT NULL,
    short_name VARCHAR(20) NOT NULL,
    archived BOOLEAN DEFAULT FALSE,
    version VARCHAR(20),
    file_extension VARCHAR(20) NOT NULL,
    secondary_extensions ${json_type},
    monthly_cost INTEGER DEFAULT 0,
    inventory_amount INTEGER DEFAULT 0,
    CONSTRAINT software_pkey PRIMARY KEY (id),
    CONSTRAINT software_name_key UNIQUE (name)
);

-- hardware_item (HardwareItem)
CREATE TABLE hardware_item (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(40) NOT NULL,
    short_name VARCHAR(20) NOT NULL,
    archived BOOLEAN DEFAULT FALSE,
    monthly_cost INTEGER DEFAULT 0,
    inventory_amount INTEGER DEFAULT 0,
    CONSTRAINT hardware_item_pkey PRIMARY KEY (id),
    CONSTRAINT hardware_item_name_key UNIQUE (name)
);

-- hardware_item_department_link (HardwareItemDepartmentLink)
CREATE TABLE hardware_item_department_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    department_id UUID NOT NULL,
    hardware_item_id UUID NOT NULL,
    CONSTRAINT hardware_item_department_link_pkey PRIMARY KEY (id, department_id, hardware_item_id),
    CONSTRAINT hardware_item_department_link_uc UNIQUE (hardware_item_id, department_id),
    CONSTRAINT hardware_item_department_link_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT hardware_item_department_link_hardware_item_id_fkey FOREIGN KEY (hardware_item_id) REFERENCES hardware_item (id)
);
CREATE INDEX ix_hardware_item_department_link_department_id ON hardware_item_department_link (department_id);
CREATE INDEX ix_hardware_item_department_link_hardware_item_id ON hardware_item_department_link (hardware_item_id);

-- software_department_link (SoftwareDepartmentLink)
CREATE TABLE software_department_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    department_id UUID NOT NULL,
    software_id UUID NOT NULL,
    CONSTRAINT software_department_link_pkey PRIMARY KEY (id, department_id, software_id),
    CONSTRAINT software_department_link_uc UNIQUE (department_id, software_id),
    CONSTRAINT software_department_link_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT software_department_link_software_id_fkey FOREIGN KEY (software_id) REFERENCES software (id)
);
CREATE INDEX ix_software_department_link_department_id ON software_department_link (department_id);
CREATE INDEX ix_software_department_link_software_id ON software_department_link (software_id);

-- output_type (OutputType)
CREATE TABLE output_type (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(40) NOT NULL,
    short_name VARCHAR(20) NOT NULL,
    CONSTRAINT output_type_pkey PRIMARY KEY (id),
    CONSTRAINT output_type_name_key UNIQUE (name)
);

-- custom_action (CustomAction)
CREATE TABLE custom_action (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    url VARCHAR(400),
    entity_type VARCHAR(40) DEFAULT 'all',
    is_ajax BOOLEAN DEFAULT FALSE,
    CONSTRAINT custom_action_pkey PRIMARY KEY (id)
);

-- status_automation (StatusAutomation)
CREATE TABLE status_automation (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    entity_type VARCHAR(40) DEFAULT 'asset',
    in_task_type_id UUID,
    in_task_status_id UUID,
    out_field_type VARCHAR(255) DEFAULT 'status' NOT NULL,
    out_task_type_id UUID,
    out_task_status_id UUID,
    import_last_revision BOOLEAN DEFAULT FALSE,
    archived BOOLEAN DEFAULT FALSE,
    CONSTRAINT status_automation_pkey PRIMARY KEY (id),
    CONSTRAINT status_automation_in_task_type_id_fkey FOREIGN KEY (in_task_type_id) REFERENCES task_type (id),
    CONSTRAINT status_automation_in_task_status_id_fkey FOREIGN KEY (in_task_status_id) REFERENCES task_status (id),
    CONSTRAINT status_automation_out_task_type_id_fkey FOREIGN KEY (out_task_type_id) REFERENCES task_type (id),
    CONSTRAINT status_automation_out_task_status_id_fkey FOREIGN KEY (out_task_status_id) REFERENCES task_status (id)
);
CREATE INDEX ix_status_automation_in_task_type_id ON status_automation (in_task_type_id);
CREATE INDEX ix_status_automation_in_task_status_id ON status_automation (in_task_status_id);
CREATE INDEX ix_status_automation_out_task_type_id ON status_automation (out_task_type_id);
CREATE INDEX ix_status_automation_out_task_status_id ON status_automation (out_task_status_id);

-- plugin (Plugin)
CREATE TABLE plugin (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    plugin_id VARCHAR(80) NOT NULL,
    name VARCHAR(80) NOT NULL,
    description VARCHAR,
    version VARCHAR(50) NOT NULL,
    maintainer_name VARCHAR(200) NOT NULL,
    maintainer_email VARCHAR(255), -- EmailType
    website VARCHAR, -- URLType
    license VARCHAR(80) NOT NULL,
    revision VARCHAR(12),
    frontend_project_enabled BOOLEAN DEFAULT FALSE,
    frontend_studio_enabled BOOLEAN DEFAULT FALSE,
    icon VARCHAR(255),
    CONSTRAINT plugin_pkey PRIMARY KEY (id),
    CONSTRAINT plugin_plugin_id_key UNIQUE (plugin_id)
);
CREATE INDEX ix_plugin_name ON plugin (name);

-- project (Project)
CREATE TABLE project (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    code VARCHAR(80),
    description VARCHAR,
    shotgun_id INTEGER,
    file_tree ${json_type},
    data ${json_type},
    has_avatar BOOLEAN DEFAULT FALSE,
    fps VARCHAR(10) DEFAULT '25',
    ratio VARCHAR(10) DEFAULT '16:9',
    resolution VARCHAR(12) DEFAULT '1920x1080',
    production_type VARCHAR(20) DEFAULT 'short',
    production_style VARCHAR(255) DEFAULT '2d3d' NOT NULL,
    start_date DATE,
    end_date DATE,
    man_days INTEGER,
    nb_episodes INTEGER DEFAULT 0,
    episode_span INTEGER DEFAULT 0,
    max_retakes INTEGER DEFAULT 0,
    is_clients_isolated BOOLEAN DEFAULT FALSE,
    is_preview_download_allowed BOOLEAN DEFAULT FALSE,
    is_set_preview_automated BOOLEAN DEFAULT FALSE,
    homepage VARCHAR(80) DEFAULT 'assets',
    is_publish_default_for_artists BOOLEAN DEFAULT FALSE,
    is_bot_collaboration_enabled BOOLEAN DEFAULT FALSE,
    is_single_preview_per_revision BOOLEAN DEFAULT FALSE,
    is_frame_in_numbering BOOLEAN DEFAULT FALSE,
    revision_padding INTEGER DEFAULT 0 NOT NULL,
    hd_bitrate_compression INTEGER DEFAULT 28,
    ld_bitrate_compression INTEGER DEFAULT 6,
    project_status_id UUID,
    default_preview_background_file_id UUID,
    from_schedule_version_id UUID,
    CONSTRAINT project_pkey PRIMARY KEY (id),
    CONSTRAINT project_name_key UNIQUE (name),
    CONSTRAINT project_project_status_id_fkey FOREIGN KEY (project_status_id) REFERENCES project_status (id)
);
CREATE INDEX ix_project_project_status_id ON project (project_status_id);
CREATE INDEX ix_project_default_preview_background_file_id ON project (default_preview_background_file_id);
CREATE INDEX ix_project_from_schedule_version_id ON project (from_schedule_version_id);

-- production_schedule_version (ProductionScheduleVersion)
CREATE TABLE production_schedule_version (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    project_id UUID NOT NULL,
    production_schedule_from UUID,
    locked BOOLEAN DEFAULT FALSE,
    canceled BOOLEAN DEFAULT FALSE,
    CONSTRAINT production_schedule_version_pkey PRIMARY KEY (id),
    CONSTRAINT production_schedule_version_uc UNIQUE (name, project_id),
    CONSTRAINT production_schedule_version_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE,
    CONSTRAINT production_schedule_version_production_schedule_from_fkey FOREIGN KEY (production_schedule_from) REFERENCES production_schedule_version (id)
);
CREATE INDEX ix_production_schedule_version_project_id ON production_schedule_version (project_id);
CREATE INDEX ix_production_schedule_version_production_schedule_from ON production_schedule_version (production_schedule_from);

-- project_person_link (ProjectPersonLink), plain link table
CREATE TABLE project_person_link (
    project_id UUID NOT NULL,
    person_id UUID NOT NULL,
    shotgun_id INTEGER,
    role VARCHAR(255), -- NULL: the person's global role applies
    CONSTRAINT project_person_link_pkey PRIMARY KEY (project_id, person_id),
    CONSTRAINT project_person_link_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT project_person_link_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);
CREATE INDEX ix_project_person_link_project_id ON project_person_link (project_id);
CREATE INDEX ix_project_person_link_person_id ON project_person_link (person_id);

-- project_task_type_link (ProjectTaskTypeLink)
CREATE TABLE project_task_type_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    project_id UUID NOT NULL,
    task_type_id UUID NOT NULL,
    priority INTEGER,
    CONSTRAINT project_task_type_link_pkey PRIMARY KEY (id, project_id, task_type_id),
    CONSTRAINT project_tasktype_uc UNIQUE (project_id, task_type_id),
    CONSTRAINT project_task_type_link_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT project_task_type_link_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id)
);
CREATE INDEX ix_project_task_type_link_project_id ON project_task_type_link (project_id);
CREATE INDEX ix_project_task_type_link_task_type_id ON project_task_type_link (task_type_id);

-- project_task_status_link (ProjectTaskStatusLink)
CREATE TABLE project_task_status_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    project_id UUID NOT NULL,
    task_status_id UUID NOT NULL,
    priority INTEGER,
    roles_for_board ${json_type}, -- Zou: ARRAY(ChoiceType); JSON array; default ["user","admin","supervisor","manager","vendor"] applied by the engine
    CONSTRAINT project_task_status_link_pkey PRIMARY KEY (id, project_id, task_status_id),
    CONSTRAINT project_taskstatus_uc UNIQUE (project_id, task_status_id),
    CONSTRAINT project_task_status_link_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT project_task_status_link_task_status_id_fkey FOREIGN KEY (task_status_id) REFERENCES task_status (id)
);
CREATE INDEX ix_project_task_status_link_project_id ON project_task_status_link (project_id);
CREATE INDEX ix_project_task_status_link_task_status_id ON project_task_status_link (task_status_id);

-- project_asset_type_link (ProjectAssetTypeLink), plain link table
CREATE TABLE project_asset_type_link (
    project_id UUID NOT NULL,
    asset_type_id UUID NOT NULL,
    CONSTRAINT project_asset_type_link_pkey PRIMARY KEY (project_id, asset_type_id),
    CONSTRAINT project_asset_type_link_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT project_asset_type_link_asset_type_id_fkey FOREIGN KEY (asset_type_id) REFERENCES entity_type (id)
);

-- project_status_automation_link (ProjectStatusAutomationLink), plain link table
CREATE TABLE project_status_automation_link (
    project_id UUID NOT NULL,
    status_automation_id UUID NOT NULL,
    CONSTRAINT project_status_automation_link_pkey PRIMARY KEY (project_id, status_automation_id),
    CONSTRAINT project_status_automation_link_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT project_status_automation_link_status_automation_id_fkey FOREIGN KEY (status_automation_id) REFERENCES status_automation (id)
);

-- project_preview_background_file_link (ProjectPreviewBackgroundFileLink), plain link table
CREATE TABLE project_preview_background_file_link (
    project_id UUID NOT NULL,
    preview_background_file_id UUID NOT NULL,
    CONSTRAINT project_preview_background_file_link_pkey PRIMARY KEY (project_id, preview_background_file_id),
    CONSTRAINT project_preview_background_file_link_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT project_preview_background_file_preview_background_file_id_fkey FOREIGN KEY (preview_background_file_id) REFERENCES preview_background_file (id)
);

-- project_template (ProjectTemplate)
CREATE TABLE project_template (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    description VARCHAR,
    fps VARCHAR(10) DEFAULT '25',
    ratio VARCHAR(10) DEFAULT '16:9',
    resolution VARCHAR(12) DEFAULT '1920x1080',
    production_type VARCHAR(20) DEFAULT 'short',
    production_style VARCHAR(255) DEFAULT '2d3d' NOT NULL,
    max_retakes INTEGER DEFAULT 0,
    is_clients_isolated BOOLEAN DEFAULT FALSE,
    is_preview_download_allowed BOOLEAN DEFAULT FALSE,
    is_set_preview_automated BOOLEAN DEFAULT FALSE,
    is_publish_default_for_artists BOOLEAN DEFAULT FALSE,
    is_single_preview_per_revision BOOLEAN DEFAULT FALSE,
    is_frame_in_numbering BOOLEAN DEFAULT FALSE,
    revision_padding INTEGER DEFAULT 0 NOT NULL,
    homepage VARCHAR(80) DEFAULT 'assets',
    hd_bitrate_compression INTEGER DEFAULT 28,
    ld_bitrate_compression INTEGER DEFAULT 6,
    file_tree ${json_type},
    data ${json_type},
    metadata_descriptors ${json_type}, -- default [] applied by the engine
    default_preview_background_file_id UUID,
    CONSTRAINT project_template_pkey PRIMARY KEY (id),
    CONSTRAINT project_template_name_key UNIQUE (name),
    CONSTRAINT project_template_default_preview_background_file_id_fkey FOREIGN KEY (default_preview_background_file_id) REFERENCES preview_background_file (id)
);
CREATE INDEX ix_project_template_default_preview_background_file_id ON project_template (default_preview_background_file_id);

-- project_template_task_type_link (ProjectTemplateTaskTypeLink)
CREATE TABLE project_template_task_type_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    project_template_id UUID NOT NULL,
    task_type_id UUID NOT NULL,
    priority INTEGER,
    CONSTRAINT project_template_task_type_link_pkey PRIMARY KEY (id, project_template_id, task_type_id),
    CONSTRAINT project_template_tasktype_uc UNIQUE (project_template_id, task_type_id),
    CONSTRAINT project_template_task_type_link_project_template_id_fkey FOREIGN KEY (project_template_id) REFERENCES project_template (id),
    CONSTRAINT project_template_task_type_link_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id)
);
CREATE INDEX ix_project_template_task_type_link_project_template_id ON project_template_task_type_link (project_template_id);
CREATE INDEX ix_project_template_task_type_link_task_type_id ON project_template_task_type_link (task_type_id);

-- project_template_task_status_link (ProjectTemplateTaskStatusLink)
CREATE TABLE project_template_task_status_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    project_template_id UUID NOT NULL,
    task_status_id UUID NOT NULL,
    priority INTEGER,
    roles_for_board ${json_type}, -- Zou: ARRAY(ChoiceType); JSON array; default ["user","admin","supervisor","manager","vendor"] applied by the engine
    CONSTRAINT project_template_task_status_link_pkey PRIMARY KEY (id, project_template_id, task_status_id),
    CONSTRAINT project_template_taskstatus_uc UNIQUE (project_template_id, task_status_id),
    CONSTRAINT project_template_task_status_link_project_template_id_fkey FOREIGN KEY (project_template_id) REFERENCES project_template (id),
    CONSTRAINT project_template_task_status_link_task_status_id_fkey FOREIGN KEY (task_status_id) REFERENCES task_status (id)
);
CREATE INDEX ix_project_template_task_status_link_project_template_id ON project_template_task_status_link (project_template_id);
CREATE INDEX ix_project_template_task_status_link_task_status_id ON project_template_task_status_link (task_status_id);

-- project_template_asset_type_link (ProjectTemplateAssetTypeLink), plain link table
CREATE TABLE project_template_asset_type_link (
    project_template_id UUID NOT NULL,
    asset_type_id UUID NOT NULL,
    CONSTRAINT project_template_asset_type_link_pkey PRIMARY KEY (project_template_id, asset_type_id),
    CONSTRAINT project_template_asset_type_link_project_template_id_fkey FOREIGN KEY (project_template_id) REFERENCES project_template (id),
    CONSTRAINT project_template_asset_type_link_asset_type_id_fkey FOREIGN KEY (asset_type_id) REFERENCES entity_type (id)
);

-- project_template_status_automation_link (ProjectTemplateStatusAutomationLink), plain link table
CREATE TABLE project_template_status_automation_link (
    project_template_id UUID NOT NULL,
    status_automation_id UUID NOT NULL,
    CONSTRAINT project_template_status_automation_link_pkey PRIMARY KEY (project_template_id, status_automation_id),
    CONSTRAINT project_template_status_automation_lin_project_template_id_fkey FOREIGN KEY (project_template_id) REFERENCES project_template (id),
    CONSTRAINT project_template_status_automation_li_status_automation_id_fkey FOREIGN KEY (status_automation_id) REFERENCES status_automation (id)
);

-- project_template_preview_background_file_link (ProjectTemplatePreviewBackgroundFileLink), plain link table
CREATE TABLE project_template_preview_background_file_link (
    project_template_id UUID NOT NULL,
    preview_background_file_id UUID NOT NULL,
    CONSTRAINT project_template_preview_background_file_link_pkey PRIMARY KEY (project_template_id, preview_background_file_id),
    CONSTRAINT project_template_preview_background_fi_project_template_id_fkey FOREIGN KEY (project_template_id) REFERENCES project_template (id),
    CONSTRAINT project_template_preview_backgr_preview_background_file_id_fkey FOREIGN KEY (preview_background_file_id) REFERENCES preview_background_file (id)
);

-- entity (Entity)
CREATE TABLE entity (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(160) NOT NULL,
    code VARCHAR(160),
    description VARCHAR,
    shotgun_id INTEGER,
    canceled BOOLEAN DEFAULT FALSE,
    nb_frames INTEGER,
    nb_entities_out INTEGER DEFAULT 0,
    is_casting_standby BOOLEAN DEFAULT FALSE,
    is_shared BOOLEAN DEFAULT FALSE NOT NULL,
    status VARCHAR(255) DEFAULT 'running' NOT NULL,
    project_id UUID NOT NULL,
    entity_type_id UUID NOT NULL,
    parent_id UUID,
    source_id UUID,
    preview_file_id UUID,
    data ${json_type},
    ready_for UUID,
    created_by UUID,
    CONSTRAINT entity_pkey PRIMARY KEY (id),
    CONSTRAINT entity_uc UNIQUE (name, project_id, entity_type_id, parent_id),
    CONSTRAINT entity_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT entity_entity_type_id_fkey FOREIGN KEY (entity_type_id) REFERENCES entity_type (id),
    CONSTRAINT entity_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES entity (id),
    CONSTRAINT entity_source_id_fkey FOREIGN KEY (source_id) REFERENCES entity (id),
    CONSTRAINT fk_ready_for FOREIGN KEY (ready_for) REFERENCES task_type (id),
    CONSTRAINT entity_created_by_fkey FOREIGN KEY (created_by) REFERENCES person (id)
);
CREATE INDEX ix_entity_status ON entity (status);
CREATE INDEX ix_entity_project_id ON entity (project_id);
CREATE INDEX ix_entity_entity_type_id ON entity (entity_type_id);
CREATE INDEX ix_entity_parent_id ON entity (parent_id);
CREATE INDEX ix_entity_source_id ON entity (source_id);
CREATE INDEX ix_entity_project_type_status ON entity (project_id, entity_type_id, status);

-- task (Task)
CREATE TABLE task (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    description VARCHAR,
    priority INTEGER DEFAULT 0,
    difficulty INTEGER DEFAULT 3 NOT NULL,
    duration DOUBLE PRECISION DEFAULT 0,
    estimation DOUBLE PRECISION DEFAULT 0,
    completion_rate INTEGER DEFAULT 0,
    retake_count INTEGER DEFAULT 0,
    sort_order INTEGER DEFAULT 0,
    start_date TIMESTAMP,
    due_date TIMESTAMP,
    real_start_date TIMESTAMP,
    end_date TIMESTAMP,
    done_date TIMESTAMP,
    last_comment_date TIMESTAMP,
    nb_assets_ready INTEGER DEFAULT 0,
    data ${json_type},
    nb_drawings INTEGER DEFAULT 0,
    shotgun_id INTEGER,
    last_preview_file_id UUID, -- no FK in Zou
    project_id UUID,
    task_type_id UUID,
    task_status_id UUID,
    entity_id UUID,
    assigner_id UUID,
    CONSTRAINT task_pkey PRIMARY KEY (id),
    CONSTRAINT task_uc UNIQUE (name, project_id, task_type_id, entity_id),
    CONSTRAINT check_difficulty CHECK (difficulty > 0 AND difficulty < 6),
    CONSTRAINT task_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT task_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id),
    CONSTRAINT task_task_status_id_fkey FOREIGN KEY (task_status_id) REFERENCES task_status (id),
    CONSTRAINT task_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES entity (id),
    CONSTRAINT task_assigner_id_fkey FOREIGN KEY (assigner_id) REFERENCES person (id)
);
CREATE INDEX ix_task_project_id ON task (project_id);
CREATE INDEX ix_task_task_type_id ON task (task_type_id);
CREATE INDEX ix_task_task_status_id ON task (task_status_id);
CREATE INDEX ix_task_entity_id ON task (entity_id);
CREATE INDEX ix_task_assigner_id ON task (assigner_id);

-- task_person_link (TaskPersonLink), plain link table
CREATE TABLE task_person_link (
    task_id UUID NOT NULL,
    person_id UUID NOT NULL,
    CONSTRAINT task_person_link_pkey PRIMARY KEY (task_id, person_id),
    CONSTRAINT task_person_link_task_id_fkey FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT task_person_link_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);
CREATE INDEX ix_task_person_link_person_id ON task_person_link (person_id);

-- working_file (WorkingFile)
CREATE TABLE working_file (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    shotgun_id INTEGER,
    name VARCHAR(250),
    description VARCHAR,
    comment VARCHAR,
    revision INTEGER,
    size INTEGER,
    checksum INTEGER,
    path VARCHAR(400),
    data ${json_type},
    task_id UUID,
    entity_id UUID,
    person_id UUID,
    software_id UUID,
    CONSTRAINT working_file_pkey PRIMARY KEY (id),
    CONSTRAINT working_file_uc UNIQUE (name, task_id, entity_id, revision),
    CONSTRAINT working_file_task_id_fkey FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT working_file_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES entity (id),
    CONSTRAINT working_file_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT working_file_software_id_fkey FOREIGN KEY (software_id) REFERENCES software (id)
);
CREATE INDEX ix_working_file_shotgun_id ON working_file (shotgun_id);
CREATE INDEX ix_working_file_task_id ON working_file (task_id);
CREATE INDEX ix_working_file_entity_id ON working_file (entity_id);
CREATE INDEX ix_working_file_person_id ON working_file (person_id);
CREATE INDEX ix_working_file_software_id ON working_file (software_id);

-- asset_instance (AssetInstance)
CREATE TABLE asset_instance (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    asset_id UUID NOT NULL,
    name VARCHAR(80),
    number INTEGER,
    description VARCHAR(200),
    active BOOLEAN DEFAULT TRUE,
    data ${json_type},
    scene_id UUID,
    target_asset_id UUID,
    entity_id UUID, -- deprecated
    entity_type_id UUID, -- deprecated
    CONSTRAINT asset_instance_pkey PRIMARY KEY (id),
    CONSTRAINT asset_instance_uc UNIQUE (asset_id, target_asset_id, scene_id, number),
    CONSTRAINT asset_instance_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES entity (id),
    CONSTRAINT asset_instance_scene_id_fkey FOREIGN KEY (scene_id) REFERENCES entity (id),
    CONSTRAINT asset_instance_target_asset_id_fkey FOREIGN KEY (target_asset_id) REFERENCES entity (id),
    CONSTRAINT asset_instance_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES entity (id),
    CONSTRAINT asset_instance_entity_type_id_fkey FOREIGN KEY (entity_type_id) REFERENCES entity_type (id)
);
CREATE INDEX ix_asset_instance_asset_id ON asset_instance (asset_id);
CREATE INDEX ix_asset_instance_scene_id ON asset_instance (scene_id);
CREATE INDEX ix_asset_instance_target_asset_id ON asset_instance (target_asset_id);

-- asset_instance_link (AssetInstanceLink), plain link table
CREATE TABLE asset_instance_link (
    entity_id UUID NOT NULL,
    asset_instance_id UUID NOT NULL,
    CONSTRAINT asset_instance_link_pkey PRIMARY KEY (entity_id, asset_instance_id),
    CONSTRAINT asset_instance_link_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES entity (id),
    CONSTRAINT asset_instance_link_asset_instance_id_fkey FOREIGN KEY (asset_instance_id) REFERENCES asset_instance (id)
);

-- output_file (OutputFile)
CREATE TABLE output_file (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    shotgun_id INTEGER,
    name VARCHAR(250) NOT NULL,
    canceled BOOLEAN DEFAULT FALSE NOT NULL,
    size INTEGER,
    checksum VARCHAR(32),
    description VARCHAR,
    comment VARCHAR,
    extension VARCHAR(10),
    revision INTEGER NOT NULL,
    representation VARCHAR(20),
    nb_elements INTEGER DEFAULT 1,
    source VARCHAR(40),
    path VARCHAR(400),
    data ${json_type},
    file_status_id UUID NOT NULL,
    entity_id UUID,
    asset_instance_id UUID,
    output_type_id UUID,
    task_type_id UUID,
    person_id UUID,
    source_file_id UUID,
    temporal_entity_id UUID,
    CONSTRAINT output_file_pkey PRIMARY KEY (id),
    CONSTRAINT output_file_uc UNIQUE (name, entity_id, asset_instance_id, output_type_id, task_type_id, temporal_entity_id, representation, revision),
    CONSTRAINT output_file_file_status_id_fkey FOREIGN KEY (file_status_id) REFERENCES file_status (id),
    CONSTRAINT output_file_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES entity (id),
    CONSTRAINT output_file_asset_instance_id_fkey FOREIGN KEY (asset_instance_id) REFERENCES asset_instance (id),
    CONSTRAINT output_file_output_type_id_fkey FOREIGN KEY (output_type_id) REFERENCES output_type (id),
    CONSTRAINT output_file_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id),
    CONSTRAINT output_file_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT output_file_source_file_id_fkey FOREIGN KEY (source_file_id) REFERENCES working_file (id),
    CONSTRAINT output_file_temporal_entity_id_fkey FOREIGN KEY (temporal_entity_id) REFERENCES entity (id)
);
CREATE INDEX ix_output_file_representation ON output_file (representation);
CREATE INDEX ix_output_file_file_status_id ON output_file (file_status_id);
CREATE INDEX ix_output_file_entity_id ON output_file (entity_id);
CREATE INDEX ix_output_file_asset_instance_id ON output_file (asset_instance_id);
CREATE INDEX ix_output_file_output_type_id ON output_file (output_type_id);
CREATE INDEX ix_output_file_task_type_id ON output_file (task_type_id);
CREATE INDEX ix_output_file_person_id ON output_file (person_id);
CREATE INDEX ix_output_file_source_file_id ON output_file (source_file_id);
CREATE INDEX ix_output_file_temporal_entity_id ON output_file (temporal_entity_id);

-- preview_file (PreviewFile)
CREATE TABLE preview_file (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(250),
    original_name VARCHAR(250),
    revision INTEGER DEFAULT 1,
    position INTEGER DEFAULT 1,
    extension VARCHAR(6),
    description VARCHAR,
    path VARCHAR(400),
    source VARCHAR(40),
    file_size BIGINT DEFAULT 0,
    status VARCHAR(255) DEFAULT 'processing' NOT NULL,
    validation_status VARCHAR(255) DEFAULT 'neutral' NOT NULL,
    annotations ${json_type},
    width INTEGER DEFAULT 0,
    height INTEGER DEFAULT 0,
    duration DOUBLE PRECISION DEFAULT 0,
    data ${json_type},
    token_in INTEGER,
    token_out INTEGER,
    task_id UUID,
    person_id UUID,
    source_file_id UUID,
    shotgun_id INTEGER,
    is_movie BOOLEAN DEFAULT FALSE, -- deprecated
    url VARCHAR(600), -- deprecated
    uploaded_movie_url VARCHAR(600), -- deprecated
    uploaded_movie_name VARCHAR(150), -- deprecated
    CONSTRAINT preview_file_pkey PRIMARY KEY (id),
    CONSTRAINT preview_file_shotgun_id_key UNIQUE (shotgun_id),
    CONSTRAINT preview_uc UNIQUE (name, task_id, revision),
    CONSTRAINT preview_file_task_id_fkey FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT preview_file_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT preview_file_source_file_id_fkey FOREIGN KEY (source_file_id) REFERENCES output_file (id)
);
CREATE INDEX ix_preview_file_task_id ON preview_file (task_id);
CREATE INDEX ix_preview_file_source_file_id ON preview_file (source_file_id);

-- entity_link (EntityLink)
CREATE TABLE entity_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    entity_in_id UUID NOT NULL,
    entity_out_id UUID NOT NULL,
    data ${json_type},
    nb_occurences INTEGER DEFAULT 1,
    label VARCHAR(80) DEFAULT '',
    CONSTRAINT entity_link_pkey PRIMARY KEY (id, entity_in_id, entity_out_id),
    CONSTRAINT entity_link_uc UNIQUE (entity_in_id, entity_out_id),
    CONSTRAINT entity_link_entity_in_id_fkey FOREIGN KEY (entity_in_id) REFERENCES entity (id),
    CONSTRAINT entity_link_entity_out_id_fkey FOREIGN KEY (entity_out_id) REFERENCES entity (id)
);
CREATE INDEX ix_entity_link_entity_in_id ON entity_link (entity_in_id);
CREATE INDEX ix_entity_link_entity_out_id ON entity_link (entity_out_id);

-- entity_concept_link (EntityConceptLink)
CREATE TABLE entity_concept_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    entity_in_id UUID NOT NULL,
    entity_out_id UUID NOT NULL,
    CONSTRAINT entity_concept_link_pkey PRIMARY KEY (id, entity_in_id, entity_out_id),
    CONSTRAINT entity_concept_link_entity_in_id_fkey FOREIGN KEY (entity_in_id) REFERENCES entity (id),
    CONSTRAINT entity_concept_link_entity_out_id_fkey FOREIGN KEY (entity_out_id) REFERENCES entity (id)
);

-- entity_version (EntityVersion)
CREATE TABLE entity_version (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(160) NOT NULL,
    data ${json_type},
    entity_id UUID,
    person_id UUID,
    CONSTRAINT entity_version_pkey PRIMARY KEY (id),
    CONSTRAINT entity_version_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES entity (id),
    CONSTRAINT entity_version_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);
CREATE INDEX ix_entity_version_entity_id ON entity_version (entity_id);
CREATE INDEX ix_entity_version_person_id ON entity_version (person_id);

-- comment (Comment)
CREATE TABLE comment (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    shotgun_id INTEGER,
    object_id UUID NOT NULL, -- task id, no FK
    object_type VARCHAR(80) NOT NULL,
    text VARCHAR,
    data ${json_type},
    replies ${json_type}, -- default [] applied by the engine
    checklist ${json_type},
    pinned BOOLEAN,
    for_client BOOLEAN DEFAULT FALSE,
    links ${json_type}, -- Zou: ARRAY(String); stored as a JSON array
    task_status_id UUID,
    person_id UUID NOT NULL,
    editor_id UUID,
    preview_file_id UUID,
    CONSTRAINT comment_pkey PRIMARY KEY (id),
    CONSTRAINT comment_task_status_id_fkey FOREIGN KEY (task_status_id) REFERENCES task_status (id),
    CONSTRAINT comment_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT comment_editor_id_fkey FOREIGN KEY (editor_id) REFERENCES person (id),
    CONSTRAINT comment_preview_file_id_fkey FOREIGN KEY (preview_file_id) REFERENCES preview_file (id)
);
CREATE INDEX ix_comment_object_id ON comment (object_id);
CREATE INDEX ix_comment_object_type ON comment (object_type);
CREATE INDEX ix_comment_task_status_id ON comment (task_status_id);
CREATE INDEX ix_comment_person_id ON comment (person_id);
CREATE INDEX ix_comment_editor_id ON comment (editor_id);

-- comment_preview_link (CommentPreviewLink), plain link table
CREATE TABLE comment_preview_link (
    comment UUID NOT NULL,
    preview_file UUID NOT NULL,
    CONSTRAINT comment_preview_link_pkey PRIMARY KEY (comment, preview_file),
    CONSTRAINT comment_preview_link_comment_fkey FOREIGN KEY (comment) REFERENCES comment (id),
    CONSTRAINT comment_preview_link_preview_file_fkey FOREIGN KEY (preview_file) REFERENCES preview_file (id)
);
CREATE INDEX ix_comment_preview_link_comment ON comment_preview_link (comment);
CREATE INDEX ix_comment_preview_link_preview_file ON comment_preview_link (preview_file);

-- comment_mentions (CommentMentions), plain link table
CREATE TABLE comment_mentions (
    comment UUID NOT NULL,
    person UUID NOT NULL,
    CONSTRAINT comment_mentions_pkey PRIMARY KEY (comment, person),
    CONSTRAINT comment_mentions_comment_fkey FOREIGN KEY (comment) REFERENCES comment (id),
    CONSTRAINT comment_mentions_person_fkey FOREIGN KEY (person) REFERENCES person (id)
);

-- comment_department_mentions (CommentDepartmentMentions), plain link table
CREATE TABLE comment_department_mentions (
    comment UUID NOT NULL,
    department UUID NOT NULL,
    CONSTRAINT comment_department_mentions_pkey PRIMARY KEY (comment, department),
    CONSTRAINT comment_department_mentions_comment_fkey FOREIGN KEY (comment) REFERENCES comment (id),
    CONSTRAINT comment_department_mentions_department_fkey FOREIGN KEY (department) REFERENCES department (id)
);

-- comment_acknoledgments (CommentAcknoledgments), plain link table
CREATE TABLE comment_acknoledgments (
    comment UUID NOT NULL,
    person UUID NOT NULL,
    CONSTRAINT comment_acknoledgments_pkey PRIMARY KEY (comment, person),
    CONSTRAINT comment_acknoledgments_comment_fkey FOREIGN KEY (comment) REFERENCES comment (id),
    CONSTRAINT comment_acknoledgments_person_fkey FOREIGN KEY (person) REFERENCES person (id)
);

-- chat (Chat)
CREATE TABLE chat (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    object_id UUID NOT NULL,
    object_type VARCHAR(80) DEFAULT 'entity' NOT NULL,
    last_message TIMESTAMP,
    CONSTRAINT chat_pkey PRIMARY KEY (id)
);
CREATE INDEX ix_chat_object_id ON chat (object_id);
CREATE INDEX ix_chat_object_type ON chat (object_type);

-- chat_participant (ChatParticipant), plain link table
CREATE TABLE chat_participant (
    chat_id UUID NOT NULL,
    person_id UUID NOT NULL,
    CONSTRAINT chat_participant_pkey PRIMARY KEY (chat_id, person_id),
    CONSTRAINT chat_participant_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES chat (id),
    CONSTRAINT chat_participant_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);

-- chat_message (ChatMessage)
CREATE TABLE chat_message (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    chat_id UUID NOT NULL,
    person_id UUID NOT NULL,
    text VARCHAR,
    CONSTRAINT chat_message_pkey PRIMARY KEY (id),
    CONSTRAINT chat_message_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES chat (id),
    CONSTRAINT chat_message_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);
CREATE INDEX ix_chat_message_chat_id ON chat_message (chat_id);
CREATE INDEX ix_chat_message_person_id ON chat_message (person_id);

-- attachment_file (AttachmentFile)
CREATE TABLE attachment_file (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(250),
    size BIGINT DEFAULT 1,
    extension VARCHAR(6),
    mimetype VARCHAR(255),
    comment_id UUID,
    reply_id UUID, -- no FK
    chat_message_id UUID,
    CONSTRAINT attachment_file_pkey PRIMARY KEY (id),
    CONSTRAINT attachment_file_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES comment (id),
    CONSTRAINT attachment_file_chat_message_id_fkey FOREIGN KEY (chat_message_id) REFERENCES chat_message (id)
);
CREATE INDEX ix_attachment_file_comment_id ON attachment_file (comment_id);
CREATE INDEX ix_attachment_file_chat_message_id ON attachment_file (chat_message_id);

-- time_spent (TimeSpent)
CREATE TABLE time_spent (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    duration DOUBLE PRECISION NOT NULL,
    date DATE NOT NULL,
    task_id UUID,
    person_id UUID,
    CONSTRAINT time_spent_pkey PRIMARY KEY (id),
    CONSTRAINT time_spent_uc UNIQUE (person_id, task_id, date),
    CONSTRAINT check_duration_positive CHECK (duration > 0),
    CONSTRAINT time_spent_task_id_fkey FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT time_spent_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);
CREATE INDEX ix_time_spent_task_id ON time_spent (task_id);
CREATE INDEX ix_time_spent_person_id ON time_spent (person_id);

-- day_off (DayOff)
CREATE TABLE day_off (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    date DATE NOT NULL,
    end_date DATE NOT NULL,
    description VARCHAR,
    person_id UUID,
    CONSTRAINT day_off_pkey PRIMARY KEY (id),
    CONSTRAINT day_off_uc UNIQUE (person_id, date),
    CONSTRAINT day_off_date_check CHECK (date <= end_date),
    CONSTRAINT day_off_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);
CREATE INDEX ix_day_off_person_id ON day_off (person_id);

-- playlist (Playlist)
CREATE TABLE playlist (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    shots ${json_type},
    project_id UUID,
    episode_id UUID,
    task_type_id UUID,
    for_client BOOLEAN DEFAULT FALSE,
    for_entity VARCHAR(10) DEFAULT 'shot',
    is_for_all BOOLEAN DEFAULT FALSE,
    created_by UUID,
    CONSTRAINT playlist_pkey PRIMARY KEY (id),
    CONSTRAINT playlist_uc UNIQUE (name, project_id, episode_id),
    CONSTRAINT playlist_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT playlist_episode_id_fkey FOREIGN KEY (episode_id) REFERENCES entity (id),
    CONSTRAINT playlist_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id),
    CONSTRAINT playlist_created_by_fkey FOREIGN KEY (created_by) REFERENCES person (id)
);
CREATE INDEX ix_playlist_project_id ON playlist (project_id);
CREATE INDEX ix_playlist_episode_id ON playlist (episode_id);
CREATE INDEX ix_playlist_task_type_id ON playlist (task_type_id);
CREATE INDEX ix_playlist_for_client ON playlist (for_client);
CREATE INDEX ix_playlist_for_entity ON playlist (for_entity);

-- build_job (BuildJob)
CREATE TABLE build_job (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    status VARCHAR(255) DEFAULT 'running' NOT NULL,
    job_type VARCHAR(255) DEFAULT 'movie' NOT NULL,
    ended_at TIMESTAMP,
    playlist_id UUID NOT NULL,
    CONSTRAINT build_job_pkey PRIMARY KEY (id),
    CONSTRAINT build_job_playlist_id_fkey FOREIGN KEY (playlist_id) REFERENCES playlist (id)
);
CREATE INDEX ix_build_job_playlist_id ON build_job (playlist_id);

-- playlist_share_link (PlaylistShareLink)
CREATE TABLE playlist_share_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    token VARCHAR(64) NOT NULL,
    playlist_id UUID NOT NULL,
    created_by UUID NOT NULL,
    expiration_date TIMESTAMP,
    is_active BOOLEAN DEFAULT TRUE NOT NULL,
    can_comment BOOLEAN DEFAULT TRUE NOT NULL,
    password VARCHAR(255), -- bcrypt hash, never serialized
    CONSTRAINT playlist_share_link_pkey PRIMARY KEY (id),
    CONSTRAINT playlist_share_link_token_key UNIQUE (token),
    CONSTRAINT playlist_share_link_playlist_id_fkey FOREIGN KEY (playlist_id) REFERENCES playlist (id),
    CONSTRAINT playlist_share_link_created_by_fkey FOREIGN KEY (created_by) REFERENCES person (id)
);
CREATE INDEX ix_playlist_share_link_playlist_id ON playlist_share_link (playlist_id);
CREATE INDEX ix_playlist_share_link_playlist_id_is_active ON playlist_share_link (playlist_id, is_active);

-- api_event (ApiEvent)
CREATE TABLE api_event (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    name VARCHAR(80) NOT NULL,
    user_id UUID,
    project_id UUID,
    data ${json_type},
    CONSTRAINT api_event_pkey PRIMARY KEY (id),
    CONSTRAINT api_event_user_id_fkey FOREIGN KEY (user_id) REFERENCES person (id),
    CONSTRAINT api_event_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id)
);
CREATE INDEX ix_api_event_name ON api_event (name);
CREATE INDEX ix_api_event_user_id ON api_event (user_id);
CREATE INDEX ix_api_event_project_id ON api_event (project_id);
CREATE INDEX ix_api_event_created_at ON api_event (created_at);
CREATE INDEX ix_api_event_project_id_created_at ON api_event (project_id, created_at);

-- notification (Notification)
CREATE TABLE notification (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    read BOOLEAN DEFAULT FALSE NOT NULL,
    change BOOLEAN DEFAULT FALSE NOT NULL,
    type VARCHAR(255) NOT NULL,
    person_id UUID NOT NULL,
    author_id UUID NOT NULL,
    comment_id UUID,
    task_id UUID,
    playlist_id UUID,
    reply_id UUID, -- no FK
    CONSTRAINT notification_pkey PRIMARY KEY (id),
    CONSTRAINT notification_uc UNIQUE (person_id, author_id, comment_id, reply_id, playlist_id, type),
    CONSTRAINT notification_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT notification_author_id_fkey FOREIGN KEY (author_id) REFERENCES person (id),
    CONSTRAINT notification_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES comment (id),
    CONSTRAINT notification_task_id_fkey FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT notification_playlist_id_fkey FOREIGN KEY (playlist_id) REFERENCES playlist (id)
);
CREATE INDEX ix_notification_person_id ON notification (person_id);
CREATE INDEX ix_notification_author_id ON notification (author_id);
CREATE INDEX ix_notification_comment_id ON notification (comment_id);
CREATE INDEX ix_notification_task_id ON notification (task_id);
CREATE INDEX ix_notification_playlist_id ON notification (playlist_id);
CREATE INDEX ix_notification_reply_id ON notification (reply_id);

-- search_filter_group (SearchFilterGroup)
CREATE TABLE search_filter_group (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    list_type VARCHAR(80) NOT NULL,
    entity_type VARCHAR(80),
    name VARCHAR(200) DEFAULT '' NOT NULL,
    color VARCHAR(8) DEFAULT '' NOT NULL,
    is_shared BOOLEAN DEFAULT FALSE NOT NULL,
    person_id UUID,
    project_id UUID,
    department_id UUID,
    CONSTRAINT search_filter_group_pkey PRIMARY KEY (id),
    CONSTRAINT search_filter_group_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT search_filter_group_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT search_filter_group_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id)
);
CREATE INDEX ix_search_filter_group_list_type ON search_filter_group (list_type);
CREATE INDEX ix_search_filter_group_person_id ON search_filter_group (person_id);
CREATE INDEX ix_search_filter_group_project_id ON search_filter_group (project_id);

-- search_filter (SearchFilter)
CREATE TABLE search_filter (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    list_type VARCHAR(80) NOT NULL,
    entity_type VARCHAR(80),
    name VARCHAR(200) DEFAULT '' NOT NULL,
    search_query VARCHAR(500) DEFAULT '' NOT NULL,
    is_shared BOOLEAN DEFAULT FALSE NOT NULL,
    department_id UUID,
    search_filter_group_id UUID,
    person_id UUID,
    project_id UUID,
    CONSTRAINT search_filter_pkey PRIMARY KEY (id),
    CONSTRAINT search_filter_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT search_filter_search_filter_group_id_fkey FOREIGN KEY (search_filter_group_id) REFERENCES search_filter_group (id),
    CONSTRAINT search_filter_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT search_filter_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id)
);
CREATE INDEX ix_search_filter_list_type ON search_filter (list_type);
CREATE INDEX ix_search_filter_person_id ON search_filter (person_id);
CREATE INDEX ix_search_filter_project_id ON search_filter (project_id);

-- schedule_item (ScheduleItem)
CREATE TABLE schedule_item (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    start_date DATE,
    end_date DATE,
    man_days INTEGER,
    project_id UUID,
    task_type_id UUID,
    object_id UUID, -- no FK
    CONSTRAINT schedule_item_pkey PRIMARY KEY (id),
    CONSTRAINT schedule_item_uc UNIQUE (project_id, task_type_id, object_id),
    CONSTRAINT schedule_item_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT schedule_item_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id)
);
CREATE INDEX ix_schedule_item_project_id ON schedule_item (project_id);
CREATE INDEX ix_schedule_item_task_type_id ON schedule_item (task_type_id);
CREATE INDEX ix_schedule_item_object_id ON schedule_item (object_id);

-- news (News)
CREATE TABLE news (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    change BOOLEAN DEFAULT FALSE NOT NULL,
    author_id UUID NOT NULL,
    comment_id UUID,
    task_id UUID NOT NULL,
    preview_file_id UUID,
    CONSTRAINT news_pkey PRIMARY KEY (id),
    CONSTRAINT news_author_id_fkey FOREIGN KEY (author_id) REFERENCES person (id),
    CONSTRAINT news_comment_id_fkey FOREIGN KEY (comment_id) REFERENCES comment (id),
    CONSTRAINT news_task_id_fkey FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT news_preview_file_id_fkey FOREIGN KEY (preview_file_id) REFERENCES preview_file (id)
);
CREATE INDEX ix_news_author_id ON news (author_id);
CREATE INDEX ix_news_comment_id ON news (comment_id);
CREATE INDEX ix_news_task_id ON news (task_id);
CREATE INDEX ix_news_preview_file_id ON news (preview_file_id);

-- milestone (Milestone)
CREATE TABLE milestone (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    date DATE,
    name VARCHAR(40) NOT NULL,
    project_id UUID,
    task_type_id UUID,
    CONSTRAINT milestone_pkey PRIMARY KEY (id),
    CONSTRAINT milestone_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT milestone_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id)
);
CREATE INDEX ix_milestone_project_id ON milestone (project_id);
CREATE INDEX ix_milestone_task_type_id ON milestone (task_type_id);

-- metadata_descriptor (MetadataDescriptor)
CREATE TABLE metadata_descriptor (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    project_id UUID NOT NULL,
    entity_type VARCHAR(60) NOT NULL,
    task_type_id UUID,
    name VARCHAR(120) NOT NULL,
    data_type VARCHAR(255),
    field_name VARCHAR(120) NOT NULL,
    choices ${json_type},
    for_client BOOLEAN DEFAULT FALSE,
    position INTEGER,
    name_key VARCHAR(120) GENERATED ALWAYS AS (CASE WHEN task_type_id IS NULL THEN name END) ${stored}, -- generated: emulates partial unique index metadata_descriptor_uc (WHERE task_type_id IS NULL)
    field_name_key VARCHAR(120) GENERATED ALWAYS AS (CASE WHEN task_type_id IS NULL THEN field_name END) ${stored}, -- generated: emulates partial unique index metadata_descriptor_uc2 (WHERE task_type_id IS NULL)
    CONSTRAINT metadata_descriptor_pkey PRIMARY KEY (id),
    CONSTRAINT metadata_descriptor_uc UNIQUE (project_id, entity_type, name_key),
    CONSTRAINT metadata_descriptor_uc2 UNIQUE (project_id, entity_type, field_name_key),
    CONSTRAINT metadata_descriptor_task_type_uc UNIQUE (project_id, entity_type, task_type_id, name),
    CONSTRAINT metadata_descriptor_task_type_uc2 UNIQUE (project_id, entity_type, task_type_id, field_name),
    CONSTRAINT metadata_descriptor_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id),
    CONSTRAINT metadata_descriptor_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id)
);
CREATE INDEX ix_metadata_descriptor_project_id ON metadata_descriptor (project_id);
CREATE INDEX ix_metadata_descriptor_entity_type ON metadata_descriptor (entity_type);
CREATE INDEX ix_metadata_descriptor_task_type_id ON metadata_descriptor (task_type_id);
CREATE INDEX ix_metadata_descriptor_for_client ON metadata_descriptor (for_client);

-- department_metadata_descriptor_link (DepartmentMetadataDescriptorLink), plain link table
-- Zou's department_metadata_descriptor_link_uc (metadata_descriptor_id, department_id) equals the primary key; PostgreSQL silently drops such a duplicate
-- constraint, so it is omitted: duplicates violate department_metadata_descriptor_link_pkey on both databases.
CREATE TABLE department_metadata_descriptor_link (
    metadata_descriptor_id UUID NOT NULL,
    department_id UUID NOT NULL,
    CONSTRAINT department_metadata_descriptor_link_pkey PRIMARY KEY (metadata_descriptor_id, department_id),
    CONSTRAINT department_metadata_descriptor_link_metadata_descriptor_id_fkey FOREIGN KEY (metadata_descriptor_id) REFERENCES metadata_descriptor (id),
    CONSTRAINT department_metadata_descriptor_link_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id)
);
CREATE INDEX ix_department_metadata_descriptor_link_metadata_descriptor_id ON department_metadata_descriptor_link (metadata_descriptor_id);
CREATE INDEX ix_department_metadata_descriptor_link_department_id ON department_metadata_descriptor_link (department_id);

-- subscription (Subscription)
CREATE TABLE subscription (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    person_id UUID NOT NULL,
    task_id UUID,
    entity_id UUID, -- deprecated
    task_type_id UUID, -- deprecated
    CONSTRAINT subscription_pkey PRIMARY KEY (id),
    CONSTRAINT subscription_task_uc UNIQUE (person_id, task_id),
    CONSTRAINT subscription_entity_uc UNIQUE (person_id, task_type_id, entity_id),
    CONSTRAINT subscription_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT subscription_task_id_fkey FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT subscription_entity_id_fkey FOREIGN KEY (entity_id) REFERENCES entity (id),
    CONSTRAINT subscription_task_type_id_fkey FOREIGN KEY (task_type_id) REFERENCES task_type (id)
);
CREATE INDEX ix_subscription_person_id ON subscription (person_id);
CREATE INDEX ix_subscription_task_id ON subscription (task_id);
CREATE INDEX ix_subscription_entity_id ON subscription (entity_id);
CREATE INDEX ix_subscription_task_type_id ON subscription (task_type_id);

-- salary_scale (SalaryScale)
CREATE TABLE salary_scale (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    department_id UUID NOT NULL,
    position VARCHAR(255) DEFAULT 'artist',
    seniority VARCHAR(255) DEFAULT 'mid',
    salary INTEGER DEFAULT 0 NOT NULL,
    CONSTRAINT salary_scale_pkey PRIMARY KEY (id),
    CONSTRAINT salary_scale_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id) ON DELETE CASCADE
);
CREATE INDEX ix_salary_scale_department_id ON salary_scale (department_id);

-- budget (Budget)
CREATE TABLE budget (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    project_id UUID,
    revision INTEGER DEFAULT 1 NOT NULL,
    name VARCHAR(255) NOT NULL,
    currency VARCHAR(3),
    CONSTRAINT budget_pkey PRIMARY KEY (id),
    CONSTRAINT budget_project_id_fkey FOREIGN KEY (project_id) REFERENCES project (id)
);
CREATE INDEX ix_budget_project_id ON budget (project_id);

-- budget_entry (BudgetEntry)
CREATE TABLE budget_entry (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    budget_id UUID NOT NULL,
    department_id UUID NOT NULL,
    person_id UUID,
    start_date DATE NOT NULL,
    months_duration INTEGER NOT NULL,
    daily_salary DOUBLE PRECISION NOT NULL,
    position VARCHAR(255) DEFAULT 'artist',
    seniority VARCHAR(255) DEFAULT 'mid',
    exceptions ${json_type},
    CONSTRAINT budget_entry_pkey PRIMARY KEY (id),
    CONSTRAINT budget_entry_budget_id_fkey FOREIGN KEY (budget_id) REFERENCES budget (id),
    CONSTRAINT budget_entry_department_id_fkey FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT budget_entry_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);
CREATE INDEX ix_budget_entry_budget_id ON budget_entry (budget_id);
CREATE INDEX ix_budget_entry_department_id ON budget_entry (department_id);
CREATE INDEX ix_budget_entry_person_id ON budget_entry (person_id);

-- production_schedule_version_task_link (ProductionScheduleVersionTaskLink)
CREATE TABLE production_schedule_version_task_link (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    production_schedule_version_id UUID NOT NULL,
    task_id UUID NOT NULL,
    start_date TIMESTAMP,
    due_date TIMESTAMP,
    estimation DOUBLE PRECISION DEFAULT 0,
    CONSTRAINT production_schedule_version_task_link_pkey PRIMARY KEY (id),
    CONSTRAINT production_schedule_version_task_link_uc UNIQUE (production_schedule_version_id, task_id),
    CONSTRAINT production_schedule_version_t_production_schedule_version__fkey FOREIGN KEY (production_schedule_version_id) REFERENCES production_schedule_version (id) ON DELETE CASCADE,
    CONSTRAINT production_schedule_version_task_link_task_id_fkey FOREIGN KEY (task_id) REFERENCES task (id) ON DELETE CASCADE
);
CREATE INDEX ix_production_schedule_version_ta_production_schedule_version_i ON production_schedule_version_task_link (production_schedule_version_id);
CREATE INDEX ix_production_schedule_version_task_link_task_id ON production_schedule_version_task_link (task_id);

-- production_schedule_version_task_link_person_link (ProductionScheduleVersionTaskLinkPersonLink), plain link table
CREATE TABLE production_schedule_version_task_link_person_link (
    production_schedule_version_task_link_id UUID NOT NULL,
    person_id UUID NOT NULL,
    CONSTRAINT production_schedule_version_task_link_person_link_pkey PRIMARY KEY (production_schedule_version_task_link_id, person_id),
    CONSTRAINT production_schedule_version__production_schedule_version__fkey1 FOREIGN KEY (production_schedule_version_task_link_id) REFERENCES production_schedule_version_task_link (id) ON DELETE CASCADE,
    CONSTRAINT production_schedule_version_task_link_person_lin_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id) ON DELETE CASCADE
);

-- login_log (LoginLog)
CREATE TABLE login_log (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    person_id UUID NOT NULL,
    ip_address VARCHAR(50), -- IPAddressType
    origin VARCHAR(255),
    CONSTRAINT login_log_pkey PRIMARY KEY (id),
    CONSTRAINT login_log_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);
CREATE INDEX ix_login_log_person_id ON login_log (person_id);

-- desktop_login_log (DesktopLoginLog)
CREATE TABLE desktop_login_log (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    person_id UUID NOT NULL,
    date TIMESTAMP NOT NULL,
    CONSTRAINT desktop_login_log_pkey PRIMARY KEY (id),
    CONSTRAINT desktop_login_log_person_id_fkey FOREIGN KEY (person_id) REFERENCES person (id)
);
CREATE INDEX ix_desktop_login_log_person_id ON desktop_login_log (person_id);

-- data_import_error (DataImportError)
CREATE TABLE data_import_error (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    event_data ${json_type} NOT NULL,
    source VARCHAR(20), -- Zou: PG enum import_source_enum (csv, shotgun)
    CONSTRAINT data_import_error_pkey PRIMARY KEY (id)
);

-- Foreign keys closing cycles (entity <-> preview_file via task, project <-> production_schedule_version)
-- and references to tables created later.
ALTER TABLE project ADD CONSTRAINT project_default_preview_background_file_id_fkey FOREIGN KEY (default_preview_background_file_id) REFERENCES preview_background_file (id);
ALTER TABLE project ADD CONSTRAINT project_from_schedule_version_id_fkey FOREIGN KEY (from_schedule_version_id) REFERENCES production_schedule_version (id);
ALTER TABLE entity ADD CONSTRAINT fk_main_preview FOREIGN KEY (preview_file_id) REFERENCES preview_file (id);
