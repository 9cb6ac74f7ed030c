-- Event delivery state the engine keeps in the database (engine-own tables are prefixed zou4j_: no Zou model, no
-- /data route; Zou clients never see them). Same SQL subset as V1: runs unchanged on H2 2.x and PostgreSQL 15.

-- The single counter row behind event sequences. Every writing transaction increments it as its very last statement,
-- just before commit; the row lock is held until commit, so sequence order is commit order, also across several
-- engine instances over one database. The increment is transactional: a rolled-back change leaves no gap.
CREATE TABLE zou4j_event_counter (
    id INTEGER NOT NULL,
    seq BIGINT NOT NULL,
    CONSTRAINT zou4j_event_counter_pkey PRIMARY KEY (id)
);
INSERT INTO zou4j_event_counter (id, seq) VALUES (1, 0);

-- The commit-order sequence of each event (NULL for rows that predate this migration or that were not written by the
-- engine's event log, e.g. POST /data/events).
ALTER TABLE api_event ADD COLUMN seq BIGINT;
CREATE UNIQUE INDEX api_event_seq_key ON api_event (seq);

-- Where each durable listener stands: the sequence of the last event it processed.
CREATE TABLE zou4j_event_cursor (
    name VARCHAR(200) NOT NULL,
    seq BIGINT NOT NULL,
    created_at TIMESTAMP,
    updated_at TIMESTAMP,
    CONSTRAINT zou4j_event_cursor_pkey PRIMARY KEY (name)
);
