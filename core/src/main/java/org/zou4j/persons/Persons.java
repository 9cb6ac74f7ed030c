package org.zou4j.persons;

import java.util.List;
import java.util.Map;
import org.zou4j.export.CsvExport;

/**
 * Zou's {@code persons} blueprint ({@code session.persons()}): what an admin does to a person's account (departments,
 * password, invitation, avatar), a person's desktop logins, time spents and days off by period, the studio's time
 * sheets and presence, and the shots counted in a person's quotas. Everything runs with the session's rights, as
 * Zou decides them: an admin sees everyone, a manager or supervisor the projects of their teams (a supervisor only
 * their departments), anyone else only themself. Answers are Zou's JSON values; errors are
 * {@link org.zou4j.ZouException}s with Zou's status codes.
 *
 * <p>Periods: {@code year}, {@code month} (1-12), ISO {@code week} (1-52/53, weeks start on Monday as Python's
 * {@code isocalendar}) and {@code day}, given as the path texts of Zou's routes; a malformed or impossible one is a
 * 400.
 */
public interface Persons {

    // ---- account actions (admin) ----------------------------------------------------------------------------------

    /** {@code POST /actions/persons/<id>/departments/add}: answers the person with its departments. */
    Map<String, Object> addToDepartment(String personId, String departmentId);

    /** {@code DELETE /actions/persons/<id>/departments/<department_id>}. */
    void removeFromDepartment(String personId, String departmentId);

    /**
     * {@code POST /actions/persons/<id>/change-password}: sets the password and mails the person.
     *
     * @param clientIp the caller's address (first of {@code X-Forwarded-For}) for the mail, or null
     */
    void changePassword(String personId, String password, String password2, String clientIp);

    /** {@code POST /actions/persons/<id>/reset-password-link}: a fresh one-time reset link. */
    String passwordResetLink(String personId);

    /** {@code GET /actions/persons/<id>/invite}: mails an invitation (503 without a mail sender). */
    void invite(String personId);

    /** {@code DELETE /actions/persons/<id>/clear-avatar}. */
    void clearAvatar(String personId);

    // ---- desktop logins and presence ------------------------------------------------------------------------------

    /** {@code GET /data/persons/<id>/desktop-login-logs}: newest first (the person or a manager). */
    List<Map<String, Object>> desktopLoginLogs(String personId);

    /** {@code POST /data/persons/<id>/desktop-login-logs} with optional {@code date} (the person or an admin). */
    Map<String, Object> addDesktopLoginLog(String personId, Map<String, Object> body);

    /** {@code GET /data/persons/presence-logs/<YYYY-MM>}: one row per active person, an X on each day of login. */
    CsvExport presenceLogs(String monthDate);

    // ---- time spents ----------------------------------------------------------------------------------------------

    /** {@code GET /data/persons/<id>/time-spents} (admin), optionally between two dates (both or neither). */
    List<Map<String, Object>> timeSpents(String personId, String startDate, String endDate);

    /** {@code GET /data/persons/<id>/time-spents/<date>}. */
    List<Map<String, Object>> timeSpentsOn(String personId, String date);

    /**
     * {@code GET /data/persons/<id>/time-spents/(year|month|week|day)/...}: time spent per task over the period, with
     * the task's project, entity, sequence and episode names.
     *
     * @param period    {@code year}, {@code month}, {@code week} or {@code day}
     * @param values    the period's path values: year; year, month; year, week; year, month, day
     * @param projectId only this project (optional)
     */
    List<Map<String, Object>> periodTimeSpents(String personId, String period, List<String> values,
                                               String projectId);

    /** {@code GET /data/persons/<id>/time-spents/month/all/<year>/<month>}: the entries themselves. */
    List<Map<String, Object>> monthTimeSpentEntries(String personId, String year, String month);

    /**
     * {@code GET /data/persons/time-spents/(year-table|month-table/<y>|week-table/<y>|day-table/<y>/<m>)}: the time
     * spent per person, by year, month, ISO week number or day of month.
     *
     * @param level   {@code year}, {@code month}, {@code week} or {@code day}
     * @param values  none; year; year; year, month
     * @param filters optional {@code project_id}, {@code department_id}, {@code studio_id}
     */
    Map<String, Object> timeSpentTable(String level, List<String> values, Map<String, String> filters);

    // ---- days off -------------------------------------------------------------------------------------------------

    /** {@code GET /data/persons/<id>/day-offs/<date>}: the day off covering the date, or an empty map. */
    Map<String, Object> dayOff(String personId, String date);

    /**
     * {@code GET /data/persons/<id>/day-offs} (period {@code null}) and {@code .../day-offs/(year|month|week)/...}:
     * the person's days off overlapping the period.
     */
    List<Map<String, Object>> dayOffs(String personId, String period, List<String> values);

    /**
     * {@code GET /data/persons/day-offs/<year>/<month>} (and Kitsu's {@code /data/persons/day-offs/<year>}): everyone's
     * days off for an admin, the caller's own otherwise.
     */
    List<Map<String, Object>> allDayOffs(String year, String month);

    // ---- quotas ---------------------------------------------------------------------------------------------------

    /**
     * {@code GET /data/persons/<id>/quota-shots/(year|month|week|day)/...}: the shots counted in the person's quota
     * over the period, each with {@code full_name} and {@code weight}.
     *
     * @param params {@code project_id}, {@code task_type_id}, {@code count_mode} ({@code weighted} by default,
     *               {@code weighteddone}, {@code feedback}, {@code done})
     */
    List<Map<String, Object>> quotaShots(String personId, String period, List<String> values,
                                         Map<String, String> params);
}
