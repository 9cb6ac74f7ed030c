package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.storage.h2.H2Storage;

/**
 * A gazu-style session over HTTP with only the routes on this branch: create a project, set its task types, make
 * asset types and entities, cast, read the casting back, export the casting and the assets as CSV, then delete.
 */
class GazuStyleBreakdownEndToEndTest {

    @Test
    void projectToCastingToCsvAndBack() {
        try (ProductionHttpFixture fx = new ProductionHttpFixture(H2Storage.inMemory())) {
            ApiClient api = fx.admin;
            // gazu.project.new_project
            ApiClient.Reply created = api.post("/api/data/projects", Map.of("name", "Agent 327"));
            assertThat(created.status()).isEqualTo(201);
            String project = (String) created.map().get("id");
            // gazu.project.add_task_type (settings)
            String taskType = (String) fx.create("task-types", Map.of("name", "Layout", "for_entity", "Shot"))
                    .get("id");
            assertThat(api.post("/api/data/task-type-links", Map.of("project_id", project, "task_type_id", taskType,
                    "priority", 1)).status()).isEqualTo(201);
            // gazu.asset.new_asset_type, then assets, a sequence and shots as entities
            String props = (String) api.post("/api/data/entity-types", Map.of("name", "Props")).map().get("id");
            String sequence = fx.entity(project, "Sequence", "SQ01", null);
            String shot = fx.entity(project, "Shot", "SH010", sequence);
            String lamp = (String) api.post("/api/data/entities", Map.of("name", "Lamp", "project_id", project,
                    "entity_type_id", props)).map().get("id");
            // gazu.casting.update_shot_casting / get_shot_casting / get_sequence_casting
            String castingPath = "/api/data/projects/" + project + "/entities/" + shot + "/casting";
            assertThat(api.put(castingPath, List.of(Map.of("asset_id", lamp, "nb_occurences", 3))).status())
                    .isEqualTo(200);
            assertThat(api.get(castingPath).list()).singleElement().satisfies(c -> assertThat(c)
                    .containsEntry("asset_name", "Lamp").containsEntry("asset_type_name", "Props")
                    .containsEntry("nb_occurences", 3).containsEntry("label", ""));
            assertThat(api.get("/api/data/projects/" + project + "/sequences/" + sequence + "/casting").map())
                    .containsOnlyKeys(shot);
            assertThat(api.get("/api/data/projects/" + project + "/asset-types/" + props + "/casting").map())
                    .isEmpty();
            // gazu.casting.get_project_entity_links ... then the CSV exports
            assertThat(api.get("/api/data/projects/" + project + "/entity-links").list()).hasSize(1);
            ApiClient.Reply csv = api.get("/api/export/csv/projects/" + project + "/casting.csv?is_shot_casting=true");
            assertThat(csv.text()).isEqualTo("Parent;Name;Asset Type;Asset;Occurences;Label\r\n"
                    + "SQ01;SH010;Props;Lamp;3;\r\n");
            assertThat(api.get("/api/export/csv/projects/" + project + "/assets.csv").text())
                    .isEqualTo("Project;Type;Name;Description;Time Spent\r\nAgent 327;Props;Lamp;;0.00\r\n");
            // un-cast, then delete everything
            assertThat(api.put(castingPath, List.of()).status()).isEqualTo(200);
            assertThat(api.get(castingPath).list()).isEmpty();
            for (String id : List.of(shot, lamp, sequence)) {
                assertThat(api.delete("/api/data/entities/" + id).status()).isEqualTo(204);
            }
            assertThat(api.get("/api/export/csv/projects/" + project + "/assets.csv").text())
                    .isEqualTo("Project;Type;Name;Description;Time Spent\r\n");
        }
    }
}
