package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Zou's departments blueprint over HTTP: software licenses and hardware items of departments (admins only). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class DepartmentRoutesTest {
    /** The storage the tests run on: in-memory H2 here, PostgreSQL in the {@code ...PostgresTest} subclass. */
    org.zou4j.storage.StorageBackend storage() {
        return org.zou4j.storage.h2.H2Storage.inMemory();
    }

    private ProductionHttpFixture f;
    private ApiClient admin;
    private ApiClient manager;

    @BeforeAll
    void start() {
        f = new ProductionHttpFixture(storage());
        admin = f.admin;
        manager = f.newUser("Manon", "manager");
    }

    @AfterAll
    void stop() {
        f.close();
    }

    private String department(String name) {
        return (String) f.create("departments", Map.of("name", name + " " + ProductionHttpFixture.shortId(),
                "color", "#101010")).get("id");
    }

    // Zou tests/blueprints/departments/test_departments.py: software licenses linked to departments
    @Test
    void softwareLicensesAreLinkedListedAndUnlinked() {
        String dep = department("Modeling");
        String software = (String) f.create("softwares", Map.of("name", "Blender " + ProductionHttpFixture.shortId(),
                "short_name", "bl", "file_extension", ".blend")).get("id");
        String path = "/api/data/departments/" + dep + "/software-licenses";

        ApiClient.Reply added = admin.post(path, Map.of("software_id", software));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.map()).containsEntry("department_id", dep).containsEntry("software_id", software)
                .containsKey("id");
        assertThat(admin.post(path, Map.of("software_id", software)).map().get("id")).isEqualTo(added.map().get("id"));

        Map<String, Object> all = admin.get("/api/data/departments/software-licenses").map();
        assertThat((List<Map<String, Object>>) all.get(dep)).extracting(m -> m.get("id")).containsExactly(software);
        assertThat(admin.get(path + "/" + software).map()).containsEntry("id", software)
                .containsEntry("type", "Software");

        assertThat(admin.post(path, Map.of("software_id", "nope")).status()).isEqualTo(400);
        assertThat(admin.post(path, Map.of()).status()).isEqualTo(400);
        assertThat(admin.post(path, Map.of("software_id", "00000000-0000-0000-0000-000000000001")).status())
                .isEqualTo(404);
        assertThat(admin.post("/api/data/departments/00000000-0000-0000-0000-000000000001/software-licenses",
                Map.of("software_id", software)).status()).isEqualTo(404);
        assertThat(manager.post(path, Map.of("software_id", software)).status()).isEqualTo(403);
        assertThat(manager.get("/api/data/departments/software-licenses").status()).isEqualTo(403);

        assertThat(admin.delete(path + "/" + software).status()).isEqualTo(204);
        assertThat(admin.get(path + "/" + software).status()).isEqualTo(404);
        assertThat(admin.get("/api/data/departments/software-licenses").map()).doesNotContainKey(dep);
    }

    // Zou tests/blueprints/departments/test_departments.py: hardware items linked to departments
    @Test
    void hardwareItemsAreLinkedListedAndUnlinked() {
        String dep = department("Lighting");
        String item = (String) f.create("hardware-items", Map.of("name", "GPU " + ProductionHttpFixture.shortId(),
                "short_name", "gpu")).get("id");
        String path = "/api/data/departments/" + dep + "/hardware-items";
        ApiClient.Reply added = admin.post(path, Map.of("hardware_item_id", item));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.map()).containsEntry("hardware_item_id", item).containsEntry("department_id", dep);
        Map<String, Object> all = admin.get("/api/data/departments/hardware-items").map();
        assertThat((List<Map<String, Object>>) all.get(dep)).extracting(m -> m.get("id")).containsExactly(item);
        assertThat(admin.get(path + "/" + item).map()).containsEntry("type", "HardwareItem");
        assertThat(manager.delete(path + "/" + item).status()).isEqualTo(403);
        assertThat(admin.delete(path + "/" + item).status()).isEqualTo(204);
        assertThat(admin.get("/api/data/departments/hardware-items").map()).doesNotContainKey(dep);
        assertThat(admin.delete(path + "/not-an-id").status()).isEqualTo(400);
    }
}
