package org.zou4j;

import java.util.List;
import java.util.Map;

/**
 * The rows of one Zou model as one caller sees them ({@code session.data("tasks")}), with Zou's generic
 * {@code /data/<route>} semantics: filters, paging, relations, validation, permissions and events.
 */
public interface DataSet {

    /** The route name, e.g. {@code tasks}. */
    String route();

    /**
     * Lists rows. With {@code page} the result is a page envelope; otherwise every matching row is streamed with
     * bounded memory.
     *
     * @throws ZouException for a bad filter (400) or a caller who may not list (403)
     */
    ListResult query(Query query);

    /** Every matching row, materialized (for small lists; use {@link #query} for large ones). */
    List<Entry> list(Query query);

    /** One row by id, relations included (Zou's single GET). @throws ZouException 400 malformed id, 404, 403 */
    Entry get(String id);

    /** One row by id with options such as {@code relations=false}. */
    Entry get(String id, Query options);

    /** Creates a row from JSON values; answers it as a single GET would. */
    Entry create(Map<String, ?> body);

    /** Partially updates a row (protected and unknown keys are ignored, as Zou does); answers it without relations. */
    Entry update(String id, Map<String, ?> body);

    /** Deletes a row; fails with 400 when other rows still reference it. */
    void delete(String id);

    /** Deletes a row; {@code force} cascades where Zou's {@code ?force=true} does. */
    void delete(String id, boolean force);
}
