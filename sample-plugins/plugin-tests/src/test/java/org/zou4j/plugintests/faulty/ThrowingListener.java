package org.zou4j.plugintests.faulty;

import java.util.Set;
import org.zou4j.plugin.ZouEvent;
import org.zou4j.plugin.ZouEventListener;

/** A listener that fails on every event it gets. */
public class ThrowingListener implements ZouEventListener {

    @Override
    public Set<String> events() {
        return Set.of("project:*");
    }

    @Override
    public void onEvent(ZouEvent event) {
        throw new IllegalStateException("listener failure on " + event.name());
    }
}
