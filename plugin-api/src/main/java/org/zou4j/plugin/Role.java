package org.zou4j.plugin;

import java.util.Locale;

/**
 * Zou's global roles, lowest first. An action requiring a role may be run by that role and every role after it in this
 * order ({@code VENDOR < CLIENT < USER < SUPERVISOR < MANAGER < ADMIN}).
 */
public enum Role {
    VENDOR("vendor"), CLIENT("client"), USER("user"), SUPERVISOR("supervisor"), MANAGER("manager"), ADMIN("admin");

    private final String code;

    Role(String code) {
        this.code = code;
    }

    /** Zou's code of the role ({@code person.role}), e.g. {@code manager}. */
    public String code() {
        return code;
    }

    /** Whether this role may do what {@code required} may. */
    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    /**
     * The role of a Zou code.
     *
     * @throws IllegalArgumentException for an unknown code
     */
    public static Role ofCode(String code) {
        for (Role r : values()) {
            if (r.code.equals(code == null ? null : code.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("Unknown role: " + code);
    }
}
