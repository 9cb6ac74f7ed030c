package org.zou4j.internal.access;

import java.util.Map;
import java.util.Set;
import org.zou4j.internal.model.ModelDef;

/**
 * The permission policy of each model (reference zou-data-model.md §6.2). Models not listed are admin-only, Zou's
 * default.
 */
public final class Policies {
    private Policies() {
    }

    /** Read by anyone authenticated, written by admins (reference §6.2 "any / admin" rows). */
    private static final Set<String> READ_ALL = Set.of("project_status", "entity_type", "task_type", "task_status",
            "department", "file_status", "software", "output_type", "preview_background_file", "studio");

    private static final Map<String, AccessPolicy> SPECIFIC = Map.of();

    /** The policy of {@code def}. */
    public static AccessPolicy forModel(ModelDef def) {
        AccessPolicy p = SPECIFIC.get(def.table());
        if (p != null) {
            return p;
        }
        return READ_ALL.contains(def.table()) ? AccessPolicy.READ_ALL_WRITE_ADMIN : AccessPolicy.ADMIN_ONLY;
    }
}
