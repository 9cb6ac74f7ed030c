package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Zou's production budgets and budget entries over HTTP (projects blueprint): CRUD, events, manager-only access. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BudgetRoutesTest {
    /** The storage the tests run on: in-memory H2 here, PostgreSQL in the {@code ...PostgresTest} subclass. */
    org.zou4j.storage.StorageBackend storage() {
        return org.zou4j.storage.h2.H2Storage.inMemory();
    }

    private ProductionHttpFixture f;
    private ApiClient admin;
    private ApiClient manager;
    private ApiClient artist;
    private ApiClient outsider;
    private String project;
    private String department;
    private String artistId;

    @BeforeAll
    void start() {
        f = new ProductionHttpFixture(storage());
        admin = f.admin;
        String managerId = f.person("Manon", "manager");
        artistId = f.person("Arthur", "user");
        project = f.projectWithTeam("Budget show", managerId, artistId);
        manager = f.client(f.email(managerId));
        artist = f.client(f.email(artistId));
        outsider = f.newUser("Otto", "manager");
        department = (String) f.create("departments", Map.of("name", "Animation " + ProductionHttpFixture.shortId(),
                "color", "#123456")).get("id");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private String base() {
        return "/api/data/projects/" + project + "/budgets";
    }

    private long events(String name) {
        return admin.get("/api/data/events/last?limit=500").list().stream()
                .filter(e -> name.equals(e.get("name")) && project.equals(e.get("project_id"))).count();
    }

    // Zou tests/services/test_budget_service.py: test_create_budget (revisions increase, default currency USD)
    @Test
    void budgetsAreCreatedWithIncreasingRevisionsUpdatedAndDeleted() {
        long created = events("budget:create");
        ApiClient.Reply first = manager.post(base(), Map.of("name", "First"));
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.map()).containsEntry("type", "Budget").containsEntry("name", "First")
                .containsEntry("currency", "USD").containsEntry("project_id", project).containsKey("revision");
        int revision = ((Number) first.map().get("revision")).intValue();
        ApiClient.Reply second = admin.post(base() + "/", Map.of("name", "Second", "currency", "EUR"));
        assertThat(second.map()).containsEntry("revision", revision + 1).containsEntry("currency", "EUR");
        assertThat(events("budget:create")).isEqualTo(created + 2);
        String id = (String) second.map().get("id");

        assertThat(manager.get(base()).list()).extracting(m -> m.get("id")).contains(first.map().get("id"), id);
        assertThat(manager.get(base() + "/" + id).map()).containsEntry("name", "Second");

        ApiClient.Reply updated = manager.put(base() + "/" + id, Map.of("name", "Renamed"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.map()).containsEntry("name", "Renamed").containsEntry("currency", "EUR");
        assertThat(events("budget:update")).isGreaterThanOrEqualTo(1);

        ApiClient.Reply noName = manager.post(base(), Map.of("currency", "EUR"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.map()).containsEntry("message", "Validation error.");

        assertThat(manager.delete(base() + "/" + id).status()).isEqualTo(204);
        assertThat(manager.get(base() + "/" + id).status()).isEqualTo(404);
        assertThat(events("budget:delete")).isGreaterThanOrEqualTo(1);
        assertThat(manager.get(base() + "/not-an-id").status()).isEqualTo(400);
        assertThat(manager.get("/api/data/projects/not-an-id/budgets").status()).isEqualTo(404);
    }

    @Test
    void budgetRoutesAreForTheProjectManagersOnly() {
        String id = (String) admin.post(base(), Map.of("name", "Private")).map().get("id");
        assertThat(artist.get(base()).status()).isEqualTo(403);
        assertThat(artist.post(base(), Map.of("name", "X")).status()).isEqualTo(403);
        assertThat(artist.get(base() + "/" + id).status()).isEqualTo(403);
        assertThat(artist.get(base() + "/" + id + "/entries").status()).isEqualTo(403);
        // a manager outside the team
        assertThat(outsider.get(base()).status()).isEqualTo(403);
        assertThat(outsider.delete(base() + "/" + id).status()).isEqualTo(403);
        // a budget of another project is not found through this one
        String other = f.project("Other budget show");
        String foreign = (String) admin.post("/api/data/projects/" + other + "/budgets", Map.of("name", "F"))
                .map().get("id");
        assertThat(admin.get(base() + "/" + foreign).status()).isEqualTo(404);
    }

    // Zou tests/services/test_budget_service.py: budget entries (create, update with exceptions, delete)
    @Test
    void budgetEntriesCreateUpdateCleanExceptionsAndDelete() {
        String budget = (String) manager.post(base(), Map.of("name", "Entries")).map().get("id");
        String entries = base() + "/" + budget + "/entries";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("department_id", department);
        body.put("person_id", artistId);
        body.put("start_date", "2026-01-01");
        body.put("months_duration", 3);
        body.put("daily_salary", 250.5);
        body.put("position", "artist");
        body.put("seniority", "senior");
        ApiClient.Reply created = manager.post(entries, body);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.map()).containsEntry("type", "BudgetEntry").containsEntry("budget_id", budget)
                .containsEntry("department_id", department).containsEntry("person_id", artistId)
                .containsEntry("start_date", "2026-01-01").containsEntry("months_duration", 3)
                .containsEntry("daily_salary", 250.5).containsEntry("seniority", "senior")
                .containsEntry("exceptions", Map.of());
        String entry = (String) created.map().get("id");
        assertThat(events("budget-entry:create")).isGreaterThanOrEqualTo(1);

        assertThat(manager.get(entries).list()).extracting(m -> m.get("id")).containsExactly(entry);
        assertThat(manager.get(entries + "/" + entry).map()).containsEntry("daily_salary", 250.5);

        Map<String, Object> exceptions = new LinkedHashMap<>();
        exceptions.put("2026-02", 12);
        exceptions.put("2026-03", 0);
        exceptions.put("2026-04", null);
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("daily_salary", 300);
        change.put("exceptions", exceptions);
        ApiClient.Reply updated = manager.put(entries + "/" + entry, change);
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.map()).containsEntry("daily_salary", 300.0).containsEntry("exceptions",
                Map.of("2026-02", 12)).containsEntry("department_id", department);
        assertThat(events("budget-entry:update")).isGreaterThanOrEqualTo(1);

        assertThat(manager.post(entries, Map.of("start_date", "2026-01-01")).status()).isEqualTo(400);
        assertThat(manager.post(entries, Map.of("department_id", department, "months_duration", 1,
                "daily_salary", 1, "start_date", "2026-01-01", "seniority", "guru")).status()).isEqualTo(400);
        assertThat(artist.put(entries + "/" + entry, Map.of("daily_salary", 1)).status()).isEqualTo(403);

        assertThat(manager.delete(entries + "/" + entry).status()).isEqualTo(204);
        assertThat(manager.get(entries + "/" + entry).status()).isEqualTo(404);
        assertThat(events("budget-entry:delete")).isGreaterThanOrEqualTo(1);
        assertThat(manager.get(entries).list()).isEmpty();
        // deleting a budget removes its entries
        manager.post(entries, body);
        assertThat(manager.delete(base() + "/" + budget).status()).isEqualTo(204);
        assertThat(admin.get("/api/data/budget-entries?budget_id=" + budget).list()).isEmpty();
    }
}
