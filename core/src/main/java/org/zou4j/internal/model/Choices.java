package org.zou4j.internal.model;

import java.util.List;

/** Zou's enumerations (reference §2.3), by their codes. */
public final class Choices {
    private Choices() {
    }

    public static final List<String> ROLES = List.of("user", "admin", "supervisor", "manager", "client", "vendor");
    public static final List<String> CONTRACT_TYPES = List.of("open-ended", "fixed-term", "short-term", "freelance",
            "apprentice", "internship");
    public static final List<String> TWO_FACTOR_TYPES = List.of("totp", "email_otp", "fido");
    public static final List<String> POSITIONS = List.of("supervisor", "lead", "artist");
    public static final List<String> SENIORITIES = List.of("senior", "mid", "junior");
    public static final List<String> DISPLAY_DATE_FORMATS = List.of("YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY");
    public static final List<String> ENTITY_STATUSES = List.of("standby", "running", "complete", "canceled");
    public static final List<String> PREVIEW_STATUSES = List.of("processing", "ready", "broken", "missing");
    public static final List<String> PREVIEW_VALIDATION_STATUSES = List.of("validated", "rejected", "neutral");
    public static final List<String> NOTIFICATION_TYPES = List.of("comment", "mention", "assignation", "reply",
            "reply-mention", "playlist-ready");
    public static final List<String> METADATA_DESCRIPTOR_TYPES = List.of("string", "number", "list", "taglist",
            "boolean", "checklist", "date", "url", "textarea", "person");
    public static final List<String> PROJECT_STYLES = List.of("2d", "2dpaper", "3d", "2d3d", "ar", "vfx",
            "stop-motion", "motion-design", "archviz", "commercial", "catalog", "immersive", "nft", "video-game", "vr");
    public static final List<String> CHANGE_TYPES = List.of("status", "ready_for");
    public static final List<String> BUILD_JOB_STATUSES = List.of("running", "failed", "succeeded");
    public static final List<String> BUILD_JOB_TYPES = List.of("archive", "movie");
    public static final List<String> LOGIN_ORIGINS = List.of("web", "script");
    public static final List<String> PLAYLIST_FOR_ENTITY = List.of("shot", "asset", "sequence", "edit", "episode");
    /** Entity types that are not asset types (entities of these kinds are shots, sequences...; others are assets). */
    public static final java.util.Set<String> TEMPORAL_ENTITY_TYPES = java.util.Set.of("Shot", "Sequence", "Episode",
            "Edit", "Scene", "Concept");
    public static final List<String> IMPORT_SOURCES = List.of("csv", "shotgun");
}
