package org.zou4j.plugintests.faulty;

import org.zou4j.plugin.ActionContext;
import org.zou4j.plugin.ActionResult;
import org.zou4j.plugin.CustomAction;
import org.zou4j.plugin.PluginEnvironment;

/** An action whose initialization fails. */
public class FailingInitAction implements CustomAction {
    @Override
    public void init(PluginEnvironment environment) {
        throw new IllegalArgumentException("missing setting 'token'");
    }

    @Override
    public String id() {
        return "never";
    }

    @Override
    public String label() {
        return "Never";
    }

    @Override
    public ActionResult execute(ActionContext context) {
        return ActionResult.message("unreachable");
    }
}
