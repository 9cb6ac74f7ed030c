package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.http.ProductionHttpFixture.data;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.storage.StorageBackend;
import org.zou4j.storage.h2.H2Storage;

/**
 * Zou's {@code breakdown} blueprint over HTTP on real data (H2 here; {@link BreakdownRoutesPostgresTest} runs the same
 * on PostgreSQL). Entities are made through the generic {@code /data/entities} routes. Behaviours copied from Zou's
 * tests cite them by name (tests/blueprints/breakdown/*.py).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BreakdownRoutesTest {
    ProductionHttpFixture fx;
    ApiClient admin;

    // one project per test: ep1 > sq1 > sh1, sh2; ep2 > sq2 > sh3; assets: props box, ball; characters hero
    String project;
    String ep1;
    String ep2;
    String sq1;
    String sq2;
    String sh1;
    String sh2;
    String sh3;
    String box;
    String ball;
    String hero;

    StorageBackend storage() {
        return H2Storage.inMemory();
    }

    @BeforeAll
    void start() {
        fx = new ProductionHttpFixture(storage());
        admin = fx.admin;
    }

    @AfterAll
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @BeforeEach
    void makeData() {
        project = fx.project("Breakdown");
        ep1 = fx.entity(project, "Episode", "E01", null);
        ep2 = fx.entity(project, "Episode", "E02", null);
        sq1 = fx.entity(project, "Sequence", "SQ01", ep1);
        sq2 = fx.entity(project, "Sequence", "SQ02", ep2);
        sh1 = fx.entity(project, "Shot", "SH010", sq1);
        sh2 = fx.entity(project, "Shot", "SH020", sq1);
        sh3 = fx.entity(project, "Shot", "SH030", sq2);
        box = fx.entity(project, "Props", "Box", null);
        ball = fx.entity(project, "Props", "Ball", null);
        hero = fx.entity(project, "Character", "Hero", null);
    }

    private String casting(String entity) {
        return "/api/data/projects/" + project + "/entities/" + entity + "/casting";
    }

    private static Map<String, Object> cast(String assetId, int nb, String label) {
        return Map.of("asset_id", assetId, "nb_occurences", nb, "label", label);
    }

    // Zou: test_shot_casting.test_update_casting
    @Test
    @SuppressWarnings("unchecked")
    void shotCastingIsReplacedAndReadBackOrderedByTypeThenName() {
        assertThat(admin.get(casting(sh1)).list()).isEmpty();
        ApiClient.Reply put = admin.put(casting(sh1), List.of(cast(hero, 3, "main"), cast(box, 1, ""),
                cast(ball, 2, "fg")));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.list()).hasSize(3).first().satisfies(c -> assertThat(c).containsEntry("asset_id", hero));

        List<Map<String, Object>> read = admin.get(casting(sh1)).list();
        assertThat(read).extracting(c -> c.get("asset_name")).containsExactly("Hero", "Ball", "Box");
        assertThat(read.get(0)).containsOnlyKeys("asset_id", "asset_name", "asset_type_name", "ready_for",
                "episode_id", "preview_file_id", "nb_occurences", "label", "is_shared", "project_id")
                .containsEntry("asset_id", hero).containsEntry("asset_type_name", "Character")
                .containsEntry("nb_occurences", 3).containsEntry("label", "main").containsEntry("is_shared", false)
                .containsEntry("project_id", project);
        assertThat(admin.get("/api/data/entities/" + sh1).map()).containsEntry("nb_entities_out", 3);

        Map<String, Object> event = fx.events("shot:casting-update").get(0);
        assertThat(data(event)).containsEntry("shot_id", sh1).containsEntry("nb_entities_out", 3)
                .containsEntry("removed_asset_ids", List.of()).containsEntry("project_id", project);
        assertThat((List<Object>) data(event).get("added_asset_ids")).containsExactlyInAnyOrder(hero, box, ball);
        assertThat(fx.events("entity-link:new")).extracting(e -> data(e).get("entity_in_id"))
                .contains(sh1).doesNotContain(ep1); // the episode link made for a shot emits asset:update only

        // replacing: Box leaves, one event lists it as removed
        assertThat(admin.put(casting(sh1), List.of(cast(hero, 1, ""), cast(ball, 2, "fg"))).status())
                .isEqualTo(200);
        assertThat(admin.get(casting(sh1)).list()).extracting(c -> c.get("asset_name"))
                .containsExactly("Hero", "Ball");
        assertThat(data(fx.events("shot:casting-update").get(0))).containsEntry("added_asset_ids", List.of())
                .containsEntry("removed_asset_ids", List.of(box)).containsEntry("nb_entities_out", 2);
    }

    // Zou: test_episode_casting.test_shot_casting_shows_up_on_its_episode (and the detach when no shot casts it)
    @Test
    void shotCastingCastsTheEpisodeTooUntilNoShotOfItCastsTheAsset() {
        admin.put(casting(sh1), List.of(cast(box, 2, "")));
        admin.put(casting(sh2), List.of(cast(box, 1, "")));
        Map<String, Object> episodes = admin.get("/api/data/projects/" + project + "/episodes/casting").map();
        assertThat(episodes).containsOnlyKeys(ep1);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ep1Casting = (List<Map<String, Object>>) episodes.get(ep1);
        assertThat(ep1Casting).singleElement().satisfies(c -> assertThat(c).containsEntry("asset_id", box)
                .containsEntry("name", "Box").containsEntry("asset_name", "Box")
                .containsEntry("asset_type_name", "Props").containsEntry("nb_occurences", 1));
        assertThat(fx.events("asset:update")).extracting(e -> data(e).get("asset_id")).contains(box);

        admin.put(casting(sh1), List.of());
        assertThat(admin.get(casting(ep1)).list()).extracting(c -> c.get("asset_id")).containsExactly(box);
        admin.put(casting(sh2), List.of());
        assertThat(admin.get(casting(ep1)).list()).isEmpty();
        assertThat(data(fx.events("episode:casting-update").get(0))).containsEntry("episode_id", ep1)
                .containsEntry("removed_asset_ids", List.of(box)).containsEntry("nb_entities_out", 0);
    }

    // Zou: test_episode_casting.test_remove_from_episode_casting
    @Test
    void removingAnAssetFromAnEpisodeRemovesItFromTheEpisodeShots() {
        admin.put(casting(sh1), List.of(cast(box, 2, ""), cast(hero, 1, "")));
        admin.put(casting(ep1), List.of(cast(hero, 1, "")));
        assertThat(admin.get(casting(sh1)).list()).extracting(c -> c.get("asset_id")).containsExactly(hero);
        assertThat(admin.get("/api/data/entities/" + sh1).map()).containsEntry("nb_entities_out", 1);
        assertThat(fx.events("shot:casting-update")).anySatisfy(e -> assertThat(data(e))
                .containsEntry("shot_id", sh1).containsEntry("removed_asset_ids", List.of(box)));
        assertThat(data(fx.events("episode:casting-update").get(0))).containsEntry("episode_id", ep1)
                .containsEntry("removed_asset_ids", List.of(box));
    }

    // Zou: test_breakdown.test_get_sequence_casting, test_get_sequences_all_casting,
    // test_get_episode_sequences_all_casting
    @Test
    void sequenceAndAllSequencesCastingAreKeyedByShotInZouOrder() {
        admin.put(casting(sh2), List.of(cast(box, 1, "")));
        admin.put(casting(sh1), List.of(cast(box, 1, ""), cast(hero, 4, "x")));
        admin.put(casting(sh3), List.of(cast(ball, 1, "")));

        Map<String, Object> seq = admin.get("/api/data/projects/" + project + "/sequences/" + sq1 + "/casting").map();
        assertThat(seq.keySet()).containsExactly(sh1, sh2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sh1Casting = (List<Map<String, Object>>) seq.get(sh1);
        assertThat(sh1Casting).extracting(c -> c.get("asset_name")).containsExactly("Hero", "Box");
        assertThat(sh1Casting.get(0)).containsOnlyKeys("asset_id", "name", "asset_name", "asset_type_name",
                "sequence_name", "preview_file_id", "nb_occurences", "label", "is_shared", "project_id")
                .containsEntry("sequence_name", "SQ01").containsEntry("nb_occurences", 4).containsEntry("label", "x");

        Map<String, Object> all = admin.get("/api/data/projects/" + project + "/sequences/all/casting").map();
        assertThat(all.keySet()).containsExactly(sh1, sh2, sh3);
        Map<String, Object> ofEp2 = admin.get("/api/data/projects/" + project + "/episodes/" + ep2
                + "/sequences/all/casting").map();
        assertThat(ofEp2.keySet()).containsExactly(sh3);
        assertThat(admin.get("/api/data/projects/" + project + "/episodes/main/sequences/all/casting").map())
                .isEmpty();
        assertThat(admin.get("/api/data/projects/" + project + "/sequences/" + sh1 + "/casting").status())
                .isEqualTo(404);
    }

    // Zou: test_shot_casting.test_update_asset_casting, test_breakdown.test_get_asset_type_casting
    @Test
    void assetCastingAndAssetTypeCasting() {
        assertThat(admin.put(casting(hero), List.of(cast(box, 2, "hand"))).status()).isEqualTo(200);
        assertThat(data(fx.events("asset:casting-update").get(0))).containsEntry("asset_id", hero)
                .containsEntry("added_asset_ids", List.of(box));
        String characterType = fx.entityType("Character");
        Map<String, Object> byType = admin.get("/api/data/projects/" + project + "/asset-types/" + characterType
                + "/casting").map();
        assertThat(byType).containsOnlyKeys(hero);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> heroCasting = (List<Map<String, Object>>) byType.get(hero);
        assertThat(heroCasting).singleElement().satisfies(c -> assertThat(c).containsOnlyKeys("asset_id", "name",
                "asset_name", "asset_type_name", "preview_file_id", "nb_occurences", "label")
                .containsEntry("asset_id", box).containsEntry("label", "hand"));
        assertThat(admin.get("/api/data/projects/" + project + "/asset-types/" + fx.entityType("Shot")
                + "/casting").status()).isEqualTo(404);
    }

    // Zou: test_breakdown.test_update_entities_casting, test_update_entities_casting_rejects_non_object_body
    @Test
    void severalCastingsAtOnce() {
        String path = "/api/data/projects/" + project + "/entities/casting";
        ApiClient.Reply r = admin.put(path, Map.of(sh1, List.of(cast(box, 1, "")), sh2, List.of(cast(hero, 2, ""))));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.map()).containsOnlyKeys(sh1, sh2);
        assertThat(admin.get(casting(sh2)).list()).extracting(c -> c.get("asset_id")).containsExactly(hero);
        assertThat(admin.put(path, List.of()).status()).isEqualTo(400);
        assertThat(admin.put(path, Map.of(sh1, "x")).status()).isEqualTo(400);
        String other = fx.project("Other");
        String foreign = fx.entity(other, "Shot", "SH999", null);
        assertThat(admin.put(path, Map.of(sh1, List.of(), foreign, List.of())).status()).isEqualTo(403);
        assertThat(admin.get(casting(sh1)).list()).as("nothing changed").hasSize(1);
    }

    @Test
    void badCastingBodiesAreClear4xx() {
        ApiClient.Reply notArray = admin.put(casting(sh1), Map.of("asset_id", box));
        assertThat(notArray.status()).isEqualTo(400);
        assertThat(notArray.map()).containsEntry("message", "Request body must be a JSON array");
        assertThat(admin.put(casting(sh1), List.of(Map.of("asset_id", "nope", "nb_occurences", 1))).status())
                .isEqualTo(400);
        assertThat(admin.get(casting("6f1b2c3d-0000-4000-8000-000000000000")).status()).isEqualTo(404);
        // items without nb_occurences are ignored, as Zou does
        assertThat(admin.put(casting(sh1), List.of(Map.of("asset_id", box))).status()).isEqualTo(200);
        assertThat(admin.get(casting(sh1)).list()).isEmpty();
    }

    // Zou: test_breakdown.test_update_entities_casting_as_artist_is_forbidden
    @Test
    void permissions() {
        ApiClient outsider = fx.newUser("Outsider", "user");
        assertThat(outsider.get(casting(sh1)).status()).isEqualTo(403);
        assertThat(outsider.get("/api/data/projects/" + project + "/sequences/all/casting").status()).isEqualTo(403);
        assertThat(outsider.get("/api/data/shots/" + sh1 + "/asset-instances").status()).isEqualTo(403);
        assertThat(outsider.put(casting(sh1), List.of()).status()).isEqualTo(403);

        String artistId = fx.person("Artist", "user");
        String vendorId = fx.person("Vendor", "vendor");
        String managerId = fx.person("Manager", "manager");
        String team = fx.projectWithTeam("Team", artistId, vendorId, managerId);
        String shot = fx.entity(team, "Shot", "SH100", fx.entity(team, "Sequence", "SQ100", null));
        String prop = fx.entity(team, "Props", "Crate", null);
        String path = "/api/data/projects/" + team + "/entities/" + shot + "/casting";
        ApiClient artist = fx.client(fx.email(artistId));
        assertThat(artist.get(path).status()).isEqualTo(200);
        assertThat(artist.put(path, List.of(cast(prop, 1, ""))).status()).isEqualTo(403);
        assertThat(artist.put("/api/data/projects/" + team + "/entities/casting", Map.of()).status())
                .isEqualTo(403);

        ApiClient vendor = fx.client(fx.email(vendorId));
        assertThat(vendor.get(path).status()).isEqualTo(403);
        assertThat(vendor.get("/api/data/projects/" + team + "/episodes/casting").status()).isEqualTo(403);
        assertThat(vendor.get("/api/data/shots/" + shot + "/asset-instances").status()).as("no task assigned")
                .isEqualTo(403);

        assertThat(fx.client(fx.email(managerId)).put(path, List.of(cast(prop, 1, ""))).status()).isEqualTo(200);
        assertThat(artist.get(path).list()).extracting(c -> c.get("asset_name")).containsExactly("Crate");

        String other = fx.project("Other");
        assertThat(admin.get("/api/data/projects/" + other + "/entities/" + sh1 + "/casting").status())
                .as("entity of another project").isEqualTo(403);
    }

    // Zou: test_breakdown.test_get_scene_asset_instances, test_create_scene_asset_instance,
    // test_get_scene_camera_instances, test_get_shot_asset_instances, test_add_asset_instance_to_shot,
    // test_remove_asset_instance_from_shot
    @Test
    void sceneAndShotAssetInstances() {
        String scene = fx.entity(project, "Scene", "SC01", sq1);
        String camera = fx.entity(project, "Camera", "Cam Main", null);
        String path = "/api/data/scenes/" + scene + "/asset-instances";
        ApiClient.Reply first = admin.post(path, Map.of("asset_id", box, "description", "Test instance"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.map()).containsEntry("asset_id", box).containsEntry("scene_id", scene)
                .containsEntry("number", 1).containsEntry("name", "Box_0001")
                .containsEntry("description", "Test instance").containsEntry("type", "AssetInstance");
        ApiClient.Reply second = admin.post(path, Map.of("asset_id", box));
        assertThat(second.map()).containsEntry("number", 2).containsEntry("name", "Box_0002");
        ApiClient.Reply cam = admin.post(path, Map.of("asset_id", camera));
        assertThat(cam.map()).containsEntry("name", "Cam_Main_0001");
        assertThat(data(fx.events("asset_instance:new").get(0))).containsEntry("scene_id", scene)
                .containsEntry("asset_id", camera).containsEntry("asset_instance_id", cam.map().get("id"));

        Map<String, Object> instances = admin.get(path).map();
        assertThat(instances).containsOnlyKeys(box, camera);
        assertThat((List<?>) instances.get(box)).hasSize(2);
        assertThat(admin.get("/api/data/scenes/" + scene + "/camera-instances").map()).containsOnlyKeys(camera);
        assertThat(admin.post(path, Map.of()).status()).isEqualTo(400);
        assertThat(admin.get("/api/data/scenes/" + sh1 + "/asset-instances").status()).as("not a scene")
                .isEqualTo(404);

        String instanceId = (String) first.map().get("id");
        String shotPath = "/api/data/shots/" + sh1 + "/asset-instances";
        ApiClient.Reply added = admin.post(shotPath, Map.of("asset_instance_id", instanceId));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.map()).containsEntry("id", sh1).containsEntry("name", "SH010");
        assertThat(data(fx.events("asset_instance:add-to-shot").get(0))).containsEntry("shot_id", sh1)
                .containsEntry("asset_instance_id", instanceId);
        Map<String, Object> ofShot = admin.get(shotPath).map();
        assertThat(ofShot).containsOnlyKeys(box);
        assertThat(((List<?>) ofShot.get(box)).stream().map(i -> (Object) ((Map<?, ?>) i).get("id")).toList()).containsExactly(instanceId);
        assertThat(admin.get("/api/data/shots/" + box + "/asset-instances").status()).as("not a shot")
                .isEqualTo(404);

        assertThat(admin.delete(shotPath + "/" + instanceId).status()).isEqualTo(204);
        assertThat(admin.get(shotPath).map()).isEmpty();
        assertThat(data(fx.events("asset_instance:remove-from-shot").get(0))).containsEntry("shot_id", sh1);
        assertThat(admin.delete(shotPath + "/" + instanceId).status()).isEqualTo(404);
    }

    // Zou: test_episode_casting.test_get_project_entity_links, test_breakdown.test_delete_entity_link
    @Test
    void castingLinksAreTheProjectEntityLinks() {
        admin.put(casting(hero), List.of(cast(box, 2, "")));
        List<Map<String, Object>> links = admin.get("/api/data/projects/" + project + "/entity-links").list();
        assertThat(links).singleElement().satisfies(l -> assertThat(l).containsEntry("entity_in_id", hero)
                .containsEntry("entity_out_id", box).containsEntry("nb_occurences", 2));
        String linkId = (String) links.get(0).get("id");
        assertThat(admin.delete("/api/data/projects/" + project + "/entity-links/" + linkId).status()).isEqualTo(200);
        assertThat(admin.get(casting(hero)).list()).isEmpty();
    }
}
