package org.zou4j.internal.playlists;

import java.util.List;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.playlists.MediaFile;
import org.zou4j.playlists.Playlists;

/** The engine's {@link Playlists}: the playlist services bound to one caller. */
public final class BoundPlaylists implements Playlists {
    private final PlaylistService service;
    private final Caller caller;
    private final String publicUrl;

    public BoundPlaylists(PlaylistService service, Caller caller, String publicUrl) {
        this.service = service;
        this.caller = caller;
        this.publicUrl = publicUrl;
    }

    @Override
    public List<Map<String, Object>> projectPlaylists(String projectId, int page, String sortBy, String taskTypeId) {
        return service.projectPlaylists(caller, projectId, page, sortBy, taskTypeId);
    }

    @Override
    public List<Map<String, Object>> episodePlaylists(String projectId, String episodeId, int page, String sortBy,
                                                      String taskTypeId) {
        return service.episodePlaylists(caller, projectId, episodeId, page, sortBy, taskTypeId);
    }

    @Override
    public Map<String, Object> playlist(String projectId, String playlistId) {
        return service.playlist(caller, projectId, playlistId);
    }

    @Override
    public Object allPlaylists(String projectId, int page) {
        return service.allPlaylists(caller, projectId, page);
    }

    @Override
    public Map<String, Object> entityPreviewFiles(String entityId) {
        return service.entityPreviewFiles(caller, entityId);
    }

    @Override
    public Map<String, Object> addEntity(String playlistId, String entityId, String previewFileId) {
        java.util.Map<String, Object> couple = new java.util.LinkedHashMap<>();
        couple.put("entity_id", entityId);
        couple.put("preview_file_id", previewFileId);
        return service.addEntities(caller, playlistId, List.of(couple));
    }

    @Override
    public Map<String, Object> addEntities(String playlistId, List<Map<String, Object>> entities) {
        return service.addEntities(caller, playlistId, entities);
    }

    @Override
    public List<Map<String, Object>> tempPlaylist(String projectId, List<String> taskIds, boolean sort) {
        return service.tempPlaylist(caller, projectId, taskIds, sort);
    }

    @Override
    public List<Map<String, Object>> projectBuildJobs(String projectId) {
        return service.projectBuildJobs(caller, projectId);
    }

    @Override
    public Map<String, Object> buildJob(String playlistId, String buildJobId) {
        return service.buildJob(caller, playlistId, buildJobId);
    }

    @Override
    public void deleteBuildJob(String playlistId, String buildJobId) {
        service.deleteBuildJob(caller, playlistId, buildJobId);
    }

    @Override
    public Map<String, Object> buildMovie(String playlistId, boolean full) {
        return service.media().buildMovie(caller, playlistId, full);
    }

    @Override
    public MediaFile buildJobMovie(String playlistId, String buildJobId) {
        return service.media().buildJobMovie(caller, playlistId, buildJobId);
    }

    @Override
    public MediaFile zip(String playlistId) {
        return service.media().zip(caller, playlistId);
    }

    @Override
    public Map<String, Object> notifyClients(String playlistId, String studioId, String departmentId) {
        return service.notifyClients(caller, playlistId, studioId, departmentId);
    }

    @Override
    public List<Map<String, Object>> shareLinks(String playlistId) {
        return service.shares().list(caller, playlistId);
    }

    @Override
    public Map<String, Object> createShareLink(String playlistId, String expirationDate, boolean canComment,
                                               String password) {
        return service.shares().create(caller, playlistId, expirationDate, canComment, password);
    }

    @Override
    public Map<String, Object> revokeShareLink(String playlistId, String token) {
        return service.shares().revoke(caller, playlistId, token);
    }

    @Override
    public Map<String, Object> inviteToShareLink(String playlistId, String token, List<String> emails,
                                                 List<String> personIds, String message) {
        return service.shares().invite(caller, playlistId, token, emails, personIds, message, publicUrl);
    }
}
