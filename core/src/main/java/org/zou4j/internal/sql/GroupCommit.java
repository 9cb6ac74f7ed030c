package org.zou4j.internal.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jooq.exception.DataAccessException;

/**
 * Short write transactions that arrive together share one database commit.
 *
 * <p>Why: on an embedded H2 file database every commit stores a new chunk holding every B-tree page the commit changed
 * (the table's leaf of up to 48 rows, a leaf of each of its indexes, the event log's), and that serialization is most
 * of a small write's CPU. Concurrent writers of one table change the same pages (the table's last leaf, the leaves of
 * the project or entity they share), so storing them once per group instead of once per writer divides that cost by
 * the group's size.
 *
 * <p>How (leader and followers, no extra thread): a caller queues its work; if no group is running it becomes the
 * leader, takes everything queued (its own work first among them) and runs each unit of work, in order, on one
 * connection inside a savepoint of one transaction, then commits once. A unit that fails is rolled back to its
 * savepoint and only its caller sees the error; the others still commit. The tables written are reported before
 * anyone is woken, so no caller can answer before the caches derived from those tables are invalidated; each caller
 * then runs its own after-commit work on its own thread. Callers that arrive meanwhile wait for the next group, led
 * by one of them.
 *
 * <p>Every unit still sees exactly what a transaction of its own would (those before it in the group are committed
 * or rolled back to their savepoints before it starts), so grouping is invisible to the work. A unit that fails with
 * a retryable error (a lock held by a transaction outside the group, a deadlock) is run again alone, through
 * {@link Database#inTransaction}; so are the units of a group whose savepoint could not be rolled back (nothing of
 * that group was committed). If the commit itself fails, every unit of the group fails with that error: none was
 * acknowledged.
 */
final class GroupCommit {
    /** The most units in one group: bounds the latency a unit can add to the others. */
    static final int MAX_GROUP = 32;

    private final Database db;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition groupDone = lock.newCondition();
    private final ArrayDeque<Unit<?>> queue = new ArrayDeque<>();
    private boolean leading;
    /** Set on the leader's thread while it runs a group: a nested short transaction then runs on its own. */
    private final ThreadLocal<Boolean> runningGroup = new ThreadLocal<>();

    GroupCommit(Database db) {
        this.db = db;
    }

    /** Whether this thread is running a group (so a short transaction started now must not wait for one). */
    boolean runningGroupHere() {
        return runningGroup.get() != null;
    }

    /** How many units wait for a group (for tests). */
    int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    <T> T run(Database.TxWork<T> work) {
        Unit<T> unit = new Unit<>(work);
        lock.lock();
        try {
            queue.add(unit);
            while (!unit.finished) {
                if (leading) {
                    groupDone.awaitUninterruptibly();
                    continue;
                }
                leading = true;
                List<Unit<?>> group = new ArrayList<>(Math.min(queue.size(), MAX_GROUP));
                while (!queue.isEmpty() && group.size() < MAX_GROUP) {
                    group.add(queue.poll());
                }
                lock.unlock();
                try {
                    execute(group);
                } finally {
                    lock.lock();
                    for (Unit<?> u : group) {
                        u.finished = true;
                    }
                    leading = false;
                    groupDone.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        return unit.outcome(db);
    }

    private void execute(List<Unit<?>> group) {
        Database.ReadCapture capture = db.suspendCapture();
        runningGroup.set(Boolean.TRUE);
        try (Connection c = db.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                runAll(c, group);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (Throwable e) {
            // no connection, or it broke: the units not committed fail with it (a failed commit is handled in runAll)
            for (Unit<?> u : group) {
                if (u.failure == null && !u.committed && !u.retryAlone) {
                    u.failure = e;
                }
            }
        } finally {
            runningGroup.remove();
            db.resumeCapture(capture);
        }
    }

    private void runAll(Connection c, List<Unit<?>> group) throws SQLException {
        List<Unit<?>> done = new ArrayList<>(group.size());
        boolean alone = group.size() == 1;
        for (Unit<?> u : group) {
            // a unit alone needs no savepoint: the whole transaction is its own
            Savepoint savepoint = alone ? null : c.setSavepoint();
            Tx tx = new Tx(db, c);
            try {
                u.runIn(tx);
                tx.beforeCommit();
                done.add(u);
            } catch (Throwable t) {
                u.failure = t;
                u.retryAlone = isRetryable(t);
                try {
                    if (alone) {
                        c.rollback();
                    } else {
                        c.rollback(savepoint);
                    }
                } catch (SQLException broken) {
                    // the group's transaction is unusable: nothing of it will be committed, so its other units
                    // can safely run again, each on its own
                    Database.rollbackQuietly(c);
                    for (Unit<?> d : done) {
                        d.retryAlone = true;
                    }
                    for (Unit<?> rest : group.subList(group.indexOf(u) + 1, group.size())) {
                        rest.retryAlone = true;
                    }
                    return;
                }
            }
        }
        if (done.isEmpty()) {
            c.rollback();
            return;
        }
        try {
            c.commit();
        } catch (SQLException e) {
            Database.rollbackQuietly(c);
            for (Unit<?> d : done) {
                d.failure = e;
            }
            return;
        }
        for (Unit<?> d : done) {
            d.committed = true;
            db.written(d.tx);
        }
    }

    private static boolean isRetryable(Throwable t) {
        SQLException sql = t instanceof SQLException s ? s
                : t instanceof DataAccessException d ? d.getCause(SQLException.class) : null;
        return sql != null && DbErrors.isRetryable(sql);
    }

    /** One caller's unit of work and what became of it. Fields are read by the caller after the group's lock. */
    private static final class Unit<T> {
        final Database.TxWork<T> work;
        Tx tx;
        T result;
        Throwable failure;
        boolean retryAlone;
        boolean committed;
        boolean finished;

        Unit(Database.TxWork<T> work) {
            this.work = work;
        }

        void runIn(Tx tx) throws SQLException {
            this.tx = tx;
            this.result = work.run(tx);
        }

        T outcome(Database db) {
            if (retryAlone) {
                return db.inTransaction(work);
            }
            if (!committed) {
                throw Database.asFailure(failure != null ? failure
                        : new IllegalStateException("The shared commit of this write failed"));
            }
            tx.afterCommit();
            return result;
        }
    }
}
