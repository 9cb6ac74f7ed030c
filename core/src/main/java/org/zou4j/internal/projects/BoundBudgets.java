package org.zou4j.internal.projects;

import java.util.List;
import java.util.Map;
import org.zou4j.internal.access.Caller;
import org.zou4j.projects.Budgets;

/** {@link Budgets} bound to one caller. */
final class BoundBudgets implements Budgets {
    private final BudgetService service;
    private final Caller caller;

    BoundBudgets(BudgetService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @Override
    public List<Map<String, Object>> list(String projectId) {
        return service.budgets(caller, projectId);
    }

    @Override
    public Map<String, Object> create(String projectId, Map<String, Object> body) {
        return service.createBudget(caller, projectId, body);
    }

    @Override
    public Map<String, Object> get(String projectId, String budgetId) {
        return service.budget(caller, projectId, budgetId);
    }

    @Override
    public Map<String, Object> update(String projectId, String budgetId, Map<String, Object> body) {
        return service.updateBudget(caller, projectId, budgetId, body);
    }

    @Override
    public void delete(String projectId, String budgetId) {
        service.deleteBudget(caller, projectId, budgetId);
    }

    @Override
    public List<Map<String, Object>> entries(String projectId, String budgetId) {
        return service.entries(caller, projectId, budgetId);
    }

    @Override
    public Map<String, Object> createEntry(String projectId, String budgetId, Map<String, Object> body) {
        return service.createEntry(caller, projectId, budgetId, body);
    }

    @Override
    public Map<String, Object> entry(String projectId, String budgetId, String entryId) {
        return service.entry(caller, projectId, budgetId, entryId);
    }

    @Override
    public Map<String, Object> updateEntry(String projectId, String budgetId, String entryId,
                                           Map<String, Object> body) {
        return service.updateEntry(caller, projectId, budgetId, entryId, body);
    }

    @Override
    public void deleteEntry(String projectId, String budgetId, String entryId) {
        service.deleteEntry(caller, projectId, budgetId, entryId);
    }
}
