package org.zou4j.internal.events;

import java.util.List;

/**
 * Receives the events of a transaction once it has committed, on the committing thread (so it must return quickly).
 * Calls from concurrent transactions may arrive out of sequence order; readers that need order use the sequences.
 */
public interface EventSink {
    EventSink NONE = events -> {
    };

    void committed(List<EventRecord> events);
}
