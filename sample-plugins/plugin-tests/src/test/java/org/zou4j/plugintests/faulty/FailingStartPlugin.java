package org.zou4j.plugintests.faulty;

import org.pf4j.Plugin;

/** A PF4J plugin class whose start fails. */
public class FailingStartPlugin extends Plugin {
    @Override
    public void start() {
        throw new IllegalStateException("cannot reach the license server");
    }
}
