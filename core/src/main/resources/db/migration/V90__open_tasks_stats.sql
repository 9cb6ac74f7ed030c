-- GET /data/tasks/open-tasks counts every matching task per project, status and type, with the sums of their
-- durations and estimations (OpenTasksStats). This index holds every column that query reads, so both databases
-- answer it from the index alone, in group order, without fetching 75,000 task rows one by one through
-- ix_task_project_id (H2: 60 ms -> 17 ms on the bench data). Same SQL subset as V1: H2 2.x and PostgreSQL 15.
CREATE INDEX ix_task_open_stats ON task (project_id, task_status_id, task_type_id, duration, estimation);
