package org.zou4j.internal.sql;

/** JSON text read from or written to a JSON column, passed through without re-parsing. */
public record RawJson(String text) {
}
