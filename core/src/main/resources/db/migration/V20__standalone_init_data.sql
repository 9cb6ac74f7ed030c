-- Whether the engine has put Zou's default data (what `zou init-data` creates: project statuses, asset types,
-- shot types, departments, task types, task statuses) into this database. A single row, locked by the engine
-- instance that seeds, so instances started together over one PostgreSQL seed once. Engine state (zou4j_ prefix):
-- no Zou model, no /data route.
CREATE TABLE zou4j_init_data (
    id UUID NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    done_at TIMESTAMP,
    CONSTRAINT zou4j_init_data_pkey PRIMARY KEY (id)
);
INSERT INTO zou4j_init_data (id, done_at) VALUES ('00000000-0000-0000-0000-000000000001', NULL);
