package org.zou4j.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zou4j.Entry;
import org.zou4j.ListResult;
import org.zou4j.Query;

/**
 * An unpaginated list of 100,000 rows streams from the database with bounded memory on every backend: the heap
 * held while reading it stays a small fraction of what the rows take once materialized. (PostgreSQL streams only
 * with auto-commit off and a fetch size; H2 must not buffer the whole result either.)
 */
public abstract class StreamingContract extends ContractBase {
    private static final int ROWS = 100_000;
    private static final String URL = "https://example.com/stream/" + "x".repeat(360);

    @BeforeAll
    void fill() throws SQLException {
        long start = System.nanoTime();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        try (Connection c = storage.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO custom_action (id, created_at, updated_at,"
                    + " name, url, entity_type, is_ajax) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, now);
                    ps.setObject(3, now);
                    ps.setString(4, "Action " + i);
                    ps.setString(5, URL + i);
                    ps.setString(6, "all");
                    ps.setBoolean(7, i % 2 == 0);
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        }
        System.out.printf("%s: inserted %,d rows in %d ms%n", storage.description(), ROWS,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aHundredThousandRowListStreamsWithBoundedHeap() {
        long perRow = materializedBytesPerRow();
        long baseline = usedHeapAfterGc();
        long peak = 0;
        int count = 0;
        try (ListResult result = admin.data("custom-actions").query(Query.all())) {
            assertThat(result.isPage()).isFalse();
            Iterator<Entry> rows = result.iterator();
            while (rows.hasNext()) {
                Entry e = rows.next();
                if (count == 0) {
                    assertThat(e.getString("url")).startsWith(URL);
                }
                count++;
                if (count % 20_000 == 0) {
                    peak = Math.max(peak, usedHeapAfterGc() - baseline);
                }
            }
        }
        long whole = perRow * ROWS;
        System.out.printf("%s: streamed %,d rows; heap held while streaming %,d KB; the rows materialized would take"
                + " ~%,d KB (%,d bytes/row)%n", storage.description(), count, peak / 1024, whole / 1024, perRow);
        assertThat(count).isEqualTo(ROWS);
        assertThat(peak).as("heap held while streaming vs. %,d bytes for the whole list", whole)
                .isLessThan(whole / 5);
    }

    @Test
    void writingTheListAsJsonStreamsToo() {
        long perRow = materializedBytesPerRow();
        long baseline = usedHeapAfterGc();
        CountingSink sink = new CountingSink(baseline);
        admin.data("custom-actions").query(Query.all()).writeJson(sink);
        long whole = perRow * ROWS;
        System.out.printf("%s: wrote %,d bytes of JSON; heap held while writing %,d KB%n", storage.description(),
                sink.bytes, sink.peak / 1024);
        assertThat(sink.bytes).isGreaterThan((long) ROWS * URL.length());
        assertThat(sink.peak).isLessThan(whole / 5);
    }

    /** Heap taken per row by a materialized list of 10,000 rows. */
    private long materializedBytesPerRow() {
        long before = usedHeapAfterGc();
        List<Entry> held = new ArrayList<>();
        try (ListResult result = admin.data("custom-actions").query(Query.all())) {
            for (Entry e : result) {
                held.add(e);
                if (held.size() == 10_000) {
                    break;
                }
            }
        }
        long after = usedHeapAfterGc();
        assertThat(held).hasSize(10_000);
        return Math.max(1, (after - before) / held.size());
    }

    static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Discards the bytes written, sampling the heap every few megabytes. */
    private static final class CountingSink extends OutputStream {
        private final long baseline;
        private long bytes;
        private long nextSample = 4 << 20;
        private long peak;

        CountingSink(long baseline) {
            this.baseline = baseline;
        }

        @Override
        public void write(int b) {
            count(1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count(len);
        }

        private void count(int n) {
            bytes += n;
            if (bytes >= nextSample) {
                nextSample += 8 << 20;
                peak = Math.max(peak, usedHeapAfterGc() - baseline);
            }
        }
    }
}
