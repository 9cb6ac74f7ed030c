package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Casting, cast-in, shared assets, asset instances and scene shots of the assets and shots blueprints, over HTTP. */
class AssetLinkRoutesTest extends EntityRoutesTestBase {
    private String character;
    private String prop;

    @BeforeAll
    void setUp() {
        character = f.create("entity-types", Map.of("name", "Character"));
        prop = f.create("entity-types", Map.of("name", "Prop"));
    }

    private String asset(String project, String type, String name) {
        ApiClient.Reply r = admin.post("/data/projects/" + project + "/asset-types/" + type + "/assets/new",
                Map.of("name", name));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return (String) r.map().get("id");
    }

    private String postId(String path, Map<String, Object> body) {
        ApiClient.Reply r = admin.post(path, body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return (String) r.map().get("id");
    }

    // Zou tests/blueprints/assets/test_asset_routes.py: test_update_asset_casting, test_get_asset_casting,
    // test_get_asset_cast_in, test_get_asset_assets; tests/blueprints/assets/test_assets.py: test_get_shot_assets
    @Test
    void anAssetsCastingIsReplacedAndReadBack() {
        String p = f.project("Casting");
        String hero = asset(p, character, "Hero");
        String sword = asset(p, prop, "Sword");
        String shield = asset(p, prop, "Shield");
        ApiClient.Reply put = admin.put("/data/assets/" + hero + "/casting", List.of(
                Map.of("asset_id", sword, "nb_occurences", 2, "label", "fixed"),
                Map.of("asset_id", shield, "nb_occurences", 1)));
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(data(f.lastEvent("asset:casting-update"))).containsEntry("asset_id", hero)
                .containsEntry("nb_entities_out", 2);
        assertThat(data(f.lastEvent("entity-link:new"))).containsEntry("entity_in_id", hero);
        List<Map<String, Object>> casting = admin.get("/data/assets/" + hero + "/casting").list();
        assertThat(casting).extracting(c -> c.get("asset_name")).containsExactly("Shield", "Sword");
        assertThat(casting.get(1)).containsEntry("asset_id", sword).containsEntry("nb_occurences", 2)
                .containsEntry("label", "fixed").containsEntry("asset_type_name", "Prop");
        assertThat(admin.get("/data/assets/" + hero + "/assets").list()).extracting(a -> a.get("id"))
                .containsExactlyInAnyOrder(sword, shield);
        assertThat(admin.get("/data/assets/" + sword + "/cast-in").list()).singleElement()
                .satisfies(c -> assertThat(c).containsEntry("asset_id", hero).containsEntry("nb_occurences", 2));
        assertThat(admin.put("/data/assets/" + hero + "/casting", Map.of("x", 1)).status()).isEqualTo(400);

        String sq = postId("/data/projects/" + p + "/sequences", Map.of("name", "SQ01"));
        String sh = postId("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq));
        assertThat(admin.get("/data/shots/" + sh + "/assets").list()).isEmpty();
        assertThat(admin.get("/data/shots/" + sh + "/asset-types").list()).isEmpty();

        ApiClient outsider = f.person("user");
        assertThat(outsider.get("/data/assets/" + hero + "/casting").status()).isEqualTo(403);
        assertThat(outsider.put("/data/assets/" + hero + "/casting", List.of()).status()).isEqualTo(403);
        assertThat(outsider.get("/data/assets/" + hero + "/cast-in").status()).isEqualTo(403);
    }

    // Zou tests/blueprints/assets/test_asset_routes.py: test_share_assets, test_share_project_assets,
    // test_share_project_asset_type_assets, test_get_project_shared_used_assets
    @Test
    void sharingAssetsAndSharedAssetsUsedElsewhere() {
        String library = f.project("Library");
        String show = f.project("Show");
        String tree = asset(library, prop, "Tree");
        String rock = asset(library, prop, "Rock");
        List<Map<String, Object>> shared = admin.post("/actions/projects/" + library + "/assets/share",
                Map.of("asset_ids", List.of(tree))).list();
        assertThat(shared).singleElement().satisfies(a -> assertThat(a).containsEntry("id", tree)
                .containsEntry("is_shared", true));
        assertThat(admin.get("/data/assets/" + rock).map()).containsEntry("is_shared", false);
        assertThat(admin.post("/actions/projects/" + library + "/asset-types/" + prop + "/assets/share",
                Map.of("is_shared", true)).list()).hasSize(2);
        assertThat(admin.post("/actions/assets/share", Map.of("asset_ids", List.of(rock), "is_shared", false))
                .list()).singleElement().satisfies(a -> assertThat(a).containsEntry("is_shared", false));

        String sq = postId("/data/projects/" + show + "/sequences", Map.of("name", "SQ01"));
        String sh = postId("/data/projects/" + show + "/shots", Map.of("name", "SH010", "sequence_id", sq));
        String link = f.create("entity-links", Map.of("entity_in_id", sh, "entity_out_id", tree,
                "nb_occurences", 1));
        assertThat(link).isNotNull();
        assertThat(admin.get("/data/projects/" + show + "/assets/shared-used").list()).extracting(a -> a.get("id"))
                .containsExactly(tree);
        String ep = postId("/data/projects/" + show + "/episodes", Map.of("name", "E01"));
        assertThat(admin.get("/data/projects/" + show + "/episodes/" + ep + "/assets/shared-used").list()).isEmpty();

        ApiClient outsider = f.person("user");
        assertThat(outsider.post("/actions/projects/" + library + "/assets/share", Map.of()).status())
                .isEqualTo(403);
        assertThat(outsider.post("/actions/assets/share", Map.of("asset_ids", List.of(tree))).status())
                .isEqualTo(403);
        assertThat(outsider.get("/data/projects/" + show + "/assets/shared-used").status()).isEqualTo(403);
    }

    // Zou tests/blueprints/assets/test_asset_routes.py: test_create_asset_asset_instance,
    // test_get_asset_asset_instances
    @Test
    void assetInstancesAndSceneShots() {
        String p = f.project("Instances");
        String set = asset(p, prop, "Set");
        String chair = asset(p, prop, "Chair");
        ApiClient.Reply created = admin.post("/data/assets/" + set + "/asset-asset-instances",
                Map.of("asset_to_instantiate_id", chair, "description", "first"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.map()).containsEntry("name", "Chair_0001").containsEntry("number", 1)
                .containsEntry("asset_id", chair).containsEntry("target_asset_id", set);
        assertThat(admin.post("/data/assets/" + set + "/asset-asset-instances",
                Map.of("asset_to_instantiate_id", chair)).map()).containsEntry("number", 2);
        Map<String, Object> grouped = admin.get("/data/assets/" + set + "/asset-asset-instances").map();
        assertThat((List<?>) grouped.get(chair)).hasSize(2);
        assertThat(admin.get("/data/assets/" + chair + "/shot-asset-instances").map()).isEmpty();
        assertThat(admin.get("/data/assets/" + chair + "/scene-asset-instances").map()).containsKey("null");

        String sq = postId("/data/projects/" + p + "/sequences", Map.of("name", "SQ01"));
        String sh = postId("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq));
        String sc = postId("/data/projects/" + p + "/scenes", Map.of("name", "SC01", "sequence_id", sq));
        ApiClient.Reply added = admin.post("/data/scenes/" + sc + "/shots", Map.of("shot_id", sh));
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        assertThat(added.map()).containsEntry("source_id", sc);
        assertThat(data(f.lastEvent("shot:add-to-scene"))).containsEntry("scene_id", sc).containsEntry("shot_id", sh);
        assertThat(admin.get("/data/scenes/" + sc + "/shots").list()).extracting(s -> s.get("id")).containsExactly(sh);
        assertThat(admin.delete("/data/scenes/" + sc + "/shots/" + sh).status()).isEqualTo(204);
        assertThat(admin.get("/data/scenes/" + sc + "/shots").list()).isEmpty();
        assertThat(data(f.lastEvent("shot:remove-from-scene"))).containsEntry("shot_id", sh);
    }
}
