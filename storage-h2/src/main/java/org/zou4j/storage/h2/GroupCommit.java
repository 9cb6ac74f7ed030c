package org.zou4j.storage.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Group commit for a file database: the transactions that committed while another thread was writing the store are
 * made durable together by the next single store write, instead of one store write (a new chunk of every changed page)
 * each.
 *
 * <p>H2's own per-commit write ({@code WRITE_DELAY=0}) serializes all writers on the store lock, and each of them
 * writes again whatever the others changed meanwhile. Here H2 is opened with a write delay (so it no longer writes on
 * each commit) and every committing connection calls {@link #durable}, which returns only once a store write that
 * started after that connection's commit has finished: no commit is acknowledged before it is in the file, exactly as
 * with {@code WRITE_DELAY=0}, and what differs is that one write covers every commit that queued behind the previous
 * one. H2's write is to the operating system (no fsync), as before: a {@code kill -9} of the process loses nothing.
 */
final class GroupCommit {
    /** Tickets handed out to commits that finished in memory (increasing). */
    private final AtomicLong committed = new AtomicLong();
    /** Every ticket up to this one is in the file. Written under {@link #lock}. */
    private volatile long durableUpTo;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong storeWrites = new AtomicLong();

    /**
     * Makes every transaction {@code c}'s session committed so far durable (the caller's commit has returned). Blocks
     * until the store write covering it has finished; one thread writes while the others that committed before that
     * write started wait for it and return without writing.
     */
    void durable(Connection c) throws SQLException {
        long ticket = committed.incrementAndGet(); // taken after the commit: the next write started covers it
        if (durableUpTo >= ticket) {
            return;
        }
        lock.lock();
        try {
            if (durableUpTo >= ticket) {
                return; // a write that started after our commit has finished meanwhile
            }
            // every ticket up to here belongs to a commit already done in memory: the write below includes it
            long upTo = committed.get();
            MVStore store = store(c);
            if (store != null && !store.isClosed()) {
                store.commit(); // synchronous: the chunk is written when this returns
                storeWrites.incrementAndGet();
            }
            durableUpTo = upTo;
        } finally {
            lock.unlock();
        }
    }

    /** How many store writes group commits made (for tests and diagnostics). */
    long storeWrites() {
        return storeWrites.get();
    }

    private static MVStore store(Connection c) throws SQLException {
        JdbcConnection h2 = c.unwrap(JdbcConnection.class);
        if (h2.getSession() instanceof SessionLocal session && session.getDatabase().getStore() != null) {
            return session.getDatabase().getStore().getMvStore();
        }
        return null;
    }
}
