package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A production built the way gazu builds it (its paths, under {@code /api}): project, task types enabled in it, an
 * asset type, assets, an episode, sequences, shots, their tasks, an asset's casting, Kitsu's with-tasks views, then
 * deletes. The casting of shots and the CSV exports belong to the breakdown area and are not exercised here.
 */
class GazuStyleEntitiesEndToEndTest {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    private static Map<String, Object> created(ApiClient.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.map();
    }

    @Test
    void aSmallProductionFromProjectToWithTasksViewsAndDeletes() {
        try (EntityRoutesFixture f = new EntityRoutesFixture()) {
            ApiClient gazu = f.admin;
            String project = (String) created(gazu.post("/api/data/projects", Map.of("name", "Caminandes")))
                    .get("id");
            String modeling = (String) created(gazu.post("/api/data/task-types", Map.of("name", "Modeling",
                    "color", "#112233", "for_entity", "Asset"))).get("id");
            String animation = (String) created(gazu.post("/api/data/task-types", Map.of("name", "Animation",
                    "color", "#332211", "for_entity", "Shot"))).get("id");
            created(gazu.post("/api/data/task-status", Map.of("name", "Todo", "short_name", "todo",
                    "color", "#f5f5f5", "is_default", true)));
            for (String type : List.of(modeling, animation)) {
                created(gazu.post("/api/data/task-type-links", Map.of("project_id", project, "task_type_id", type)));
            }
            String character = (String) created(gazu.post("/api/data/entity-types", Map.of("name", "Character")))
                    .get("id");
            assertThat(gazu.get("/api/data/asset-types/" + character).map()).containsEntry("type", "AssetType");

            String llama = (String) created(gazu.post("/api/data/projects/" + project + "/asset-types/" + character
                    + "/assets/new", Map.of("name", "Koro", "description", "the llama"))).get("id");
            String penguin = (String) created(gazu.post("/api/data/projects/" + project + "/asset-types/"
                    + character + "/assets/new", Map.of("name", "Oti", "description", "the penguin"))).get("id");
            assertThat(gazu.get("/api/data/projects/" + project + "/asset-types").list())
                    .extracting(t -> t.get("id")).containsExactly(character);
            String episode = (String) created(gazu.post("/api/data/projects/" + project + "/episodes",
                    Map.of("name", "E01"))).get("id");
            String sequence = (String) created(gazu.post("/api/data/projects/" + project + "/sequences",
                    Map.of("name", "SQ01", "episode_id", episode))).get("id");
            String shot = (String) created(gazu.post("/api/data/projects/" + project + "/shots",
                    Map.of("name", "SH010", "sequence_id", sequence, "nb_frames", 120))).get("id");

            ApiClient.Reply tasks = gazu.post("/api/data/entities/" + llama + "/tasks",
                    Map.of("task_type_ids", List.of(modeling)));
            assertThat(tasks.status()).as(tasks.text()).isEqualTo(201);
            assertThat(tasks.list()).hasSize(1);
            assertThat(gazu.post("/api/data/entities/" + shot + "/tasks", Map.of("task_type_ids",
                    List.of(animation))).status()).isEqualTo(201);
            assertThat(gazu.put("/api/data/assets/" + llama + "/casting", List.of(Map.of("asset_id", penguin,
                    "nb_occurences", 1))).status()).isEqualTo(200);

            List<Map<String, Object>> assets = gazu.get("/api/data/assets/with-tasks?project_id=" + project).list();
            assertThat(assets).extracting(a -> a.get("name")).containsExactly("Koro", "Oti");
            assertThat(list(assets.get(0).get("tasks"))).extracting(t -> t.get("task_type_id"))
                    .containsExactly(modeling);
            List<Map<String, Object>> shots = gazu.get("/api/data/shots/with-tasks?project_id=" + project).list();
            assertThat(shots).singleElement().satisfies(s -> assertThat(s).containsEntry("episode_name", "E01")
                    .containsEntry("nb_frames", 120));
            assertThat(list(shots.get(0).get("tasks"))).extracting(t -> t.get("task_type_id"))
                    .containsExactly(animation);
            assertThat(gazu.get("/api/data/shots/" + shot + "/").map()).containsEntry("sequence_name", "SQ01");
            assertThat(gazu.get("/api/data/sequences/" + sequence + "/shots/").list()).hasSize(1);

            assertThat(gazu.delete("/api/data/shots/" + shot + "?force=true").status()).isEqualTo(204);
            assertThat(gazu.delete("/api/data/sequences/" + sequence).status()).isEqualTo(204);
            assertThat(gazu.delete("/api/data/assets/" + llama).status()).as("with tasks: canceled").isEqualTo(204);
            assertThat(gazu.get("/api/data/assets/" + llama).map()).containsEntry("canceled", true);
            assertThat(gazu.delete("/api/data/assets/" + llama + "?force=true").status()).isEqualTo(204);
            assertThat(gazu.get("/api/data/projects/" + project + "/assets").list()).extracting(a -> a.get("id"))
                    .containsExactly(penguin);
            assertThat(gazu.get("/api/data/assets/" + penguin + "/cast-in").list()).isEmpty();
        }
    }
}
