package org.zou4j.internal.hooks;

/**
 * Engine settings the model hooks read.
 *
 * @param userLimit       Zou's {@code USER_LIMIT}: the most active, non-bot, non-guest persons allowed
 * @param passwordHashing hashes passwords sent to {@code POST /data/persons}; {@code null} refuses them
 */
public record HookSettings(int userLimit, PasswordHashing passwordHashing) {
    /** Zou's default user limit. */
    public static final int DEFAULT_USER_LIMIT = 100;

    public HookSettings {
        if (userLimit < 0) {
            throw new IllegalArgumentException("userLimit must be >= 0, got " + userLimit);
        }
    }

    /** Zou's defaults: 100 users, no password hashing wired yet. */
    public static HookSettings defaults() {
        return new HookSettings(DEFAULT_USER_LIMIT, null);
    }

    public HookSettings withUserLimit(int limit) {
        return new HookSettings(limit, passwordHashing);
    }

    public HookSettings withPasswordHashing(PasswordHashing hashing) {
        return new HookSettings(userLimit, hashing);
    }
}
