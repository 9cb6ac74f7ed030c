package org.zou4j.internal.sql;

import org.jooq.DataType;
import org.jooq.impl.SQLDataType;
import org.zou4j.internal.schema.ColumnType;

/** Engine column types to jOOQ data types. */
final class SqlTypes {
    private SqlTypes() {
    }

    static DataType<?> of(ColumnType type) {
        return switch (type) {
            case UUID -> SQLDataType.UUID;
            case STRING -> SQLDataType.VARCHAR;
            case INTEGER -> SQLDataType.INTEGER;
            case BIGINT -> SQLDataType.BIGINT;
            case FLOAT -> SQLDataType.DOUBLE;
            case BOOLEAN -> SQLDataType.BOOLEAN;
            case DATE -> SQLDataType.LOCALDATE;
            case TIMESTAMP -> SQLDataType.LOCALDATETIME;
            case JSON -> SQLDataType.JSONB;
        };
    }
}
