package org.zou4j.internal.sql;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.internal.schema.TableSchema;

/**
 * Classifies database errors by SQLSTATE into Zou's client-error answers (reference §5.1), so a caller's mistake is
 * a 400 whatever the database, and names the fields of a violated unique constraint.
 */
public final class DbErrors {
    /** Zou's message for a unique violation (the HTTP body keeps it). */
    static final String DUPLICATE = "A record with the same unique values already exists.";

    private DbErrors() {
    }

    /** SQLSTATE of a serialization failure or deadlock: the transaction may be retried. */
    public static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state);
    }

    /** Translates a database error into a client error when it is one, else returns {@code null}. */
    public static ZouException toClientError(SQLException e, TableSchema table) {
        String state = e.getSQLState();
        if (state == null) {
            return null;
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        switch (state) {
            case "23505": {
                List<String> fields = table == null ? List.of() : violatedFields(message, table);
                // the body stays Zou's; the in-process message names the model and the fields
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("message", DUPLICATE);
                if (!fields.isEmpty()) {
                    body.put("fields", fields);
                }
                String what = table == null ? "A record" : "A " + table.name() + " record";
                String detail = fields.isEmpty() ? "the same unique values"
                        : "the same " + String.join(", ", fields);
                return new ZouException(ErrorCode.DUPLICATE, 400, what + " with " + detail + " already exists.", body);
            }
            case "23503":
            case "23506":
                return ZouException.plain(ErrorCode.REFERENCED,
                        "The change conflicts with records referencing this one.");
            case "23502":
                return ZouException.plain(ErrorCode.MISSING_FIELD, "A required field is missing.");
            case "23513":
            case "23514":
                return ZouException.plain(ErrorCode.INTEGRITY, "The data conflicts with database integrity rules.");
            case "22001":
            case "22003":
            case "22007":
            case "22008":
            case "22018":
            case "22P02":
            case "22012":
            case "22021":
            case "22P05":
                return ZouException.plain(ErrorCode.INVALID_VALUE, "One of the provided values has an invalid format.");
            default:
                return null;
        }
    }

    private static List<String> violatedFields(String message, TableSchema table) {
        String best = null;
        for (String name : table.uniqueConstraints().keySet()) {
            if (message.contains(name) && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        if (best == null) {
            return List.of();
        }
        return table.uniqueConstraints().get(best).stream().map(c -> userFacing(c, table)).filter(table::has)
                .toList();
    }

    /**
     * The field a client knows for a constraint column: generated columns emulating partial unique indexes are named
     * {@code <field>_key} by the migration convention (e.g. {@code person.email_key}) and are invisible to the engine.
     */
    private static String userFacing(String column, TableSchema table) {
        if (!table.has(column) && column.endsWith("_key")) {
            return column.substring(0, column.length() - "_key".length());
        }
        return column;
    }
}
