package org.zou4j.storage;

/** The SQL databases the engine's shared SQL storage runs on. */
public enum SqlDialect {
    /** H2 2.x, embedded (file or in-memory). */
    H2,
    /** PostgreSQL 15 or newer, shared by several engine instances. */
    POSTGRES
}
