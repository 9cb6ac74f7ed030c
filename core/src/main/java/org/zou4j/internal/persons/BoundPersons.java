package org.zou4j.internal.persons;

import java.util.List;
import java.util.Map;
import org.zou4j.export.CsvExport;
import org.zou4j.internal.access.Caller;
import org.zou4j.persons.Persons;

/** {@link Persons} bound to a caller. */
public final class BoundPersons implements Persons {
    private final PersonsService service;
    private final Caller caller;

    public BoundPersons(PersonsService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @Override
    public Map<String, Object> addToDepartment(String personId, String departmentId) {
        return service.addToDepartment(caller, personId, departmentId);
    }

    @Override
    public void removeFromDepartment(String personId, String departmentId) {
        service.removeFromDepartment(caller, personId, departmentId);
    }

    @Override
    public void changePassword(String personId, String password, String password2, String clientIp) {
        service.changePassword(caller, personId, password, password2, clientIp);
    }

    @Override
    public String passwordResetLink(String personId) {
        return service.passwordResetLink(caller, personId);
    }

    @Override
    public void invite(String personId) {
        service.invite(caller, personId);
    }

    @Override
    public void clearAvatar(String personId) {
        service.clearAvatar(caller, personId);
    }

    @Override
    public List<Map<String, Object>> desktopLoginLogs(String personId) {
        return service.desktopLoginLogs(caller, personId);
    }

    @Override
    public Map<String, Object> addDesktopLoginLog(String personId, Map<String, Object> body) {
        return service.addDesktopLoginLog(caller, personId, body);
    }

    @Override
    public CsvExport presenceLogs(String monthDate) {
        return service.presenceLogs(caller, monthDate);
    }

    @Override
    public List<Map<String, Object>> timeSpents(String personId, String startDate, String endDate) {
        return service.timeSpents(caller, personId, startDate, endDate);
    }

    @Override
    public List<Map<String, Object>> timeSpentsOn(String personId, String date) {
        return service.timeSpentsOn(caller, personId, date);
    }

    @Override
    public List<Map<String, Object>> periodTimeSpents(String personId, String period, List<String> values,
                                                      String projectId) {
        return service.periodTimeSpents(caller, personId, period, values, projectId);
    }

    @Override
    public List<Map<String, Object>> monthTimeSpentEntries(String personId, String year, String month) {
        return service.monthTimeSpentEntries(caller, personId, year, month);
    }

    @Override
    public Map<String, Object> timeSpentTable(String level, List<String> values, Map<String, String> filters) {
        return service.timeSpentTable(caller, level, values, filters);
    }

    @Override
    public Map<String, Object> dayOff(String personId, String date) {
        return service.dayOff(caller, personId, date);
    }

    @Override
    public List<Map<String, Object>> dayOffs(String personId, String period, List<String> values) {
        return service.dayOffs(caller, personId, period, values);
    }

    @Override
    public List<Map<String, Object>> allDayOffs(String year, String month) {
        return service.allDayOffs(caller, year, month);
    }

    @Override
    public List<Map<String, Object>> quotaShots(String personId, String period, List<String> values,
                                                Map<String, String> params) {
        return service.quotaShots(caller, personId, period, values, params);
    }
}
