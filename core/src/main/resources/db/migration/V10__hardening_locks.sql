-- Lock rows behind checks that must run one at a time (engine-own table, prefixed zou4j_: no Zou model, no route).
-- A writer locks the row of its rule (SELECT ... FOR UPDATE) before checking, so of several concurrent identical
-- creations exactly one passes the check: the others wait for its commit and then see its row. Used where a database
-- constraint cannot say the rule: task type and preview background file names are unique across all rows, but
-- existing Zou databases may hold duplicates from before the rule (a constraint would refuse to migrate them).
-- Same SQL subset as V1: runs unchanged on H2 2.x and PostgreSQL 15.
CREATE TABLE zou4j_lock (
    id UUID NOT NULL,
    name VARCHAR(80) NOT NULL,
    CONSTRAINT zou4j_lock_pkey PRIMARY KEY (id)
);
INSERT INTO zou4j_lock (id, name) VALUES ('00000000-0000-0000-0000-00000000a001', 'task_type.name');
INSERT INTO zou4j_lock (id, name) VALUES ('00000000-0000-0000-0000-00000000a002', 'preview_background_file.name');
