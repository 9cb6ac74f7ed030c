package org.zou4j.internal.playlists;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.zou4j.ZouException;
import org.zou4j.files.FileStore;
import org.zou4j.files.FileStore.Bucket;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.crud.HookContext;
import org.zou4j.internal.crud.Values;
import org.zou4j.internal.sql.Filter;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;
import org.zou4j.internal.tasks.GuestComments;
import org.zou4j.playlists.MediaFile;
import org.zou4j.playlists.SharedPlaylists;
import org.zou4j.tasks.Upload;

/**
 * Zou's {@code shared} blueprint (zou/app/blueprints/shared/resources.py, playlist_sharing_service.py): guest access
 * to one playlist by its share token. Every call validates the token first; what it opens is that playlist's shots,
 * their positioned previews (and the other previews of the same revision) and the comments of their preview tasks.
 * Guests are client persons bound to the link that made them ({@code data.share_link_id}).
 */
public final class SharedAccess {
    private static final Set<String> SHOT_LIKE = Set.of("Shot", "Sequence", "Episode", "Edit", "Concept");
    private static final Set<String> PICTURE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "webp", "bmp", "tif",
            "tiff", "svg");
    private static final Set<String> FILE_EXTENSIONS = Set.of("pdf", "ai", "psd", "blend", "ma", "mb", "obj", "fbx",
            "zip", "rar", "glb", "gltf", "usd", "usda", "usdc", "usdz", "exr", "hdr", "kra", "clip", "xcf", "txt");

    private final PlaylistSupport s;
    private final PlaylistMedia media;
    private final GuestComments comments;

    SharedAccess(PlaylistSupport s, ShareLinks shares, PlaylistMedia media, GuestComments comments) {
        this.s = s;
        this.media = media;
        this.comments = comments;
    }

    private static Caller reader() {
        return Caller.system();
    }

    private static Caller guestCaller(UUID guestId) {
        return new Caller(guestId, "client", Set.of(), false);
    }

    // ---- playlist and context ---------------------------------------------------------------------------------------

    /** {@code SharedPlaylistResource}: the playlist with annotations, shots enriched with names and colours. */
    public Map<String, Object> playlist(String token, String password) {
        return s.read(reader(), ctx -> {
            Row link = ShareLinks.validate(ctx, token, password, true);
            Row playlist = ctx.tx().byId("playlist", (UUID) link.get("playlist_id"));
            Map<String, Object> dict = s.playlistWithPreviews(ctx, playlist, true);
            enrich(ctx, dict);
            return dict;
        });
    }

    /** {@code enrich_shots_with_entity_info}. */
    @SuppressWarnings("unchecked")
    private void enrich(HookContext ctx, Map<String, Object> dict) throws SQLException {
        UUID projectId = PlaylistSupport.asId(dict.get("project_id"));
        Row project = projectId == null ? null : ctx.tx().byId("project", projectId);
        if (project != null) {
            dict.put("project_fps", project.get("fps"));
            dict.put("project_name", project.get("name"));
        }
        for (Map<String, Object> shot : (List<Map<String, Object>>) dict.get("shots")) {
            UUID entityId = PlaylistSupport.asId(shot.get("id"));
            Row entity = entityId == null ? null : ctx.tx().byId("entity", entityId);
            if (entity == null) {
                continue;
            }
            shot.put("name", entity.get("name"));
            Row type = ctx.tx().byId("entity_type", (UUID) entity.get("entity_type_id"));
            String typeName = type == null ? "" : String.valueOf(type.get("name"));
            if (SHOT_LIKE.contains(typeName)) {
                Row parent = entity.get("parent_id") == null ? null
                        : ctx.tx().byId("entity", (UUID) entity.get("parent_id"));
                shot.put("parent_name", parent == null ? "" : parent.get("name"));
            } else {
                shot.put("parent_name", typeName);
            }
            UUID taskId = PlaylistSupport.asId(shot.get("preview_file_task_id"));
            Row task = taskId == null ? null : ctx.tx().byId("task", taskId);
            if (task == null) {
                continue;
            }
            Row taskType = ctx.tx().byId("task_type", (UUID) task.get("task_type_id"));
            if (taskType != null) {
                Map<String, Object> tt = new LinkedHashMap<>();
                tt.put("id", taskType.id().toString());
                tt.put("name", taskType.get("name"));
                tt.put("color", taskType.get("color"));
                tt.put("for_entity", taskType.get("for_entity"));
                shot.put("preview_file_task_type", tt);
                shot.put("preview_file_task_type_name", taskType.get("name"));
            }
            Row status = ctx.tx().byId("task_status", (UUID) task.get("task_status_id"));
            if (status != null && status.get("color") != null) {
                shot.put("task_status_color", status.get("color"));
            }
        }
    }

    /** {@code get_shared_playlist_context}. */
    public Map<String, Object> context(String token, String password) {
        return s.read(reader(), ctx -> {
            Row link = ShareLinks.validate(ctx, token, password, true);
            Row playlist = ctx.tx().byId("playlist", (UUID) link.get("playlist_id"));
            UUID projectId = (UUID) playlist.get("project_id");
            Row project = ctx.tx().byId("project", projectId);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", project.id().toString());
            p.put("name", project.get("name"));
            p.put("fps", project.get("fps"));
            p.put("ratio", project.get("ratio"));
            p.put("resolution", project.get("resolution"));
            p.put("team", List.of());
            List<Map<String, Object>> taskTypes = new ArrayList<>();
            List<Row> types = ctx.tx().select("task_type", List.of(Filter.sub("id", "project_task_type_link",
                    "task_type_id", Filter.eq("project_id", projectId))), List.of(Tx.Order.asc("name")), 0, 0);
            for (Row tt : types) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", tt.id().toString());
                m.put("name", tt.get("name"));
                m.put("color", tt.get("color"));
                m.put("for_entity", tt.get("for_entity"));
                taskTypes.add(m);
            }
            List<Map<String, Object>> taskStatuses = new ArrayList<>();
            for (Row ts : ctx.tx().select("task_status", List.of(Filter.sub("id", "project_task_status_link",
                    "task_status_id", Filter.eq("project_id", projectId))), List.of(Tx.Order.asc("name")), 0, 0)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", ts.id().toString());
                m.put("name", ts.get("name"));
                m.put("short_name", ts.get("short_name"));
                m.put("color", ts.get("color"));
                m.put("is_client_allowed", Boolean.TRUE.equals(ts.get("is_client_allowed")));
                m.put("is_default", Boolean.TRUE.equals(ts.get("is_default")));
                m.put("for_concept", Boolean.TRUE.equals(ts.get("for_concept")));
                taskStatuses.add(m);
            }
            Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
            for (Map<String, Object> shot : s.shots(playlist)) {
                UUID entityId = PlaylistSupport.asId(shot.get("entity_id"));
                if (entityId == null || entities.containsKey(entityId.toString())) {
                    continue;
                }
                Row entity = ctx.tx().byId("entity", entityId);
                if (entity != null) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", entityId.toString());
                    m.put("name", entity.get("name") == null ? "" : entity.get("name"));
                    m.put("preview_file_id", PlaylistSupport.str(entity.get("preview_file_id")));
                    entities.put(entityId.toString(), m);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("project", p);
            out.put("task_types", taskTypes);
            out.put("task_statuses", taskStatuses);
            out.put("entities", new ArrayList<>(entities.values()));
            return out;
        });
    }

    // ---- guests -----------------------------------------------------------------------------------------------------

    /** {@code SharedPlaylistGuestResource.post}. */
    public SharedPlaylists.Guest guest(String token, String firstName, String lastName, String guestIdText) {
        UUID guestId = guestIdText == null || guestIdText.isEmpty() ? null : Values.tryParseId(guestIdText);
        if (guestIdText != null && !guestIdText.isEmpty() && guestId == null) {
            throw ZouException.wrongParameter("guest_id: Input should be a valid UUID");
        }
        String first = firstName == null || firstName.isBlank() ? "Guest" : firstName.strip();
        String last = lastName == null ? "" : lastName.strip();
        if (first.length() > 80 || last.length() > 80) {
            throw ZouException.wrongParameter("Guest names are limited to 80 characters.");
        }
        SharedPlaylists.Guest existing = s.read(reader(), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            if (guestId != null) {
                Row guest = guestOfLink(ctx, guestId, link);
                if (guest != null) {
                    return new SharedPlaylists.Guest(s.one(ctx, "person", guest), false);
                }
            }
            return null;
        });
        if (existing != null) {
            return existing;
        }
        return s.write(reader(), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            for (Row p : ctx.tx().select("person", List.of(Filter.eq("is_guest", true),
                    Filter.eq("first_name", first), Filter.eq("last_name", last)))) {
                if (linkIdOf(p) != null && linkIdOf(p).equals(link.id().toString())) {
                    return new SharedPlaylists.Guest(s.one(ctx, "person", p), true);
                }
            }
            UUID id = UUID.randomUUID();
            LocalDateTime now = ctx.now();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id);
            row.put("created_at", now);
            row.put("updated_at", now);
            row.put("first_name", first);
            row.put("last_name", last);
            row.put("email", "guest-" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)
                    + "@guest.kitsu");
            row.put("role", "client");
            row.put("is_guest", true);
            row.put("active", true);
            row.put("data", s.toColumn("person", "data", Map.of("share_link_id", link.id().toString())));
            ctx.tx().insert("person", row);
            ctx.events().emit("person:new", PlaylistSupport.data("person_id", id), null);
            return new SharedPlaylists.Guest(s.one(ctx, "person", ctx.tx().byId("person", id)), true);
        });
    }

    private String linkIdOf(Row person) {
        Object data = s.json(person.get("data"));
        return data instanceof Map<?, ?> m && m.get("share_link_id") != null ? m.get("share_link_id").toString()
                : null;
    }

    /** {@code get_guest_for_share_link}: a guest person made from this very link, else null. */
    private Row guestOfLink(HookContext ctx, UUID guestId, Row link) throws SQLException {
        Row person = guestId == null ? null : ctx.tx().byId("person", guestId);
        if (person == null || !Boolean.TRUE.equals(person.get("is_guest"))
                || !link.id().toString().equals(linkIdOf(person))) {
            return null;
        }
        return person;
    }

    private Row requireGuest(HookContext ctx, String guestIdText, Row link) throws SQLException {
        Row guest = guestOfLink(ctx, Values.tryParseId(guestIdText), link);
        if (guest == null) {
            throw forbidden("Guest not part of this shared playlist");
        }
        return guest;
    }

    private static ZouException forbidden(String message) {
        return new ZouException(org.zou4j.ErrorCode.FORBIDDEN, 403, message, Map.of("error", message));
    }

    private static ZouException notFound(String message) {
        return new ZouException(org.zou4j.ErrorCode.NOT_FOUND, 404, message, Map.of("error", message));
    }

    private static void requireCanComment(Row link, String message) {
        if (!Boolean.TRUE.equals(link.get("can_comment"))) {
            throw forbidden(message);
        }
    }

    // ---- comments ---------------------------------------------------------------------------------------------------

    /** The preview task ids of the playlist's shots ({@code preview_file_task_id}). */
    private Set<UUID> playlistTaskIds(HookContext ctx, Row link) throws SQLException {
        Row playlist = ctx.tx().byId("playlist", (UUID) link.get("playlist_id"));
        Set<UUID> ids = new java.util.LinkedHashSet<>();
        for (Map<String, Object> shot : s.shots(playlist)) {
            UUID pf = PlaylistSupport.asId(shot.get("preview_file_id"));
            Row file = pf == null ? null : ctx.tx().byId("preview_file", pf);
            if (file != null && file.get("task_id") != null) {
                ids.add((UUID) file.get("task_id"));
            }
        }
        return ids;
    }

    /** {@code SharedPlaylistCommentsResource.get}: client-visible and guest comments of the preview tasks. */
    public List<Map<String, Object>> comments(String token, String password) {
        return s.read(reader(), ctx -> {
            Row link = ShareLinks.validate(ctx, token, password, true);
            List<Map<String, Object>> out = new ArrayList<>();
            for (UUID taskId : playlistTaskIds(ctx, link)) {
                for (Row c : ctx.tx().select("comment", List.of(Filter.eq("object_id", taskId)),
                        List.of(Tx.Order.desc("created_at")), 0, 0)) {
                    Row author = c.get("person_id") == null ? null : ctx.tx().byId("person", (UUID) c.get("person_id"));
                    boolean guestAuthor = author != null && Boolean.TRUE.equals(author.get("is_guest"));
                    if (!Boolean.TRUE.equals(c.get("for_client")) && !guestAuthor) {
                        continue;
                    }
                    out.add(commentDict(ctx, c, guestAuthor));
                }
            }
            return out;
        });
    }

    private Map<String, Object> commentDict(HookContext ctx, Row c, boolean guestAuthor) throws SQLException {
        Map<String, Object> m = s.one(ctx, "comment", c);
        Row author = c.get("person_id") == null ? null : ctx.tx().byId("person", (UUID) c.get("person_id"));
        if (author != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", author.id().toString());
            p.put("first_name", author.get("first_name"));
            p.put("last_name", author.get("last_name"));
            p.put("has_avatar", author.get("has_avatar"));
            p.put("is_guest", guestAuthor);
            m.put("person", p);
        }
        Row status = c.get("task_status_id") == null ? null
                : ctx.tx().byId("task_status", (UUID) c.get("task_status_id"));
        if (status != null) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("id", status.id().toString());
            st.put("name", status.get("name"));
            st.put("short_name", status.get("short_name"));
            st.put("color", status.get("color"));
            m.put("task_status", st);
        }
        m.put("attachment_files", s.many(ctx, "attachment_file", ctx.tx().select("attachment_file",
                List.of(Filter.eq("comment_id", c.id())))));
        return m;
    }

    /** {@code SharedPlaylistCommentsResource.post}. */
    public Map<String, Object> comment(String token, String password, String guestIdText, String taskIdText,
                                       String taskStatusIdText, String text, List<Object> checklist) {
        UUID guestId = requiredId(guestIdText, "guest_id");
        UUID taskId = requiredId(taskIdText, "task_id");
        UUID statusId = requiredId(taskStatusIdText, "task_status_id");
        return s.write(guestCaller(guestId), ctx -> {
            Row link = ShareLinks.validate(ctx, token, password, true);
            requireCanComment(link, "Comments are disabled for this link");
            requireGuest(ctx, guestIdText, link);
            if (!playlistTaskIds(ctx, link).contains(taskId)) {
                throw forbidden("Task not part of this shared playlist");
            }
            Row status = ctx.tx().byId("task_status", statusId);
            if (status == null) {
                throw new ZouException(org.zou4j.ErrorCode.WRONG_PARAMETER, 400, "Task status not found",
                        Map.of("error", "Task status not found"));
            }
            if (!Boolean.TRUE.equals(status.get("is_client_allowed"))) {
                throw new ZouException(org.zou4j.ErrorCode.WRONG_PARAMETER, 400, "Task status not allowed for guests",
                        Map.of("error", "Task status not allowed for guests"));
            }
            Row task = ctx.tx().lockById("task", taskId);
            return comments.create(ctx, guestId, task, status, text == null ? "" : text, checklist(checklist));
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> checklist(List<Object> items) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (items != null) {
            for (Object o : items) {
                if (o instanceof Map<?, ?> m) {
                    out.add((Map<String, Object>) m);
                }
            }
        }
        return out;
    }

    private static UUID requiredId(String text, String field) {
        UUID id = Values.tryParseId(text);
        if (id == null) {
            throw ZouException.wrongParameter(field + ": " + (text == null ? "Field required"
                    : "Input should be a valid UUID"));
        }
        return id;
    }

    /** {@code _load_guest_comment}: by this link's guest, on a preview task of this playlist. */
    private Row guestComment(HookContext ctx, Row link, String commentIdText, String guestIdText)
            throws SQLException {
        UUID guestId = Values.tryParseId(guestIdText);
        if (guestId == null || guestOfLink(ctx, guestId, link) == null) {
            throw forbidden("Forbidden");
        }
        UUID commentId = Values.tryParseId(commentIdText);
        Row comment = commentId == null ? null : ctx.tx().byId("comment", commentId);
        if (comment == null) {
            throw notFound("Comment not found");
        }
        if (!guestId.equals(comment.get("person_id")) || comment.get("object_id") == null
                || !playlistTaskIds(ctx, link).contains((UUID) comment.get("object_id"))) {
            throw forbidden("Forbidden");
        }
        return comment;
    }

    /** {@code SharedPlaylistCommentResource.put} / {@code update_guest_comment}. */
    public Map<String, Object> editComment(String token, String commentIdText, String guestIdText,
                                           Map<String, Object> changes) {
        UUID guestId = requiredId(guestIdText, "guest_id");
        return s.write(guestCaller(guestId), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            requireCanComment(link, "Comments are disabled for this link");
            Row comment = guestComment(ctx, link, commentIdText, guestIdText);
            ctx.tx().lockById("comment", comment.id());
            UUID newStatus = null;
            if (changes.get("task_status_id") != null) {
                newStatus = requiredId(changes.get("task_status_id").toString(), "task_status_id");
            }
            UUID previousStatus = (UUID) comment.get("task_status_id");
            boolean statusChanged = newStatus != null && !newStatus.equals(previousStatus);
            if (statusChanged) {
                Row status = ctx.tx().byId("task_status", newStatus);
                if (status == null || !Boolean.TRUE.equals(status.get("is_client_allowed"))) {
                    throw forbidden("Forbidden");
                }
            }
            Map<String, Object> update = new LinkedHashMap<>();
            if (changes.containsKey("text")) {
                update.put("text", changes.get("text") == null ? "" : changes.get("text").toString());
            }
            if (changes.containsKey("checklist")) {
                update.put("checklist", s.toColumn("comment", "checklist",
                        changes.get("checklist") == null ? List.of() : changes.get("checklist")));
            }
            if (newStatus != null) {
                update.put("task_status_id", newStatus);
            }
            update.put("editor_id", guestId);
            update.put("updated_at", ctx.now());
            ctx.tx().updateById("comment", comment.id(), update);
            UUID taskId = (UUID) comment.get("object_id");
            Row task = ctx.tx().lockById("task", taskId);
            UUID projectId = (UUID) task.get("project_id");
            if (statusChanged) {
                comments.resetTaskData(ctx, task);
                ctx.events().emit("task:status-changed", PlaylistSupport.data("task_id", taskId,
                        "new_task_status_id", newStatus, "previous_task_status_id", previousStatus,
                        "person_id", guestId), projectId);
            }
            ctx.events().emit("comment:update", PlaylistSupport.data("comment_id", comment.id(), "task_id", taskId),
                    projectId);
            return commentDict(ctx, ctx.tx().byId("comment", comment.id()), true);
        });
    }

    /** {@code SharedPlaylistCommentResource.delete} / {@code delete_guest_comment}. */
    public void deleteComment(String token, String commentIdText, String guestIdText) {
        UUID guestId = requiredId(guestIdText, "guest_id");
        s.write(guestCaller(guestId), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            requireCanComment(link, "Comments are disabled for this link");
            Row comment = guestComment(ctx, link, commentIdText, guestIdText);
            Row task = ctx.tx().lockById("task", (UUID) comment.get("object_id"));
            UUID projectId = (UUID) task.get("project_id");
            UUID before = (UUID) task.get("task_status_id");
            comments.removeComment(ctx, comment, projectId);
            Row after = comments.resetTaskData(ctx, task);
            if (!Objects.equals(before, after.get("task_status_id"))) {
                ctx.events().emit("task:status-changed", PlaylistSupport.data("task_id", task.id(),
                        "new_task_status_id", after.get("task_status_id"), "previous_task_status_id", before,
                        "person_id", guestId), projectId);
            }
            return null;
        });
    }

    /** {@code SharedPlaylistCommentAttachmentsResource.post}. */
    public Map<String, Object> addAttachments(String token, String commentIdText, String guestIdText,
                                              List<Upload> files) {
        UUID guestId = Values.tryParseId(guestIdText);
        if (guestId == null) {
            throw forbidden("Forbidden");
        }
        return s.write(guestCaller(guestId), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            requireCanComment(link, "Comments are disabled for this link");
            Row comment = guestComment(ctx, link, commentIdText, guestIdText);
            for (Upload u : files) {
                comments.storeAttachment(ctx, u, comment.id());
            }
            return commentDict(ctx, ctx.tx().byId("comment", comment.id()), true);
        });
    }

    /** {@code SharedPlaylistCommentAttachmentResource.delete}: one attachment of a comment of this guest. */
    public void removeAttachment(String token, String commentIdText, String guestIdText, String attachmentIdText) {
        UUID guestId = requiredId(guestIdText, "guest_id");
        s.write(guestCaller(guestId), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            requireCanComment(link, "Comments are disabled for this link");
            Row comment = guestComment(ctx, link, commentIdText, guestIdText);
            UUID attachmentId = Values.tryParseId(attachmentIdText);
            Row attachment = attachmentId == null ? null : ctx.tx().byId("attachment_file", attachmentId);
            if (attachment == null || !comment.id().equals(attachment.get("comment_id"))) {
                throw notFound("Comment not found");
            }
            ctx.tx().delete("attachment_file", List.of(Filter.eq("id", attachmentId)));
            ctx.tx().afterCommit(() -> comments.deleteAttachmentBytes(attachmentId));
            return null;
        });
    }

    /**
     * {@code download_shared_attachment}: an attachment of a visible comment (for client, or by a guest) on a preview
     * task of this playlist; else 404.
     */
    public MediaFile attachment(String token, String attachmentIdText) {
        return s.read(reader(), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            UUID attachmentId = Values.tryParseId(attachmentIdText);
            Row attachment = attachmentId == null ? null : ctx.tx().byId("attachment_file", attachmentId);
            Row comment = attachment == null || attachment.get("comment_id") == null ? null
                    : ctx.tx().byId("comment", (UUID) attachment.get("comment_id"));
            if (comment == null || comment.get("object_id") == null
                    || !playlistTaskIds(ctx, link).contains((UUID) comment.get("object_id"))) {
                throw notFound("Attachment not found");
            }
            Row author = comment.get("person_id") == null ? null
                    : ctx.tx().byId("person", (UUID) comment.get("person_id"));
            boolean guestAuthor = author != null && Boolean.TRUE.equals(author.get("is_guest"));
            if (!Boolean.TRUE.equals(comment.get("for_client")) && !guestAuthor) {
                throw notFound("Attachment not found");
            }
            java.io.InputStream in = comments.openAttachment(attachmentId)
                    .orElseThrow(() -> notFound("Attachment not found"));
            Object size = attachment.get("size");
            String mime = attachment.get("mimetype") == null ? "application/octet-stream"
                    : attachment.get("mimetype").toString();
            return new MediaFile(String.valueOf(attachment.get("name")), mime,
                    size == null ? -1 : ((Number) size).longValue(), in);
        });
    }

    // ---- annotations and previews -----------------------------------------------------------------------------------

    /** {@code SharedPlaylistAnnotationsResource.put}. */
    public Map<String, Object> updateAnnotations(String token, String guestIdText, String previewFileIdText,
                                                 List<Object> additions, List<Object> updates,
                                                 List<Object> deletions) {
        UUID guestId = requiredId(guestIdText, "guest_id");
        UUID previewId = requiredId(previewFileIdText, "preview_file_id");
        return s.write(guestCaller(guestId), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            requireCanComment(link, "Annotations are disabled");
            requireGuest(ctx, guestIdText, link);
            Row pf = inPlaylist(ctx, link, previewId.toString());
            pf = ctx.tx().lockById("preview_file", pf.id());
            List<Map<String, Object>> annotations = org.zou4j.internal.media.Annotations.applyJson(
                    s.json(pf.get("annotations")), additions, updates, deletions);
            LocalDateTime now = ctx.now();
            ctx.tx().updateById("preview_file", pf.id(), Map.of("annotations",
                    s.toColumn("preview_file", "annotations", annotations), "updated_at", now));
            Row task = ctx.tx().byId("task", (UUID) pf.get("task_id"));
            ctx.events().emit("preview-file:annotation-update", PlaylistSupport.data("preview_file_id", pf.id(),
                    "person_id", guestId, "updated_at", now), (UUID) task.get("project_id"));
            return s.one(ctx, "preview_file", ctx.tx().byId("preview_file", pf.id()));
        });
    }

    /**
     * {@code is_preview_file_in_shared_playlist}: the preview positioned on a shot of its entity, or another preview
     * of the same task and revision; 404 for an unknown preview, 403 otherwise.
     */
    private Row inPlaylist(HookContext ctx, Row link, String previewIdText) throws SQLException {
        Row pf = PlaylistSupport.require(ctx, "preview_file", previewIdText, "Preview file");
        Row task = pf.get("task_id") == null ? null : ctx.tx().byId("task", (UUID) pf.get("task_id"));
        Row playlist = ctx.tx().byId("playlist", (UUID) link.get("playlist_id"));
        if (task == null || playlist == null) {
            throw ZouException.forbidden();
        }
        String entityId = String.valueOf(task.get("entity_id"));
        Set<String> positioned = new HashSet<>();
        for (Map<String, Object> shot : s.shots(playlist)) {
            Object e = shot.get("entity_id") != null ? shot.get("entity_id") : shot.get("id");
            if (entityId.equals(String.valueOf(e)) && shot.get("preview_file_id") != null) {
                positioned.add(shot.get("preview_file_id").toString());
            }
        }
        if (positioned.contains(pf.id().toString())) {
            return pf;
        }
        for (String id : positioned) {
            UUID u = Values.tryParseId(id);
            Row main = u == null ? null : ctx.tx().byId("preview_file", u);
            if (main != null && Objects.equals(main.get("task_id"), pf.get("task_id"))
                    && Objects.equals(main.get("revision"), pf.get("revision"))) {
                return pf;
            }
        }
        throw ZouException.forbidden();
    }

    /** {@code SharedPlaylistPreviewFileResource}. */
    public Map<String, Object> previewFile(String token, String previewFileIdText) {
        return s.read(reader(), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            return s.one(ctx, "preview_file", inPlaylist(ctx, link, previewFileIdText));
        });
    }

    /** The shared media routes: movie, thumbnail, original (any allowed extension), tile, download. */
    public MediaFile media(String token, String previewFileIdText, String kind, String extensionText) {
        return s.read(reader(), ctx -> {
            Row link = ShareLinks.validate(ctx, token, null, false);
            Row pf = inPlaylist(ctx, link, previewFileIdText);
            UUID id = pf.id();
            String ext = String.valueOf(pf.get("extension"));
            java.util.Optional<FileStore.StoredFile> file;
            String mime;
            String name = null;
            switch (kind) {
                case "movie" -> {
                    file = media.open(Bucket.MOVIES, "previews", id);
                    mime = "video/mp4";
                }
                case "thumbnail" -> {
                    file = media.open(Bucket.PICTURES, "thumbnails", id);
                    mime = "image/png";
                }
                case "tile" -> {
                    file = media.open(Bucket.PICTURES, "tiles", id);
                    mime = "image/png";
                }
                case "original" -> {
                    String e = extensionText == null ? "png" : extensionText.toLowerCase(java.util.Locale.ROOT);
                    if (!PICTURE_EXTENSIONS.contains(e) && !FILE_EXTENSIONS.contains(e)) {
                        throw ZouException.wrongParameter("Extension not allowed: " + e);
                    }
                    file = "png".equals(e) ? media.open(Bucket.PICTURES, "original", id)
                            : media.open(Bucket.FILES, "previews", id);
                    mime = mimeOf(e);
                }
                case "download" -> {
                    file = media.open(id, ext);
                    mime = mimeOf(ext);
                    name = PlaylistMedia.previewFileName(ctx, pf);
                }
                default -> throw ZouException.notFound();
            }
            FileStore.StoredFile f = file.orElseThrow(() -> ZouException.notFound("Preview file not found"));
            return new MediaFile(name, mime, f.length(), f.stream());
        });
    }

    private static String mimeOf(String ext) {
        return switch (ext) {
            case "mp4" -> "video/mp4";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "gif" -> "image/gif";
            case "webp" -> "image/webp";
            case "svg" -> "image/svg+xml";
            case "pdf" -> "application/pdf";
            default -> "application/octet-stream";
        };
    }
}
