package org.zou4j.storage.postgres;

/**
 * The PostgreSQL server could not be reached or refused the connection when the storage was opened. The message
 * names the server ({@code host:port/database}) and the user, never the password.
 */
public final class PostgresConnectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sqlState;

    PostgresConnectionException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The SQLState the driver reported (e.g. {@code 08001} unreachable, {@code 28P01} bad password), or null. */
    public String sqlState() {
        return sqlState;
    }
}
