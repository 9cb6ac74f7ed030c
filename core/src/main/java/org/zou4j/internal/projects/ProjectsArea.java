package org.zou4j.internal.projects;

import org.zou4j.internal.crud.CrudService;
import org.zou4j.internal.events.EventLog;

/** The services of the projects area (Zou blueprints projects, departments, project_templates), built once. */
public final class ProjectsArea {
    final ProjectsService projects;
    final MetadataService metadata;
    final BudgetService budgets;
    final ScheduleService schedule;
    final ProjectTimeService time;
    final DepartmentsService departments;
    final ProjectTemplatesService templates;

    public ProjectsArea(CrudService crud, EventLog events) {
        this.projects = new ProjectsService(crud, events);
        this.metadata = new MetadataService(crud, events);
        this.budgets = new BudgetService(crud, events);
        this.schedule = new ScheduleService(crud, events);
        this.time = new ProjectTimeService(crud, events);
        this.departments = new DepartmentsService(crud, events);
        this.templates = new ProjectTemplatesService(crud, events, metadata);
    }
}
