package org.zou4j.internal.imports;

import java.util.List;
import java.util.Map;
import org.zou4j.imports.Imports;
import org.zou4j.internal.access.Caller;

/** The engine's {@link Imports}: the import service bound to one caller. */
public final class BoundImports implements Imports {
    private final ImportService service;
    private final Caller caller;

    public BoundImports(ImportService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @Override
    public List<Map<String, Object>> csvPersons(byte[] csv, boolean update) {
        return service.csvPersons(caller, csv, update);
    }

    @Override
    public List<Map<String, Object>> csvAssets(String projectId, byte[] csv, boolean update) {
        return service.csvEntities(caller, "Asset", projectId, csv, update);
    }

    @Override
    public List<Map<String, Object>> csvShots(String projectId, byte[] csv, boolean update) {
        return service.csvEntities(caller, "Shot", projectId, csv, update);
    }

    @Override
    public List<Map<String, Object>> csvEdits(String projectId, byte[] csv, boolean update) {
        return service.csvEntities(caller, "Edit", projectId, csv, update);
    }

    @Override
    public List<Object> csvCasting(String projectId, byte[] csv, boolean update) {
        return service.csvCasting(caller, projectId, csv);
    }

    @Override
    public List<Object> csvEstimations(String projectId, String taskTypeId, String episodeId, byte[] csv) {
        return service.csvEstimations(caller, projectId, taskTypeId, episodeId, csv);
    }

    @Override
    public Map<String, Object> otio(String projectId, String episodeId, String fileName, byte[] content,
                                    String namingConvention, boolean matchCase) {
        return service.otio(caller, projectId, episodeId, fileName, content, namingConvention, matchCase);
    }

    @Override
    public List<Map<String, Object>> kitsu(String model, Object entries, boolean silent) {
        return service.kitsu(caller, model, entries, silent);
    }
}
