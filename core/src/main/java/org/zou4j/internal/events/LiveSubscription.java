package org.zou4j.internal.events;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.events.Event;
import org.zou4j.events.EventListener;
import org.zou4j.events.EventSettings;
import org.zou4j.events.Subscription;

/**
 * One listener with its own bounded queue and delivery thread.
 *
 * <p>Two modes. <b>Live</b>: the poller puts matching events in the queue; the thread delivers them. <b>Catching
 * up</b> (at start, and after the queue overflowed): the poller leaves the queue alone and the thread reads the
 * persisted log above its own position. To go live again without losing or repeating an event, the thread notes the
 * end of the last batch the poller dispatched ({@code seenHead}) before each read; a read that returns less than a
 * full page has seen every event up to that end (they were committed before the poller read them); if the poller
 * dispatched nothing since, the subscription goes live, and any later batch starts above that end. Events at or
 * below the position are never delivered twice.
 */
final class LiveSubscription implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSubscription.class);
    static final int CATCH_UP_BATCH = 500;
    private static final long IDLE_POLL_MS = 50;

    private final EventHub hub;
    private final EventStore store;
    private final EventSettings settings;
    private final EventPattern pattern;
    private final EventListener listener;
    private final String durableName;
    private final ArrayBlockingQueue<Event> queue;

    private final Object lock = new Object();
    private boolean live; // guarded by lock
    private long seenHead = -1; // guarded by lock: end of the last batch the poller offered

    private volatile long position;
    private long savedPosition; // delivery thread only
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong overflows = new AtomicLong();
    private volatile Throwable lastError;
    private volatile Event lastFailedEvent;

    private volatile boolean stopping;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile Thread thread;

    LiveSubscription(EventHub hub, EventStore store, EventSettings settings, EventPattern pattern,
                     EventListener listener, String durableName) {
        this.hub = hub;
        this.store = store;
        this.settings = settings;
        this.pattern = pattern;
        this.listener = listener;
        this.durableName = durableName;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    void start(long from) {
        position = from;
        savedPosition = from;
        Thread t = new Thread(this::run, "zou4j-events-" + (durableName != null ? durableName : pattern.text()));
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    // ---- called by the poller ---------------------------------------------------------------------------------

    /** A batch the poller read, ending at sequence {@code end}. Never blocks: a full queue switches to catching up. */
    void offer(List<Event> batch, long end) {
        synchronized (lock) {
            if (live) {
                for (Event e : batch) {
                    if (pattern.matches(e.name()) && !queue.offer(e)) {
                        live = false;
                        overflows.incrementAndGet();
                        LOG.debug("Event queue of {} is full; it reads the event log instead", this);
                        break;
                    }
                }
            }
            if (end > seenHead) {
                seenHead = end;
            }
        }
    }

    /** The poller follows the log from {@code end} without dispatching what lies below: catch up from the log. */
    void skipTo(long end) {
        synchronized (lock) {
            live = false;
            seenHead = end;
        }
    }

    // ---- delivery thread --------------------------------------------------------------------------------------

    private void run() {
        try {
            catchUp();
            while (!stopping) {
                Event e = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                if (e == null) {
                    boolean isLive;
                    synchronized (lock) {
                        isLive = live;
                    }
                    if (!isLive) {
                        catchUp();
                    } else {
                        savePosition();
                    }
                    continue;
                }
                if (e.sequence() > position) {
                    handle(e);
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException | Error e) {
            LOG.error("Event delivery of {} stopped by an unexpected failure", this, e);
            stopping = true;
            throw e;
        } finally {
            savePosition();
            hub.removed(this);
        }
    }

    private void catchUp() throws InterruptedException {
        while (!stopping) {
            long h;
            synchronized (lock) {
                h = seenHead;
            }
            List<Event> events;
            try {
                events = store.readAfter(position, CATCH_UP_BATCH);
            } catch (SQLException | RuntimeException e) {
                if (!stopping) {
                    LOG.warn("{} cannot read the event log ({}); retrying in 1 s", this, e.toString());
                }
                if (stopSignal.await(1, TimeUnit.SECONDS)) {
                    return;
                }
                continue;
            }
            for (Event e : events) {
                if (stopping) {
                    return;
                }
                if (pattern.matches(e.name())) {
                    handle(e);
                } else {
                    position = e.sequence();
                }
            }
            if (stopping || events.size() == CATCH_UP_BATCH) {
                continue;
            }
            synchronized (lock) {
                if (seenHead == h) {
                    live = true;
                    if (h > position) {
                        position = h; // nothing matching lies at or below h any more
                    }
                    return;
                }
            }
        }
    }

    /** Delivers one event, retrying with backoff, then reports and skips it. Returns early (unprocessed) on close. */
    private void handle(Event e) throws InterruptedException {
        long backoff = settings.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                listener.onEvent(e);
                delivered.incrementAndGet();
                break;
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                if (attempt >= settings.maxAttempts()) {
                    failures.incrementAndGet();
                    lastError = t;
                    lastFailedEvent = e;
                    LOG.warn("Event listener {} failed {} time(s) on event #{} {}; the event is skipped for it",
                            this, attempt, e.sequence(), e.name(), t);
                    break;
                }
                LOG.debug("Event listener {} failed on event #{} (attempt {}); retrying in {} ms", this,
                        e.sequence(), attempt, backoff, t);
                if (stopSignal.await(backoff, TimeUnit.MILLISECONDS)) {
                    return; // closing: the event stays unprocessed (a durable listener gets it again)
                }
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
        position = e.sequence();
        if (durableName != null) {
            savePosition();
        }
    }

    private void savePosition() {
        long p = position;
        if (durableName == null || p == savedPosition) {
            return;
        }
        try {
            store.saveCursor(durableName, p);
            savedPosition = p;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{} could not persist its position {} ({}); events after the persisted one may be delivered "
                    + "again after a restart", this, p, e.toString());
        }
    }

    // ---- stopping ---------------------------------------------------------------------------------------------

    void signalStop() {
        stopping = true;
        stopSignal.countDown();
        hub.removed(this);
    }

    void awaitStopped() {
        Thread t = thread;
        try {
            if (t != null && t != Thread.currentThread()) {
                t.join(settings.closeTimeout().toMillis());
                if (t.isAlive()) {
                    LOG.warn("Event listener {} is still handling an event after {}; interrupting it", this,
                            settings.closeTimeout());
                    t.interrupt();
                    t.join(1_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            hub.releaseName(durableName);
        }
    }

    // ---- Subscription -----------------------------------------------------------------------------------------

    @Override
    public void close() {
        signalStop();
        awaitStopped();
    }

    @Override
    public String pattern() {
        return pattern.text();
    }

    @Override
    public Optional<String> durableName() {
        return Optional.ofNullable(durableName);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public long deliveredCount() {
        return delivered.get();
    }

    @Override
    public long failureCount() {
        return failures.get();
    }

    @Override
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public Optional<Event> lastFailedEvent() {
        return Optional.ofNullable(lastFailedEvent);
    }

    @Override
    public boolean isOpen() {
        return !stopping;
    }

    /** Whether the poller currently queues events for this subscription (false while it reads the log itself). */
    boolean isLive() {
        synchronized (lock) {
            return live;
        }
    }

    /** How many times the queue overflowed and the subscription fell back to reading the log. */
    long overflowCount() {
        return overflows.get();
    }

    @Override
    public String toString() {
        return "Subscription[" + (durableName != null ? durableName + " " : "") + pattern.text() + "]";
    }
}
