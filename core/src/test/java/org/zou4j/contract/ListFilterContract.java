package org.zou4j.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zou4j.contract.Fixtures.ids;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.DataSet;
import org.zou4j.Entry;
import org.zou4j.ListResult;
import org.zou4j.Query;
import org.zou4j.ZouException;

/** Zou's list semantics (reference §4) answer the same on every backend. */
public abstract class ListFilterContract extends ContractBase {

    private DataSet actions() {
        return admin.data("custom-actions");
    }

    @Test
    void equalityOnAStringColumnMatchesExactlyAndIsCaseSensitive() {
        String url = "https://example.com/" + fx.name("eq");
        Entry a = fx.customAction(fx.name("A"), url, false);
        fx.customAction(fx.name("B"), url + "/other", false);
        fx.customAction(fx.name("C"), url.toUpperCase(), false);

        assertThat(ids(actions().list(Query.where(Map.of("url", url))))).containsExactly(a.id());
    }

    @Test
    void jsonListValuesAreInFilters() {
        String url = "https://example.com/" + fx.name("in");
        Entry a = fx.customAction(fx.name("A"), url, false);
        Entry b = fx.customAction(fx.name("B"), url, false);
        fx.customAction(fx.name("C"), url, false);

        List<Entry> found = actions().list(Query.where(Map.of("id", "[\"" + a.id() + "\", \"" + b.id() + "\"]")));
        assertThat(ids(found)).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(actions().list(Query.where(Map.of("id", "[]")))).isEmpty();
        assertThat(ids(actions().list(Query.where(Map.of("url", "[\"" + url + "\", \"nothing\"]")))))
                .hasSize(3);
    }

    @Test
    void malformedListFilterIsA400NamingTheField() {
        ZouException e = failure(() -> actions().list(Query.where(Map.of("url", "[oops"))));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("Malformed list filter for field url.");
    }

    @Test
    void nameIsCaseInsensitiveWithSqlWildcards() {
        String base = fx.name("Agent");
        Entry a = fx.customAction(base + " Three Two Seven", "u", false);
        Entry b = fx.customAction(base + " Sprite Fright", "u", false);

        assertThat(ids(actions().list(Query.where(Map.of("name", base.toUpperCase() + " three two seven")))))
                .containsExactly(a.id());
        assertThat(ids(actions().list(Query.where(Map.of("name", base.toLowerCase() + "%")))))
                .containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(ids(actions().list(Query.where(Map.of("name", base + " Spri_e Fright")))))
                .containsExactly(b.id());
        assertThat(actions().list(Query.where(Map.of("name", base)))).as("no implicit %").isEmpty();
    }

    @Test
    void nameMatchingIsCaseInsensitiveBeyondAscii() {
        String base = fx.name("Épisode");
        Entry a = fx.customAction(base + " Ünïcode ÇA", "u", false);

        assertThat(ids(actions().list(Query.where(Map.of("name", base.toLowerCase() + " ünïcode ça")))))
                .containsExactly(a.id());
        assertThat(ids(actions().list(Query.where(Map.of("name", base.toUpperCase() + " ÜNÏCODE ÇA")))))
                .containsExactly(a.id());
    }

    @Test
    void booleanFiltersAcceptZousWordsAndRefuseOthers() {
        String url = "https://example.com/" + fx.name("bool");
        Entry yes = fx.customAction(fx.name("A"), url, true);
        Entry no = fx.customAction(fx.name("B"), url, false);

        for (String t : List.of("true", "TRUE", "1", "yes", "on", "t", "y")) {
            assertThat(ids(actions().list(Query.where(Map.of("url", url, "is_ajax", t))))).as(t)
                    .containsExactly(yes.id());
        }
        for (String f : List.of("false", "0", "no", "off", "F", "n")) {
            assertThat(ids(actions().list(Query.where(Map.of("url", url, "is_ajax", f))))).as(f)
                    .containsExactly(no.id());
        }
        ZouException e = failure(() -> actions().list(Query.where(Map.of("is_ajax", "maybe"))));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("Invalid boolean value: maybe");
    }

    @Test
    void uuidAndIntegerEqualityAndBadUuid() {
        Entry department = fx.department();
        Entry typeA = admin.data("task-types").create(Map.of("name", fx.name("TT"), "department_id", department.id(),
                "priority", 7));
        Entry typeB = admin.data("task-types").create(Map.of("name", fx.name("TT"), "department_id", department.id(),
                "priority", 8));

        assertThat(ids(admin.data("task-types").list(Query.where(Map.of("department_id", department.id())))))
                .containsExactlyInAnyOrder(typeA.id(), typeB.id());
        assertThat(ids(admin.data("task-types").list(
                Query.where(Map.of("department_id", department.id(), "priority", "8"))))).containsExactly(typeB.id());
        assertThat(ids(admin.data("task-types").list(
                Query.where(Map.of("department_id", department.id().toUpperCase())))))
                .as("upper-case UUID").hasSize(2);
        ZouException e = failure(() -> admin.data("task-types").list(Query.where(Map.of("department_id", "xyz"))));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("Invalid UUID value: xyz");
    }

    @Test
    void manyToManyRelationFilters() {
        Entry d1 = fx.department();
        Entry d2 = fx.department();
        Entry p1 = fx.person(Map.of("departments", List.of(d1.id())));
        Entry p2 = fx.person(Map.of("departments", List.of(d1.id(), d2.id())));
        fx.person();

        assertThat(ids(admin.data("persons").list(Query.where(Map.of("departments", d1.id())))))
                .containsExactlyInAnyOrder(p1.id(), p2.id());
        assertThat(ids(admin.data("persons").list(Query.where(Map.of("departments", d2.id())))))
                .containsExactly(p2.id());

        Entry task = fx.task(Map.of("assignees", List.of(p1.id())));
        assertThat(ids(admin.data("tasks").list(Query.where(Map.of("assignees", p1.id())))))
                .containsExactly(task.id());
        assertThat(admin.data("tasks").list(Query.where(Map.of("assignees", p2.id())))).isEmpty();
    }

    @Test
    void unknownKeysAreIgnoredAndLimitAloneReturnsEveryRow() {
        String url = "https://example.com/" + fx.name("unknown");
        for (int i = 0; i < 3; i++) {
            fx.customAction(fx.name("A"), url, false);
        }
        assertThat(actions().list(Query.where(Map.of("url", url, "no_such_column", "x")))).hasSize(3);
        assertThat(actions().list(Query.where(Map.of("url", url, "limit", "1")))).hasSize(3);
    }

    @Test
    void pagesAreOrderedByUpdatedAtThenCreatedAtWithZousEnvelope() throws InterruptedException {
        String url = "https://example.com/" + fx.name("page");
        List<Entry> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(fx.customAction(fx.name("Row" + i), url, false));
            Thread.sleep(3);
        }
        actions().update(rows.get(1).id(), Map.of("is_ajax", true));
        List<String> expected = List.of(rows.get(1).id(), rows.get(4).id(), rows.get(3).id(), rows.get(2).id(),
                rows.get(0).id());

        Map<String, Object> first = page(Query.where(Map.of("url", url, "page", "1", "limit", "2")));
        assertThat(first).containsEntry("total", 5L).containsEntry("nb_pages", 3L).containsEntry("limit", 2)
                .containsEntry("offset", 0).containsEntry("page", 1);
        assertThat(pageIds(first)).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(pageIds(page(Query.where(Map.of("url", url, "page", "2", "limit", "2")))))
                .containsExactlyElementsOf(expected.subList(2, 4));
        Map<String, Object> last = page(Query.where(Map.of("url", url, "page", "3", "limit", "2")));
        assertThat(pageIds(last)).containsExactlyElementsOf(expected.subList(4, 5));
        assertThat(last).containsEntry("offset", 4);

        Map<String, Object> zero = page(Query.where(Map.of("url", url, "page", "0", "limit", "2")));
        assertThat(pageIds(zero)).isEmpty();
        assertThat(zero).containsEntry("total", 5L).containsEntry("offset", -2);
        assertThat(pageIds(page(Query.where(Map.of("url", url, "page", "9", "limit", "2"))))).isEmpty();
        assertThat(pageIds(page(Query.where(Map.of("url", url, "page", "1"))))).containsExactlyElementsOf(expected);

        ZouException e = failure(() -> page(Query.where(Map.of("page", "one"))));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("page must be an integer.");
    }

    @Test
    void fieldsKeepOnlyTheNamedKeysPlusIdAndType() {
        String url = "https://example.com/" + fx.name("fields");
        fx.customAction(fx.name("A"), url, false);

        List<Entry> listed = actions().list(Query.where(Map.of("url", url, "fields", "name,url,no_such")));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).asMap().keySet()).containsExactlyInAnyOrder("id", "type", "name", "url");

        Map<String, Object> page = page(Query.where(Map.of("url", url, "fields", "is_ajax", "page", "1")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data = (List<Map<String, Object>>) page.get("data");
        assertThat(data.get(0).keySet()).containsExactlyInAnyOrder("id", "type", "is_ajax");
    }

    private Map<String, Object> page(Query query) {
        try (ListResult result = actions().query(query)) {
            assertThat(result.isPage()).isTrue();
            return result.page();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> pageIds(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("data")).stream().map(m -> (String) m.get("id")).toList();
    }
}
