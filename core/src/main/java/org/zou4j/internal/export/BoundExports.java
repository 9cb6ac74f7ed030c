package org.zou4j.internal.export;

import java.util.Map;
import org.zou4j.export.CsvExport;
import org.zou4j.export.Exports;
import org.zou4j.internal.access.Caller;

/** The engine's {@link Exports}: the export service bound to one caller. */
public final class BoundExports implements Exports {
    private final ExportService service;
    private final Caller caller;

    public BoundExports(ExportService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @Override
    public CsvExport assets(String projectId, Map<String, String> filters) {
        return service.assets(caller, projectId, filters == null ? Map.of() : filters);
    }

    @Override
    public CsvExport shots(String projectId, Map<String, String> filters) {
        return service.shots(caller, projectId, filters == null ? Map.of() : filters);
    }

    @Override
    public CsvExport edits(String projectId) {
        return service.edits(caller, projectId);
    }

    @Override
    public CsvExport casting(String projectId, String episodeId, boolean shotCasting) {
        return service.casting(caller, projectId, episodeId, shotCasting);
    }

    @Override
    public CsvExport persons() {
        return service.persons(caller);
    }

    @Override
    public CsvExport projects() {
        return service.projects(caller);
    }

    @Override
    public CsvExport taskTypes() {
        return service.taskTypes(caller);
    }

    @Override
    public CsvExport tasks() {
        return service.tasks(caller);
    }

    @Override
    public CsvExport timeSpents() {
        return service.timeSpents(caller);
    }

    @Override
    public CsvExport playlist(String playlistId) {
        return service.playlist(caller, playlistId);
    }
}
