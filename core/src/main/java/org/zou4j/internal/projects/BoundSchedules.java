package org.zou4j.internal.projects;

import java.util.List;
import java.util.Map;
import org.zou4j.assets.JsonStream;
import org.zou4j.internal.access.Caller;
import org.zou4j.projects.Schedules;

/** {@link Schedules} bound to one caller. */
final class BoundSchedules implements Schedules {
    private final ScheduleService schedule;
    private final ProjectTimeService time;
    private final Caller caller;

    BoundSchedules(ScheduleService schedule, ProjectTimeService time, Caller caller) {
        this.schedule = schedule;
        this.time = time;
        this.caller = caller;
    }

    @Override
    public List<Map<String, Object>> milestones(String projectId) {
        return schedule.milestones(caller, projectId);
    }

    @Override
    public List<Map<String, Object>> scheduleItems(String projectId) {
        return schedule.scheduleItems(caller, projectId);
    }

    @Override
    public List<Map<String, Object>> taskTypeScheduleItems(String projectId) {
        return schedule.taskTypeScheduleItems(caller, projectId);
    }

    @Override
    public List<Map<String, Object>> scheduleItems(String projectId, String taskTypeId, ScheduleObjects objects,
                                                   String episodeId) {
        return schedule.objectScheduleItems(caller, projectId, taskTypeId,
                ScheduleService.ObjectKind.valueOf(objects.name()), episodeId);
    }

    @Override
    public List<Map<String, Object>> taskLinks(String versionId, String taskTypeId, boolean relations) {
        return schedule.taskLinks(caller, versionId, taskTypeId, relations);
    }

    @Override
    public Map<String, Object> setTaskLinksFromProduction(String versionId) {
        return schedule.setTaskLinksFromProduction(caller, versionId);
    }

    @Override
    public Map<String, Object> setTaskLinksFromVersion(String versionId, Map<String, Object> body) {
        return schedule.setTaskLinksFromVersion(caller, versionId, body);
    }

    @Override
    public Map<String, Object> applyToProduction(String versionId) {
        return schedule.applyToProduction(caller, versionId);
    }

    @Override
    public JsonStream timeSpents(String projectId) {
        return time.timeSpents(caller, projectId);
    }

    @Override
    public Map<String, Object> taskTypeTimeSpents(String projectId, String taskTypeId, String startDate,
                                                  String endDate) {
        return time.taskTypeTimeSpents(caller, projectId, taskTypeId, startDate, endDate);
    }

    @Override
    public Map<String, Object> monthTimeSpents(String projectId) {
        return time.monthTimeSpents(caller, projectId);
    }

    @Override
    public Map<String, Object> dayOffs(String projectId, String startDate, String endDate) {
        return time.dayOffs(caller, projectId, startDate, endDate);
    }
}
