package org.zou4j.internal.crud;

import java.util.Map;

/**
 * The answer to a list request: a materialized page envelope, or a live stream of rows.
 *
 * @param page   the paginated envelope, or null
 * @param stream the live stream, or null
 */
public record ListOutcome(Map<String, Object> page, RowStream stream) {
    static ListOutcome page(Map<String, Object> envelope) {
        return new ListOutcome(envelope, null);
    }

    static ListOutcome stream(RowStream stream) {
        return new ListOutcome(null, stream);
    }
}
