package org.zou4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.internal.access.Caller;
import org.zou4j.internal.events.EngineEvents;
import org.zou4j.testing.TestStorage;

/** {@code GET /data/events/last}, {@code /data/events/names}, {@code /data/events/login-logs/last} (zou-auth §6.4). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventLogQueriesTest {
    private static final String WRONG_DATE = "Wrong date format for before argument."
            + "Expected format: 2020-01-05T13:23:10 or 2020-01-05";
    /** Keeps the rows set up through the API (stamped 2020 by the engine clock) out of the lists under test. */
    private static final String RECENT = "after=2023-12-31";

    private TestStorage storage;
    private ZouEngine engine;
    private EngineEvents events;
    private Caller admin;
    private Caller manager; // global manager, team of P1 and of P3 (a project without status)
    private Caller userManagingP2; // global user, team of P2 with the project role manager
    private Caller artistOfP1; // global user, team of P1 without project role
    private UUID p1;
    private UUID p2;
    private UUID p3;
    private UUID r1;
    private UUID r2;
    private UUID r3;
    private UUID r4;
    private UUID r5;
    private UUID r6;
    private UUID r7;
    private UUID r8;
    private UUID l1;
    private UUID l2;
    private UUID l3;

    @BeforeAll
    void setUp() throws SQLException {
        storage = new TestStorage();
        engine = ZouEngine.builder().storage(storage).secretKey("0123456789abcdef0123456789abcdef")
                .clock(Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
        events = (EngineEvents) engine.events();
        Session s = engine.systemSession();
        UUID adminId = person(s, "Ada", "admin");
        UUID managerId = person(s, "Max", "manager");
        UUID userId = person(s, "Uma", "user");
        UUID artistId = person(s, "Art", "user");
        admin = new Caller(adminId, "admin", Set.of(), false);
        manager = new Caller(managerId, "manager", Set.of(), false);
        userManagingP2 = new Caller(userId, "user", Set.of(), false);
        artistOfP1 = new Caller(artistId, "user", Set.of(), false);
        String status = s.data("project-status").create(Map.of("name", "Open", "color", "#000000")).id();
        p1 = UUID.fromString(s.data("projects").create(Map.of("name", "P1", "project_status_id", status,
                "team", List.of(managerId.toString(), artistId.toString()))).id());
        p2 = UUID.fromString(s.data("projects").create(Map.of("name", "P2", "project_status_id", status,
                "team", List.of(userId.toString()))).id());
        p3 = UUID.fromString(s.data("projects").create(Map.of("name", "P3",
                "team", List.of(managerId.toString()))).id());
        sql("UPDATE project_person_link SET role = 'manager' WHERE project_id = ? AND person_id = ?", p2, userId);
        sql("UPDATE project SET project_status_id = NULL WHERE id = ?", p3); // the engine gives new projects one

        r1 = log("person:update", "2024-03-01T10:00:00", null, adminId);
        r2 = log("task:new", "2024-03-01T10:00:01", p1, managerId);
        r3 = log("task:update", "2024-03-01T10:00:02", p2, userId);
        r4 = log("comment:new", "2024-03-01T10:00:03", p1, adminId);
        r5 = log("preview-file:add-file", "2024-03-02T09:00:00", p1, managerId);
        r6 = log("project:set-thumbnail", "2024-03-02T09:00:01", null, adminId);
        r7 = log("task:delete", "2024-03-02T09:00:02", p3, managerId);
        r8 = log("playlist:add_entity", "2024-03-03T00:00:00", p2, null);

        l1 = loginLog(adminId, "2024-03-01T08:00:00", "10.0.0.1", "web");
        l2 = loginLog(managerId, "2024-03-01T09:00:00", "10.0.0.2", "script");
        l3 = loginLog(adminId, "2024-03-02T08:00:00", "10.0.0.1", "web");
    }

    @AfterAll
    void tearDown() {
        engine.close();
    }

    private static UUID person(Session s, String name, String role) {
        return UUID.fromString(s.data("persons").create(Map.of("first_name", name, "last_name", "Test",
                "email", name.toLowerCase() + "@example.com", "role", role)).id());
    }

    private void sql(String sql, Object... params) throws SQLException {
        try (Connection c = storage.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private UUID log(String name, String at, UUID project, UUID user) throws SQLException {
        UUID id = UUID.randomUUID();
        LocalDateTime t = LocalDateTime.parse(at);
        sql("INSERT INTO api_event (id, created_at, updated_at, name, user_id, project_id, data)"
                + " VALUES (?, ?, ?, ?, ?, ?, ? FORMAT JSON)", id, t, t, name, user, project,
                "{\"n\": \"" + name + "\"}");
        return id;
    }

    private UUID loginLog(UUID person, String at, String ip, String origin) throws SQLException {
        UUID id = UUID.randomUUID();
        LocalDateTime t = LocalDateTime.parse(at);
        sql("INSERT INTO login_log (id, created_at, updated_at, person_id, ip_address, origin)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, t, t, person, ip, origin);
        return id;
    }

    private List<UUID> ids(Caller caller, String query) {
        return events.last(caller, Query.parse(query)).stream().map(m -> UUID.fromString((String) m.get("id")))
                .toList();
    }

    private static void assertError(ThrowingCallable call, int status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ZouException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(status);
            if (status == 400) {
                Map<String, Object> body = new java.util.LinkedHashMap<>();
                body.put("error", true);
                body.put("message", message);
                body.put("data", null);
                assertThat(e.body()).isEqualTo(body);
            } else {
                assertThat(e.body()).containsEntry("error", true).containsEntry("message", message);
            }
        });
    }

    private static final String DENIED = "You don't have the permission to access the requested resource. It is "
            + "either read-protected or not readable by the server.";

    private void assertDenied(Caller caller, String query) {
        assertError(() -> events.last(caller, Query.parse(query)), 403, DENIED);
    }

    private void assertBadRequest(Caller caller, String query, String message) {
        assertError(() -> events.last(caller, Query.parse(query)), 400, message);
    }

    // ---- Last ----

    @Test
    void answersTheNewestEventsFirstInZousShape() {
        List<Map<String, Object>> last = events.last(admin, Query.parse(RECENT));
        assertThat(last).extracting(m -> UUID.fromString((String) m.get("id")))
                .containsExactly(r8, r7, r6, r5, r4, r3, r2, r1);
        Map<String, Object> first = last.get(0);
        assertThat(first.keySet()).containsExactly("id", "created_at", "name", "user_id", "project_id", "data");
        assertThat(first).containsEntry("created_at", "2024-03-03T00:00:00").containsEntry("name",
                "playlist:add_entity").containsEntry("user_id", null).containsEntry("project_id", p2.toString())
                .containsEntry("data", Map.of("n", "playlist:add_entity"));
        // the rows set up through the API are there too, older
        assertThat(ids(admin, "")).startsWith(r8, r7).hasSizeGreaterThan(8);
    }

    @Test
    void afterAndBeforeAreStrictAndTakeADateOrADateTime() {
        assertThat(ids(admin, "after=2024-03-02")).containsExactly(r8, r7, r6, r5);
        assertThat(ids(admin, "after=2024-03-01T10:00:01&before=2024-03-02T09:00:01")).containsExactly(r5, r4,
                r3);
        assertThat(ids(admin, "after=2024-3-2")).containsExactly(r8, r7, r6, r5); // strptime: unpadded is fine
        assertThat(ids(admin, "after=2024-03-02t09:00:01")).containsExactly(r8, r7);
        assertThat(ids(admin, RECENT + "&before=2024-03-01T10:00:01")).containsExactly(r1);
    }

    @Test
    void aBadDateIsA400WithZousMessageForBothParameters() {
        assertBadRequest(admin, "after=yesterday", WRONG_DATE);
        assertBadRequest(admin, "before=2024-13-01", WRONG_DATE);
        assertBadRequest(admin, "before=2024-02-30", WRONG_DATE);
        assertBadRequest(admin, "after=2024-03-01 10:00:00", WRONG_DATE);
        assertBadRequest(admin, "after=", WRONG_DATE);
    }

    @Test
    void limitDefaultsTo100IsCappedAt1000AndMustBeAnInteger() throws SQLException {
        assertThat(ids(admin, RECENT + "&limit=2")).containsExactly(r8, r7);
        assertThat(ids(admin, RECENT + "&limit=%203%20")).containsExactly(r8, r7, r6);
        assertThat(ids(admin, RECENT + "&limit=0")).isEmpty();
        assertBadRequest(admin, "limit=abc", "Wrong value for parameter limit.");
        assertBadRequest(admin, "limit=", "Wrong value for parameter limit.");
        assertBadRequest(admin, "limit=-1", "Wrong value for parameter limit.");
        assertBadRequest(admin, "limit=1.5", "Wrong value for parameter limit.");
        // the argument is read before anything else, permissions included
        assertBadRequest(artistOfP1, "limit=x", "Wrong value for parameter limit.");

        try (Connection c = storage.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_event (id, created_at, updated_at, name, data) VALUES (?, ?, ?, ?, ? FORMAT JSON)")) {
            LocalDateTime t = LocalDateTime.parse("2019-01-01T00:00:00");
            for (int i = 0; i < 1005; i++) {
                ps.setObject(1, UUID.randomUUID());
                ps.setObject(2, t.plusSeconds(i));
                ps.setObject(3, t);
                ps.setString(4, "bulk:row");
                ps.setString(5, "{}");
                ps.addBatch();
            }
            ps.executeBatch();
        }
        assertThat(ids(admin, "name=bulk:row")).hasSize(100);
        assertThat(ids(admin, "name=bulk:row&limit=5000")).hasSize(1000);
        assertThat(ids(admin, "name=bulk:row&limit=99999999999999999999999")).hasSize(1000);
        assertThat(ids(admin, "name=bulk:row&limit=1_0")).hasSize(10);
    }

    @Test
    void aCursorReturnsStrictlyOlderEvents() {
        assertThat(ids(admin, RECENT + "&cursor_event_id=" + r5)).containsExactly(r4, r3, r2, r1);
        assertThat(ids(admin, RECENT + "&cursor_event_id=" + r5.toString().toUpperCase())).containsExactly(r4,
                r3, r2, r1);
        assertBadRequest(admin, "cursor_event_id=nope", "The cursor_event_id parameter is not a valid id");
        assertBadRequest(admin, "cursor_event_id=" + r5 + "x", "The cursor_event_id parameter is not a valid id");
        UUID unknown = UUID.randomUUID();
        assertBadRequest(admin, "cursor_event_id=" + unknown, "No event found with id: " + unknown);
    }

    @Test
    void filtersByFilesProjectNamePrefixSuffixAndPerson() {
        assertThat(ids(admin, "only_files=true")).containsExactly(r6, r5);
        assertThat(ids(admin, RECENT + "&only_files=True")).hasSize(8); // only the exact "true" counts
        assertThat(ids(admin, "project_id=" + p1)).containsExactly(r5, r4, r2);
        assertThat(ids(admin, "name=task:new")).containsExactly(r2);
        assertThat(ids(admin, RECENT + "&name_prefixes=task&name_prefixes=comment")).containsExactly(r7, r4, r3,
                r2);
        assertThat(ids(admin, RECENT + "&name_prefixes=playlist")).containsExactly(r8);
        assertThat(ids(admin, RECENT + "&name_suffixes=new")).containsExactly(r4, r2);
        assertThat(ids(admin, RECENT + "&name_suffixes=update&name_suffixes=set-thumbnail"))
                .containsExactly(r6, r3, r1);
        assertThat(ids(admin, RECENT + "&person_ids=" + manager.personId())).containsExactly(r7, r5, r2);
        assertThat(ids(admin, RECENT + "&person_ids=" + manager.personId() + "&person_ids="
                + userManagingP2.personId())).containsExactly(r7, r5, r3, r2);
        assertThat(ids(admin, "project_id=" + p1 + "&name_prefixes=task&person_ids=" + manager.personId()))
                .containsExactly(r2);
    }

    @Test
    void badFilterValuesAre400s() {
        assertBadRequest(admin, "project_id=p1", "The project_id parameter is not a valid id");
        assertBadRequest(admin, "project_id=", "The project_id parameter is not a valid id");
        assertBadRequest(admin, "person_ids=" + admin.personId() + "&person_ids=someone",
                "The person_ids parameter contains an invalid id");
        assertBadRequest(admin, "name_prefixes=Task", "The name_prefixes parameter contains an invalid value");
        assertBadRequest(admin, "name_prefixes=task&name_prefixes=",
                "The name_prefixes parameter contains an invalid value");
        assertBadRequest(admin, "name_prefixes=ta%25", "The name_prefixes parameter contains an invalid value");
        assertBadRequest(admin, "name_suffixes=add_entity", "The name_suffixes parameter contains an invalid value");
        // the project id is checked before permissions
        assertBadRequest(artistOfP1, "project_id=nope", "The project_id parameter is not a valid id");
    }

    @Test
    void managersSeeOnlyTheProjectsOfTheirTeamsWithAStatus() {
        assertThat(ids(manager, "")).containsExactly(r5, r4, r2); // not P3 (no status), not project-less events
        assertThat(ids(manager, "project_id=" + p1)).containsExactly(r5, r4, r2);
        assertDenied(manager, "project_id=" + p2);
        assertDenied(manager, "project_id=" + UUID.randomUUID());
    }

    @Test
    void aProjectManagerRoleCountsForItsProjectOnly() {
        assertThat(ids(userManagingP2, "project_id=" + p2)).containsExactly(r8, r3);
        assertDenied(userManagingP2, "");
        assertDenied(userManagingP2, "project_id=" + p1);
        assertDenied(userManagingP2, "project_id=" + UUID.randomUUID()); // unknown project: 403, not 404
    }

    @Test
    void artistsAreDeniedAndPermissionsComeBeforeOtherParameters() {
        assertDenied(artistOfP1, "");
        assertDenied(artistOfP1, "project_id=" + p1);
        assertDenied(artistOfP1, "after=bad-date");
        assertDenied(artistOfP1, "cursor_event_id=bad");
        assertDenied(artistOfP1, "name_prefixes=BAD");
    }

    @Test
    void theSessionFormAnswersTheSame() {
        assertThat(engine.events().last(engine.systemSession(), Query.parse(RECENT))).extracting(m -> m.get("id"))
                .containsExactly(r8.toString(), r7.toString(), r6.toString(), r5.toString(), r4.toString(),
                        r3.toString(), r2.toString(), r1.toString());
        assertError(() -> engine.events().last(new EngineSession(engine, artistOfP1), Query.parse(
                "project_id=" + p2)), 403, DENIED);
        assertThat(engine.events().last(new EngineSession(engine, userManagingP2), Query.parse(
                "project_id=" + p2))).hasSize(2);
    }

    // ---- Names ----

    @Test
    void managersGetTheSortedDistinctNamesIncludingNewOnes() {
        List<String> names = events.names(manager);
        assertThat(names).isSorted().doesNotHaveDuplicates().contains("comment:new", "person:new",
                "playlist:add_entity", "preview-file:add-file", "task:delete", "project:new");
        assertThat(events.names(admin)).isEqualTo(names);
        engine.systemSession().data("studios").create(Map.of("name", "Studio", "color", "#000000"));
        assertThat(events.names(manager)).contains("studio:new").isSorted();
        assertError(() -> events.names(userManagingP2), 403, DENIED);
        assertError(() -> events.names(artistOfP1), 403, DENIED);
    }

    // ---- LoginLogs ----

    private List<UUID> logIds(String query) {
        List<UUID> ids = new ArrayList<>();
        for (Map<String, Object> m : events.lastLoginLogs(admin, Query.parse(query))) {
            ids.add(UUID.fromString((String) m.get("id")));
        }
        return ids;
    }

    @Test
    void adminsGetTheNewestLoginLogsFirst() {
        List<Map<String, Object>> logs = events.lastLoginLogs(admin, Query.all());
        assertThat(logs).extracting(m -> UUID.fromString((String) m.get("id"))).containsExactly(l3, l2, l1);
        assertThat(logs.get(1)).containsExactly(Map.entry("id", l2.toString()),
                Map.entry("created_at", "2024-03-01T09:00:00"), Map.entry("ip_address", "10.0.0.2"),
                Map.entry("person_id", manager.personId().toString()), Map.entry("origin", "script"));
        assertThat(logIds("person_ids=" + admin.personId())).containsExactly(l3, l1);
        assertThat(logIds("after=2024-03-01T08:00:00")).containsExactly(l3, l2);
        assertThat(logIds("before=2024-03-02")).containsExactly(l2, l1);
        assertThat(logIds("cursor_login_log_id=" + l3)).containsExactly(l2, l1);
        assertThat(logIds("limit=1")).containsExactly(l3);
    }

    @Test
    void onlyAdminsMayReadThemAndBadParametersAre400s() {
        assertError(() -> events.lastLoginLogs(manager, Query.all()), 403, DENIED);
        assertError(() -> events.lastLoginLogs(manager, Query.parse("limit=x")), 400,
                "Wrong value for parameter limit.");
        assertError(() -> events.lastLoginLogs(admin, Query.parse("after=x")), 400, WRONG_DATE);
        assertError(() -> events.lastLoginLogs(admin, Query.parse("cursor_login_log_id=x")), 400,
                "The cursor_login_log_id parameter is not a valid id");
        UUID unknown = UUID.randomUUID();
        assertError(() -> events.lastLoginLogs(admin, Query.parse("cursor_login_log_id=" + unknown)), 400,
                "No login log found with id: " + unknown);
        assertError(() -> events.lastLoginLogs(admin, Query.parse("person_ids=x")), 400,
                "The person_ids parameter contains an invalid id");
    }
}
