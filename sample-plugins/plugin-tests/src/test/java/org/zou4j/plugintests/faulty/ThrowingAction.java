package org.zou4j.plugintests.faulty;

import org.zou4j.plugin.ActionContext;
import org.zou4j.plugin.ActionResult;
import org.zou4j.plugin.CustomAction;
import org.zou4j.plugin.Role;

/** An action that always fails (packaged into a test plugin jar; deliberately not annotated, see TestJars). */
public class ThrowingAction implements CustomAction {
    @Override
    public String id() {
        return "explode";
    }

    @Override
    public String label() {
        return "Explode";
    }

    @Override
    public Role requiredRole() {
        return Role.USER;
    }

    @Override
    public ActionResult execute(ActionContext context) {
        if ("linkage".equals(context.inputString("kind"))) {
            throw new NoClassDefFoundError("com/example/Missing");
        }
        throw new IllegalStateException("boom: internal detail the caller must not see");
    }
}
