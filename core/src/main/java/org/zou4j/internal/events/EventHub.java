package org.zou4j.internal.events;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.ErrorCode;
import org.zou4j.ZouException;
import org.zou4j.events.Event;
import org.zou4j.events.EventListener;
import org.zou4j.events.EventSettings;
import org.zou4j.events.Subscription;
import org.zou4j.internal.sql.Database;

/**
 * Delivers committed events to an engine's subscriptions, in sequence (= commit) order.
 *
 * <p>One code path for local and remote events: a single poller thread per engine reads the persisted log by sequence
 * ({@code seq > head ORDER BY seq}), every {@link EventSettings#pollInterval()} and at once when a local transaction
 * with events commits, and offers each batch to every subscription. Each subscription has its own bounded queue and its
 * own delivery thread, so a slow or failing listener delays only itself, and never a writer: writers only wake the
 * poller.
 *
 * <p>A subscription that is not "live" (just started, resuming a durable position, or whose queue overflowed) reads
 * the log itself from its own position until it has caught up with what the poller dispatched, then goes live again;
 * see {@link LiveSubscription}. Sequences follow commit order and an event with a higher sequence is never visible
 * before one with a lower sequence, so reading "above my position" never skips a later-committing event.
 */
final class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    static final int BATCH = 500;

    private final EventStore store;
    private final EventSettings settings;
    private final List<LiveSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Set<String> durableNames = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile Thread poller; // set under this
    private volatile boolean closed;
    private long head = -1; // poller thread only: the last sequence dispatched, -1 when unknown

    EventHub(EventStore store, EventSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    EventStore store() {
        return store;
    }

    /** A local transaction with events committed: read the log now rather than at the next interval. */
    void committed() {
        if (!subscriptions.isEmpty()) {
            wake();
        }
    }

    /** {@code after} >= 0: start after that sequence (capped at the log's end); -1: the durable cursor or the end. */
    Subscription subscribe(String pattern, EventListener listener, String durableName, long after) {
        EventPattern p = EventPattern.parse(pattern);
        Objects.requireNonNull(listener, "listener");
        if (durableName != null) {
            if (durableName.isBlank() || durableName.length() > 200) {
                throw new IllegalArgumentException("A durable listener name has 1 to 200 characters, not blank; was '"
                        + durableName + "'.");
            }
            if (!durableNames.add(durableName)) {
                throw new IllegalStateException("A durable subscription named '" + durableName + "' is already open "
                        + "on this engine; close it first, or use another name.");
            }
        }
        LiveSubscription s = new LiveSubscription(this, store, settings, p, listener, durableName);
        try {
            synchronized (this) {
                if (closed) {
                    throw new ZouException(ErrorCode.UNAVAILABLE, "The engine is closed.");
                }
                // Registered before its start position is read: every event above that position is either read by
                // the subscription itself or dispatched to it by the poller.
                subscriptions.add(s);
                startPoller();
            }
            long now = store.committedSequence();
            s.start(durableName != null ? store.loadOrCreateCursor(durableName, now) : after >= 0 ? Math.min(after, now) : now);
        } catch (SQLException e) {
            subscriptions.remove(s);
            releaseName(durableName);
            throw Database.translate(e);
        } catch (RuntimeException e) {
            subscriptions.remove(s);
            releaseName(durableName);
            throw e;
        }
        wake();
        return s;
    }

    void removed(LiveSubscription s) {
        subscriptions.remove(s);
    }

    void releaseName(String durableName) {
        if (durableName != null) {
            durableNames.remove(durableName);
        }
    }

    private void startPoller() {
        if (poller == null) {
            Thread t = new Thread(this::pollLoop, "zou4j-events-poller");
            t.setDaemon(true);
            poller = t;
            t.start();
        }
    }

    /** Cheap for writers: one failed compare-and-set while a wake-up is already pending. */
    private void wake() {
        if (wakeRequested.compareAndSet(false, true)) {
            Thread p = poller;
            if (p != null) {
                LockSupport.unpark(p);
            }
        }
    }

    private void pollLoop() {
        long failureWait = 0;
        while (!closed) {
            if (!wakeRequested.getAndSet(false)) {
                // an unpark between the check and the park makes the park return at once
                LockSupport.parkNanos(this, (failureWait > 0 ? failureWait : settings.pollInterval().toMillis())
                        * 1_000_000L);
                wakeRequested.set(false); // the poll below sees every commit that asked for a wake-up so far
            }
            if (closed || Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                pollOnce();
                failureWait = 0;
            } catch (SQLException | RuntimeException e) {
                failureWait = Math.min(Math.max(failureWait * 2, 100), 5_000);
                if (!closed) {
                    LOG.warn("Reading the event log failed ({}); retrying in {} ms", e.toString(), failureWait);
                }
            }
        }
    }

    /** Reads what was committed since the last batch and offers it to every subscription. */
    private void pollOnce() throws SQLException {
        if (subscriptions.isEmpty()) {
            head = -1; // nobody to deliver to: no need to follow the log
            return;
        }
        if (head < 0) {
            // (Re)start following the log at its current end; subscriptions catch up on their own from there.
            long end = store.committedSequence();
            for (LiveSubscription s : subscriptions) {
                s.skipTo(end);
            }
            head = end;
        }
        while (!closed) {
            List<Event> batch = store.readAfter(head, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            long end = batch.get(batch.size() - 1).sequence();
            // The subscription list is read after the batch: a subscription registered later has a start position
            // at or above every event of this batch.
            for (LiveSubscription s : subscriptions) {
                s.offer(batch, end);
            }
            head = end;
            if (batch.size() < BATCH) {
                return;
            }
        }
    }

    /** Stops the poller and every subscription (durable ones persist their position). */
    @Override
    public void close() {
        Thread p;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            p = poller;
        }
        if (p != null) {
            LockSupport.unpark(p);
        }
        List<LiveSubscription> subs = new ArrayList<>(subscriptions);
        for (LiveSubscription s : subs) {
            s.signalStop();
        }
        for (LiveSubscription s : subs) {
            s.awaitStopped();
        }
        if (p != null) {
            try {
                p.join(settings.closeTimeout().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
