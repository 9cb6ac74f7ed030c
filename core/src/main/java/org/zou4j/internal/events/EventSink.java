package org.zou4j.internal.events;

import java.util.List;

/** Receives the events of a transaction once it has committed, in commit order. */
public interface EventSink {
    EventSink NONE = events -> {
    };

    void committed(List<EventRecord> events);
}
