package org.zou4j;

import org.zou4j.internal.access.Caller;

/** The engine's {@link Session}: a caller bound to an engine. */
final class EngineSession implements Session {
    private final ZouEngine engine;
    private final Caller caller;

    EngineSession(ZouEngine engine, Caller caller) {
        this.engine = engine;
        this.caller = caller;
    }

    Caller caller() {
        return caller;
    }

    @Override
    public String personId() {
        return caller.personId() == null ? null : caller.personId().toString();
    }

    @Override
    public String role() {
        return caller.role();
    }

    @Override
    public DataSet data(String route) {
        engine.ensureOpen();
        engine.crud().models().route(route);
        return new EngineDataSet(engine, caller, route);
    }

    @Override
    public Production production() {
        engine.ensureOpen();
        return new EngineProduction(engine.production(), caller);
    }

    @Override
    public org.zou4j.plugin.ActionResult runAction(String actionId, java.util.List<String> selection,
                                                   java.util.Map<String, ?> input) {
        engine.ensureOpen();
        return engine.pluginHost().run(this, actionId, selection, input);
    }

    @Override
    public String toString() {
        return "Session[" + (caller.isSystem() ? "system" : caller.personId() + "/" + caller.role()) + "]";
    }
}
