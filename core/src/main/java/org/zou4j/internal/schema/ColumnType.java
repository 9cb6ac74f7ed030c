package org.zou4j.internal.schema;

/** The column types Zou's schema uses, as the engine sees them whatever the database. */
public enum ColumnType {
    UUID, STRING, INTEGER, BIGINT, FLOAT, BOOLEAN, DATE, TIMESTAMP, JSON;

    /** Maps a JDBC metadata type name (H2 or PostgreSQL spelling) to an engine type. */
    static ColumnType fromTypeName(String typeName) {
        String t = typeName.toLowerCase(java.util.Locale.ROOT);
        if (t.equals("uuid")) {
            return UUID;
        }
        if (t.contains("char") || t.equals("text") || t.equals("clob") || t.contains("character")) {
            return STRING;
        }
        if (t.equals("integer") || t.equals("int4") || t.equals("int") || t.equals("smallint") || t.equals("int2")
                || t.equals("serial")) {
            return INTEGER;
        }
        if (t.equals("bigint") || t.equals("int8") || t.equals("bigserial")) {
            return BIGINT;
        }
        if (t.contains("double") || t.equals("float8") || t.equals("float") || t.equals("real") || t.equals("float4")
                || t.equals("numeric") || t.equals("decimal")) {
            return FLOAT;
        }
        if (t.equals("boolean") || t.equals("bool")) {
            return BOOLEAN;
        }
        if (t.equals("date")) {
            return DATE;
        }
        if (t.startsWith("timestamp")) {
            return TIMESTAMP;
        }
        if (t.equals("json") || t.equals("jsonb")) {
            return JSON;
        }
        throw new IllegalStateException("Unsupported column type in schema: " + typeName);
    }
}
