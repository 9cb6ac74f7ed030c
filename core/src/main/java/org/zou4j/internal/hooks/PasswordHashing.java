package org.zou4j.internal.hooks;

/**
 * Hook point for the auth module: turns a clear password sent in a {@code POST /data/persons} body into the stored
 * hash (Zou: bcrypt of at most 72 bytes). Until one is configured ({@link HookSettings#passwordHashing()}), a
 * {@code password} key in a person POST is refused with a 400, never stored as sent.
 */
@FunctionalInterface
public interface PasswordHashing {

    /**
     * The hash to store for {@code password}.
     *
     * @throws org.zou4j.ZouException a 400 when the password is refused (e.g. a policy violation)
     */
    String hash(String password);
}
