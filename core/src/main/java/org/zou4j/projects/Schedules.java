package org.zou4j.projects;

import java.util.List;
import java.util.Map;
import org.zou4j.assets.JsonStream;

/**
 * A production's schedule and time for one caller (Zou's projects blueprint): milestones, schedule items, production
 * schedule version task links and actions, time spents and day offs. Obtained from {@link Projects#schedules()}.
 * Results are Zou's JSON shapes.
 */
public interface Schedules {

    /** What per-task-type schedule items are about. */
    enum ScheduleObjects {
        /** {@code /schedule-items/<task_type_id>/asset-types}. */
        ASSET_TYPES,
        /** {@code /schedule-items/<task_type_id>/episodes}. */
        EPISODES,
        /** {@code /schedule-items/<task_type_id>/sequences}. */
        SEQUENCES,
        /** {@code /schedule-items/<task_type_id>/edits}. */
        EDITS
    }

    /** {@code GET /data/projects/<id>/milestones}. */
    List<Map<String, Object>> milestones(String projectId);

    /** {@code GET /data/projects/<id>/schedule-items}. */
    List<Map<String, Object>> scheduleItems(String projectId);

    /** {@code GET /data/projects/<id>/schedule-items/task-types}: creates the missing items. */
    List<Map<String, Object>> taskTypeScheduleItems(String projectId);

    /**
     * {@code GET /data/projects/<id>/schedule-items/<task_type_id>/<objects>?episode_id=}: creates the missing items;
     * {@code episodeId} may be null.
     */
    List<Map<String, Object>> scheduleItems(String projectId, String taskTypeId, ScheduleObjects objects,
                                            String episodeId);

    /** {@code GET /data/production-schedule-versions/<id>/task-links?task_type_id=&relations=}. */
    List<Map<String, Object>> taskLinks(String versionId, String taskTypeId, boolean relations);

    /** {@code POST /actions/production-schedule-versions/<id>/set-task-links-from-production}. */
    Map<String, Object> setTaskLinksFromProduction(String versionId);

    /**
     * {@code POST /actions/production-schedule-versions/<id>/set-task-links-from-production-schedule-version}: body
     * {@code production_schedule_version_id}.
     */
    Map<String, Object> setTaskLinksFromVersion(String versionId, Map<String, Object> body);

    /** {@code POST /actions/production-schedule-versions/<id>/apply-to-production}. */
    Map<String, Object> applyToProduction(String versionId);

    /** {@code GET /data/projects/<id>/time-spents}, streamed: close it (or write it). */
    JsonStream timeSpents(String projectId);

    /** {@code GET /data/projects/<id>/task-types/<task_type_id>/time-spents}; dates ({@code YYYY-MM-DD}) nullable. */
    Map<String, Object> taskTypeTimeSpents(String projectId, String taskTypeId, String startDate, String endDate);

    /** {@code GET /data/projects/<id>/budgets/time-spents}: per department, person and month. */
    Map<String, Object> monthTimeSpents(String projectId);

    /** {@code GET /data/projects/<id>/day-offs}; dates nullable. */
    Map<String, Object> dayOffs(String projectId, String startDate, String endDate);
}
