package org.zou4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.assets.Assets;
import org.zou4j.assets.EntityKind;
import org.zou4j.assets.JsonStream;

/** The typed in-process API of the entity areas ({@code session.assets()}), without HTTP. */
class AssetsApiTest {

    @Test
    void anEmbeddingApplicationBuildsAndReadsAProductionWithoutUrls() throws Exception {
        try (ZouEngine engine = TestEngines.engine()) {
            Session system = engine.systemSession();
            String project = system.data("projects").create(Map.of("name", "Embedded")).id();
            String character = system.data("entity-types").create(Map.of("name", "Character")).id();
            Assets assets = system.assets();

            Map<String, Object> hero = assets.newAsset(project, character, "Hero", "the hero", Map.of("rig", 1));
            assertThat(hero).containsEntry("type", "Asset").containsEntry("name", "Hero");
            String episode = (String) assets.newEpisode(project, "E01").get("id");
            String sequence = (String) assets.newSequence(project, episode, "SQ01").get("id");
            Map<String, Object> shot = assets.newShot(project, sequence, "SH010", 48);
            assertThat(shot).containsEntry("nb_frames", 48).containsEntry("parent_id", sequence);

            assertThat(assets.get(EntityKind.ASSET, (String) hero.get("id"))).containsEntry("asset_type_name",
                    "Character");
            assertThat(assets.get(EntityKind.SHOT, (String) shot.get("id"))).containsEntry("episode_name", "E01");
            assertThat(assets.children(EntityKind.EPISODE, episode, EntityKind.SHOT, Query.all()))
                    .extracting(s -> s.get("id")).containsExactly(shot.get("id"));
            assertThatThrownBy(() -> assets.get(EntityKind.SHOT, (String) hero.get("id")))
                    .isInstanceOfSatisfying(ZouException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonStream view = assets.withTasks(EntityKind.ASSET, Query.parse("project_id=" + project))) {
                view.writeJson(out);
            }
            List<?> rows = new ObjectMapper().readValue(out.toByteArray(), List.class);
            assertThat(rows).hasSize(1);

            ByteArrayOutputStream listed = new ByteArrayOutputStream();
            try (JsonStream list = assets.projectListStream(EntityKind.ASSET, project, Query.all())) {
                list.writeJson(listed);
            }
            assertThat(new ObjectMapper().readValue(listed.toByteArray(), List.class)).as("streamed = listed")
                    .isEqualTo(new ObjectMapper().readValue(new ObjectMapper().writeValueAsBytes(
                            assets.projectList(EntityKind.ASSET, project, Query.all())), List.class));

            assets.delete(EntityKind.ASSET, (String) hero.get("id"), false);
            assertThat(assets.projectList(EntityKind.ASSET, project, Query.all())).isEmpty();
        }
    }
}
