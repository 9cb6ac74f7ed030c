-- GET /data/tasks/open-tasks reads a project's entities without a parent per entity type in name order, a slice at a
-- time (OpenTasksPage): this index gives that order without sorting the project's entities. Same SQL subset as V1: runs
-- unchanged on H2 2.x and PostgreSQL 15.
CREATE INDEX ix_entity_project_parent_type_name ON entity (project_id, parent_id, entity_type_id, name);
