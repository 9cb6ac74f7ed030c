package org.zou4j;

import org.zou4j.internal.access.Caller;
import org.zou4j.internal.auth.AuthErrors;

/**
 * The engine's {@link Session}: a caller bound to an engine. A session from a token restricted to two-factor
 * enrolment ({@link ZouEngine#enrolmentSession}) serves only the auth and 2FA calls; its data and production calls
 * are refused with {@link ErrorCode#TWO_FACTOR_REQUIRED}.
 */
final class EngineSession implements Session {
    private final ZouEngine engine;
    private final Caller caller;
    private final boolean restrictedToEnrolment;

    EngineSession(ZouEngine engine, Caller caller) {
        this(engine, caller, false);
    }

    EngineSession(ZouEngine engine, Caller caller, boolean restrictedToEnrolment) {
        this.engine = engine;
        this.caller = caller;
        this.restrictedToEnrolment = restrictedToEnrolment;
    }

    Caller caller() {
        return caller;
    }

    /** Whether the session may only enrol a second factor (Zou's {@code requires_2fa_setup} tokens). */
    boolean restrictedToEnrolment() {
        return restrictedToEnrolment;
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
        refuseIfRestricted();
        engine.crud().models().route(route);
        return new EngineDataSet(engine, caller, route);
    }

    @Override
    public Production production() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new EngineProduction(engine.production(), caller);
    }

    @Override
    public org.zou4j.assets.Assets assets() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new EngineAssets(engine.entities(), caller);
    }

    @Override
    public org.zou4j.tasks.Tasks tasks() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new EngineTasks(engine.comments(), engine.tasks(), caller);
    }

    @Override
    public org.zou4j.user.CurrentUser user() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new EngineCurrentUser(engine.user(), caller);
    }

    @Override
    public org.zou4j.breakdown.Breakdown breakdown() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new org.zou4j.internal.breakdown.BoundBreakdown(engine.breakdown(), caller);
    }

    @Override
    public org.zou4j.export.Exports exports() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new org.zou4j.internal.export.BoundExports(engine.exports(), caller);
    }

    @Override
    public org.zou4j.imports.Imports imports() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new org.zou4j.internal.imports.BoundImports(engine.imports(), caller);
    }

    @Override
    public org.zou4j.media.Pictures pictures() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new EnginePictures(engine.pictures(), caller);
    }

    @Override
    public org.zou4j.media.Previews previews() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new EnginePreviews(engine.previews(), caller);
    }

    @Override
    public org.zou4j.projects.Projects projects() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new org.zou4j.internal.projects.BoundProjects(engine.projectsArea(), caller);
    }

    @Override
    public org.zou4j.persons.Persons persons() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new org.zou4j.internal.persons.BoundPersons(engine.persons(), caller);
    }

    @Override
    public org.zou4j.chats.Chats chats() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new org.zou4j.internal.chats.BoundChats(engine.chats(), caller);
    }

    @Override
    public org.zou4j.files.Files files() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new org.zou4j.internal.files.BoundFiles(engine.files(), caller);
    }

    @Override
    public org.zou4j.playlists.Playlists playlists() {
        engine.ensureOpen();
        refuseIfRestricted();
        return new org.zou4j.internal.playlists.BoundPlaylists(engine.playlists(), caller, engine.publicUrl());
    }

    void refuseIfRestricted() {
        if (restrictedToEnrolment) {
            throw AuthErrors.twoFactorSetupRequired();
        }
    }

    @Override
    public org.zou4j.plugin.ActionResult runAction(String actionId, java.util.List<String> selection,
                                                   java.util.Map<String, ?> input) {
        engine.ensureOpen();
        return engine.pluginHost().run(this, actionId, selection, input);
    }

    @Override
    public String toString() {
        return "Session[" + (caller.isSystem() ? "system" : caller.personId() + "/" + caller.role())
                + (restrictedToEnrolment ? ", 2FA setup only" : "") + "]";
    }
}
