package org.zou4j.internal.projects;

import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.projects.Departments;

/** {@link Departments} bound to one caller. */
final class BoundDepartments implements Departments {
    private final DepartmentsService service;
    private final Caller caller;

    BoundDepartments(DepartmentsService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    private static DepartmentsService.Equipment kind(Equipment e) {
        return DepartmentsService.Equipment.valueOf(e.name());
    }

    @Override
    public Map<String, Object> byDepartment(Equipment kind) {
        return service.byDepartment(caller, kind(kind));
    }

    @Override
    public Map<String, Object> add(String departmentId, Equipment kind, Map<String, Object> body) {
        return service.add(caller, departmentId, kind(kind), body);
    }

    @Override
    public Map<String, Object> get(String departmentId, Equipment kind, String itemId) {
        return service.get(caller, departmentId, kind(kind), itemId);
    }

    @Override
    public void remove(String departmentId, Equipment kind, String itemId) {
        service.remove(caller, departmentId, kind(kind), itemId);
    }
}
