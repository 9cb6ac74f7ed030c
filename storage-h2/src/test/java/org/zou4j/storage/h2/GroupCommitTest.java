package org.zou4j.storage.h2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit through a file database's pool returns only once it is in the database file: a copy of the file taken
 * right after the commit returned (what a {@code kill -9} leaves) holds it, whichever way the commit was made. And
 * concurrent commits share store writes.
 */
class GroupCommitTest {

    @Test
    void everyWayOfCommittingIsInTheFileWhenItReturns(@TempDir Path dir) throws Exception {
        try (H2Storage storage = H2Storage.file(dir.resolve("db"))) {
            DataSource ds = storage.dataSource();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            }
            // auto-commit, prepared
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                ps.setInt(1, 1);
                ps.setString(2, "auto");
                ps.executeUpdate();
            }
            assertThat(valuesInCopy(dir, "copy1")).containsExactly("auto");
            // explicit transaction, commit()
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO t VALUES (2, 'commit')");
                }
                c.commit();
                assertThat(valuesInCopy(dir, "copy2")).containsExactly("auto", "commit");
                // a transaction ended by going back to auto-commit
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO t VALUES (3, 'set-auto')");
                }
                c.setAutoCommit(true);
            }
            assertThat(valuesInCopy(dir, "copy3")).containsExactly("auto", "commit", "set-auto");
            // a query that writes (the event counter's FINAL TABLE form), in auto-commit mode
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM FINAL TABLE (UPDATE t SET v = 'final' WHERE id = 1)")) {
                assertThat(rs.next()).isTrue();
            }
            assertThat(valuesInCopy(dir, "copy4")).containsExactly("final", "commit", "set-auto");
            // a batch
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                ps.setInt(1, 4);
                ps.setString(2, "batch");
                ps.addBatch();
                ps.executeBatch();
            }
            assertThat(valuesInCopy(dir, "copy5")).containsExactly("final", "commit", "set-auto", "batch");
            // a rolled-back transaction is not written
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("INSERT INTO t VALUES (5, 'rolled back')");
                }
                c.rollback();
                c.setAutoCommit(true);
            }
            assertThat(valuesInCopy(dir, "copy6")).containsExactly("final", "commit", "set-auto", "batch");
        }
    }

    @Test
    void concurrentCommitsShareStoreWritesAndAreAllInTheFile(@TempDir Path dir) throws Exception {
        int threads = 8;
        int perThread = 150;
        GroupCommit groupCommit;
        try (H2Storage storage = H2Storage.file(dir.resolve("db"))) {
            DataSource ds = storage.dataSource();
            groupCommit = ((GroupCommitDataSource) ds).groupCommit();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(20))");
            }
            long writesBefore = groupCommit.storeWrites();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t * perThread;
                    done.add(pool.submit(() -> {
                        for (int i = first; i < first + perThread; i++) {
                            try (Connection c = ds.getConnection()) {
                                c.setAutoCommit(false);
                                try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                                    ps.setInt(1, i);
                                    ps.setString(2, "r" + i);
                                    ps.executeUpdate();
                                }
                                c.commit();
                                c.setAutoCommit(true);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            long writes = groupCommit.storeWrites() - writesBefore;
            assertThat(valuesInCopy(dir, "copy")).hasSize(threads * perThread);
            System.out.printf("%d commits, %d store writes%n", threads * perThread, writes);
            assertThat(writes).as("store writes for %d concurrent commits", threads * perThread)
                    .isPositive().isLessThan(threads * perThread);
        }
    }

    /** The values of table t in a copy of the database file as it is now (opened as after a crash). */
    private static List<String> valuesInCopy(Path dir, String name) throws Exception {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        Files.copy(dir.resolve("db").resolve("zou4j.mv.db"), copy.resolve("zou4j.mv.db"));
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + copy.resolve("zou4j").toAbsolutePath()
                + ";DATABASE_TO_LOWER=TRUE",
                "sa", ""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY id")) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError("the copy does not open: " + e.getMessage(), e);
        }
        return values;
    }
}
