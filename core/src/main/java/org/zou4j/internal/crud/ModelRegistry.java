package org.zou4j.internal.crud;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.zou4j.ZouException;
import org.zou4j.internal.access.AccessPolicy;
import org.zou4j.internal.model.ModelDef;
import org.zou4j.internal.schema.Schema;

/** Every declared model bound to the migrated schema; built once per engine. */
public final class ModelRegistry {
    private final Map<String, BoundModel> byTable = new LinkedHashMap<>();
    private final Map<String, BoundModel> byRoute = new LinkedHashMap<>();

    public ModelRegistry(Collection<ModelDef> defs, Schema schema, Function<ModelDef, AccessPolicy> policies,
                         Function<ModelDef, ModelHooks> hooks) {
        for (ModelDef def : defs) {
            BoundModel m = new BoundModel(def, schema.table(def.table()), policies.apply(def), hooks.apply(def));
            byTable.put(def.table(), m);
            if (def.route() != null) {
                byRoute.put(def.route(), m);
            }
        }
    }

    /** The model at {@code /data/<route>}, or a 404. */
    public BoundModel route(String route) {
        BoundModel m = byRoute.get(route);
        if (m == null) {
            throw ZouException.notFound();
        }
        return m;
    }

    public boolean hasRoute(String route) {
        return byRoute.containsKey(route);
    }

    public BoundModel table(String table) {
        BoundModel m = byTable.get(table);
        if (m == null) {
            throw new IllegalArgumentException("No model for table " + table);
        }
        return m;
    }

    /** The model stored in {@code table}, or {@code null} when no model is declared for it. */
    public BoundModel find(String table) {
        return byTable.get(table);
    }

    public Map<String, BoundModel> routes() {
        return Collections.unmodifiableMap(byRoute);
    }

    public Collection<BoundModel> all() {
        return Collections.unmodifiableCollection(byTable.values());
    }
}
