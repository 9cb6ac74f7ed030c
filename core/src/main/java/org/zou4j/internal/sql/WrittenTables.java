package org.zou4j.internal.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table a hand-written write statement ({@code INSERT INTO t}, {@code UPDATE t}, {@code DELETE FROM t}) writes,
 * for the writers outside {@link Tx} that report their writes ({@link Database#tablesWritten}). A statement it cannot
 * read reports {@link #ALL}.
 */
public final class WrittenTables {
    /** Reported for a write whose tables are not known: listeners drop everything derived from any table. */
    public static final String ALL = "*";

    private static final Pattern WRITE = Pattern.compile(
            "^\\s*(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|MERGE\\s+INTO)\\s+\"?([A-Za-z_][A-Za-z0-9_]*)\"?[\\s(]",
            Pattern.CASE_INSENSITIVE);

    private WrittenTables() {
    }

    /** The table {@code sql} writes, or {@link #ALL}. */
    public static Set<String> of(String sql) {
        Matcher m = WRITE.matcher(sql);
        return m.find() ? Set.of(m.group(1).toLowerCase(Locale.ROOT)) : Set.of(ALL);
    }
}
