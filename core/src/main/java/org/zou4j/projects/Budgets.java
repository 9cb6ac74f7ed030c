package org.zou4j.projects;

import java.util.List;
import java.util.Map;

/**
 * A production's budgets and budget entries for one caller (Zou's {@code /data/projects/<id>/budgets...}; managers of
 * the project and admins only). Obtained from {@link Projects#budgets()}. Results are Zou's JSON shapes.
 */
public interface Budgets {

    /** {@code GET /data/projects/<id>/budgets}. */
    List<Map<String, Object>> list(String projectId);

    /** {@code POST /data/projects/<id>/budgets}: body {@code name} (required), {@code currency} (default USD). */
    Map<String, Object> create(String projectId, Map<String, Object> body);

    /** {@code GET /data/projects/<id>/budgets/<budget_id>}. */
    Map<String, Object> get(String projectId, String budgetId);

    /** {@code PUT /data/projects/<id>/budgets/<budget_id>}: body {@code name}, {@code currency}. */
    Map<String, Object> update(String projectId, String budgetId, Map<String, Object> body);

    /** {@code DELETE /data/projects/<id>/budgets/<budget_id>}: also deletes its entries. */
    void delete(String projectId, String budgetId);

    /** {@code GET /data/projects/<id>/budgets/<budget_id>/entries}. */
    List<Map<String, Object>> entries(String projectId, String budgetId);

    /**
     * {@code POST /data/projects/<id>/budgets/<budget_id>/entries}: body {@code department_id} (required),
     * {@code person_id, start_date, months_duration, daily_salary, position, seniority}.
     */
    Map<String, Object> createEntry(String projectId, String budgetId, Map<String, Object> body);

    /** {@code GET /data/projects/<id>/budgets/<budget_id>/entries/<entry_id>}. */
    Map<String, Object> entry(String projectId, String budgetId, String entryId);

    /** {@code PUT /data/projects/<id>/budgets/<budget_id>/entries/<entry_id>}: the given fields and exceptions. */
    Map<String, Object> updateEntry(String projectId, String budgetId, String entryId, Map<String, Object> body);

    /** {@code DELETE /data/projects/<id>/budgets/<budget_id>/entries/<entry_id>}. */
    void deleteEntry(String projectId, String budgetId, String entryId);
}
