package org.zou4j;

/**
 * A caller of the engine: every operation runs with this caller's rights, in-process exactly as over HTTP. Sessions
 * are cheap, immutable and thread-safe.
 */
public interface Session {

    /** The person behind this session, or {@code null} for the engine's system session. */
    String personId();

    /** The caller's global role code ({@code admin}, {@code manager}, {@code supervisor}, {@code user}, ...). */
    String role();

    /**
     * The rows of the model served at {@code /data/<route>} (e.g. {@code "tasks"}, {@code "task-status"}).
     *
     * @throws ZouException {@link ErrorCode#NOT_FOUND} for an unknown route
     */
    DataSet data(String route);

    /** Zou's production routes beyond generic CRUD, with this caller's rights. */
    Production production();
}
