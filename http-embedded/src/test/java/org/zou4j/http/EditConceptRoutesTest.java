package org.zou4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Zou's edits and concepts blueprints, the other kinds' with-tasks views, previews and versions, over HTTP. */
class EditConceptRoutesTest extends EntityRoutesTestBase {
    private String taskType;
    private String sequenceTaskType;
    private String todo;

    @BeforeAll
    void setUp() {
        taskType = f.create("task-types", Map.of("name", "Edit", "color", "#112233", "for_entity", "Edit"));
        sequenceTaskType = f.create("task-types", Map.of("name", "Storyboard", "color", "#112233",
                "for_entity", "Sequence"));
        todo = f.create("task-status", Map.of("name", "Todo", "short_name", "todo", "color", "#f5f5f5"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }

    // Zou tests/blueprints/edits/test_edits.py: test_create_edit, test_get_edit, test_get_project_edits,
    // test_remove_edit_with_tasks (canceled), test_remove_edit_with_tasks_force
    @Test
    void editsAreCreatedListedReadAndDeleted() {
        String p = f.project("Edits");
        String ep = (String) post("/data/projects/" + p + "/episodes", Map.of("name", "E01")).get("id");
        Map<String, Object> edit = post("/data/projects/" + p + "/edits", Map.of("name", "Trailer", "episode_id", ep,
                "description", "cut"));
        String id = (String) edit.get("id");
        assertThat(edit).containsEntry("type", "Edit").containsEntry("parent_id", ep);
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) f.lastEvent("edit:new").get("data");
        assertThat(event).containsEntry("edit_id", id).containsEntry("parent_id", ep);
        String task = f.task(p, id, taskType, todo);

        Map<String, Object> full = admin.get("/data/edits/" + id).map();
        assertThat(full).containsEntry("type", "Edit").containsEntry("episode_id", ep)
                .containsEntry("episode_name", "E01").containsEntry("project_name", "Edits");
        assertThat(list(full.get("tasks"))).extracting(t -> t.get("id")).containsExactly(task);
        assertThat(admin.get("/data/edits?project_id=" + p).list()).extracting(m -> m.get("id")).containsExactly(id);
        assertThat(admin.get("/data/edits/all?project_id=" + p).list()).hasSize(1);
        assertThat(admin.get("/data/projects/" + p + "/edits").list()).extracting(m -> m.get("id"))
                .containsExactly(id);
        assertThat(admin.get("/data/episodes/" + ep + "/edits").list()).extracting(m -> m.get("id"))
                .containsExactly(id);
        assertThat(admin.get("/data/episodes/" + ep + "/edit-tasks").list()).extracting(m -> m.get("id"))
                .containsExactly(task);
        assertThat(admin.get("/data/edits/with-tasks?project_id=" + p).list()).singleElement()
                .satisfies(e -> assertThat(list(e.get("tasks"))).hasSize(1));
        assertThat(admin.get("/data/edits/" + id + "/tasks").list()).hasSize(1);
        assertThat(admin.get("/data/edits/" + id + "/task-types").list()).extracting(t -> t.get("id"))
                .containsExactly(taskType);
        assertThat(admin.get("/data/edits/" + id + "/preview-files").map()).isEmpty();
        assertThat(admin.get("/data/edits/" + ep).status()).isEqualTo(404);

        assertThat(admin.delete("/data/edits/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/data/edits/" + id).map()).containsEntry("canceled", true);
        assertThat(admin.delete("/data/edits/" + id + "?force=true").status()).isEqualTo(204);
        assertThat(admin.get("/data/edits/" + id).status()).isEqualTo(404);
    }

    // Zou tests/blueprints/concepts/test_concepts.py: test_create_concept, test_get_concept, test_get_project_concepts,
    // test_delete_concept
    @Test
    void conceptsAreCreatedByTeamMembersWithTheirLinks() {
        ApiClient member = f.person("user");
        String p = f.projectWithTeam("Concepts", member);
        String character = f.create("entity-types", Map.of("name", "Character"));
        String asset = (String) post("/data/projects/" + p + "/asset-types/" + character + "/assets/new",
                Map.of("name", "Hero")).get("id");
        ApiClient.Reply created = member.post("/data/projects/" + p + "/concepts", Map.of("name", "Sketch",
                "entity_concept_links", List.of(asset)));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = (String) created.map().get("id");
        assertThat(created.map()).containsEntry("type", "Concept");
        Map<String, Object> full = admin.get("/data/concepts/" + id).map();
        assertThat(full).containsEntry("type", "Concept").containsEntry("project_name", "Concepts")
                .containsEntry("entity_concept_links", List.of(asset)).containsKey("tasks");
        assertThat(admin.get("/data/concepts?project_id=" + p).list()).extracting(m -> m.get("id"))
                .containsExactly(id);
        assertThat(admin.get("/data/projects/" + p + "/concepts").list()).hasSize(1);
        assertThat(admin.get("/data/concepts/with-tasks?project_id=" + p).list()).hasSize(1);
        assertThat(admin.get("/data/concepts/" + id + "/tasks").list()).isEmpty();
        assertThat(admin.get("/data/concepts/" + id + "/task-types").list()).isEmpty();
        assertThat(admin.get("/data/concepts/" + id + "/preview-files").map()).isEmpty();

        ApiClient outsider = f.person("user");
        assertThat(outsider.get("/data/concepts/" + id).status()).isEqualTo(403);
        assertThat(outsider.post("/data/projects/" + p + "/concepts", Map.of("name", "X")).status()).isEqualTo(403);
        assertThat(member.delete("/data/concepts/" + id).status()).as("its creator").isEqualTo(204);
        assertThat(admin.get("/data/concepts/" + id).status()).isEqualTo(404);
    }

    @Test
    void sequencesEpisodesAndScenesHaveWithTasksViews() {
        String p = f.project("Views");
        String ep = (String) post("/data/projects/" + p + "/episodes", Map.of("name", "E01")).get("id");
        String sq = (String) post("/data/projects/" + p + "/sequences", Map.of("name", "SQ01", "episode_id", ep))
                .get("id");
        String task = f.task(p, sq, sequenceTaskType, todo);
        List<Map<String, Object>> seqs = admin.get("/data/sequences/with-tasks?project_id=" + p).list();
        assertThat(seqs).singleElement().satisfies(s -> assertThat(s).containsEntry("id", sq)
                .containsEntry("episode_id", ep).containsEntry("status", "running").containsEntry("preview_file_id", ""));
        assertThat(list(seqs.get(0).get("tasks"))).extracting(t -> t.get("id")).containsExactly(task);
        assertThat(admin.get("/data/episodes/with-tasks?project_id=" + p).list()).singleElement()
                .satisfies(e -> assertThat(e).containsEntry("id", ep).containsEntry("episode_id", "None"));
        assertThat(admin.get("/data/scenes/with-tasks?project_id=" + p).list()).isEmpty();
        assertThat(admin.get("/data/sequences/with-tasks?project_id=" + p + "&episode_id=all").list()).isEmpty();

        String sh = (String) post("/data/projects/" + p + "/shots", Map.of("name", "SH010", "sequence_id", sq))
                .get("id");
        assertThat(admin.get("/data/shots/" + sh + "/versions").list()).isEmpty();
        assertThat(admin.get("/data/shots/" + sh + "/preview-files").map()).isEmpty();
    }
}
