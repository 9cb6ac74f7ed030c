package org.zou4j.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.http.transport.HttpResponse;

/** The indexed router answers as the linear scan it replaced: same route, parameters, 405s and Allow lists. */
class RouterTest {
    private static final Route.Handler NOTHING = call -> HttpResponse.empty(204);

    private static Router router() {
        Router r = new Router();
        r.add(Route.of("GET", "/", false, NOTHING));
        r.add(Route.of("GET", "/data/<model>", true, NOTHING));
        r.add(Route.of("POST", "/data/<model>", true, NOTHING));
        r.add(Route.of("GET", "/data/<model>/<id>", true, NOTHING));
        r.add(Route.of("PUT", "/data/<model>/<id>", true, NOTHING));
        r.add(Route.of("GET", "/data/projects/all", true, NOTHING));
        r.add(Route.of("GET", "/data/projects/<id>/team", true, NOTHING));
        r.add(Route.of("POST", "/auth/login", false, NOTHING));
        r.add(Route.of("GET", "/<area>/status", false, NOTHING));
        return r;
    }

    private static List<String> path(String p) {
        return Arrays.asList(p.split("/", -1)).subList(1, p.split("/", -1).length);
    }

    @Test
    void literalSegmentsWinOverParametersOfTheSameMethod() {
        Router.Match m = router().match("GET", path("/data/projects/all"));
        assertThat(m.route().segments()).containsExactly("data", "projects", "all");
        assertThat(m.params()).isEmpty();
    }

    @Test
    void aLiteralRouteOfAnotherMethodDoesNotHideAParameterRoute() {
        Router.Match m = router().match("PUT", path("/data/projects/all"));
        assertThat(m.route().segments()).containsExactly("data", "<model>", "<id>");
        assertThat(m.params()).isEqualTo(Map.of("model", "projects", "id", "all"));
    }

    @Test
    void apiPrefixTrailingSlashAndDoubledSlashesAreAccepted() {
        Router r = router();
        for (String p : List.of("/data/tasks/1", "/api/data/tasks/1", "/data/tasks/1/", "/api//data/tasks/1/")) {
            Router.Match m = r.match("GET", path(p));
            assertThat(m.route()).as(p).isNotNull();
            assertThat(m.params()).as(p).isEqualTo(Map.of("model", "tasks", "id", "1"));
        }
        assertThat(r.match("GET", path("/")).route().segments()).isEmpty();
        assertThat(r.match("GET", path("/api")).route().segments()).isEmpty();
    }

    /** Indexed by the first two segments: equally literal candidates from different lists tie as they always did. */
    @Test
    void equallyLiteralRoutesTieByLiteralFirstSegmentThenOrderOfAddition() {
        Router r = new Router();
        r.add(Route.of("GET", "/<area>/b/c", false, NOTHING));
        r.add(Route.of("GET", "/a/<x>/c", false, NOTHING));
        r.add(Route.of("GET", "/a/b/<y>", false, NOTHING));
        assertThat(r.match("GET", path("/a/b/c")).route().segments()).containsExactly("a", "<x>", "c");
        r = new Router();
        r.add(Route.of("GET", "/a/b/<y>", false, NOTHING));
        r.add(Route.of("GET", "/a/<x>/c", false, NOTHING));
        assertThat(r.match("GET", path("/a/b/c")).route().segments()).containsExactly("a", "b", "<y>");
        assertThat(r.match("GET", path("/a/z/c")).route().segments()).containsExactly("a", "<x>", "c");
        assertThat(r.match("POST", path("/a/b/c")).allowHeader()).isEqualTo("GET, HEAD, OPTIONS");
    }

    @Test
    void headIsServedByGetRoutes() {
        assertThat(router().match("HEAD", path("/data/tasks")).route().method()).isEqualTo("GET");
    }

    @Test
    void routesStartingWithAParameterAreFound() {
        Router.Match m = router().match("GET", path("/events/status"));
        assertThat(m.params()).isEqualTo(Map.of("area", "events"));
    }

    @Test
    void aKnownPathOfAnotherMethodListsItsMethods() {
        Router r = router();
        Router.Match m = r.match("DELETE", path("/data/tasks"));
        assertThat(m.route()).isNull();
        assertThat(m.pathKnown()).isTrue();
        assertThat(m.allowHeader()).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(r.match("GET", path("/auth/login")).allowHeader()).isEqualTo("OPTIONS, POST");
        // the literal route and the parameter routes of the same path all count
        assertThat(r.match("DELETE", path("/data/projects/all")).allowHeader())
                .isEqualTo("GET, HEAD, OPTIONS, PUT");
    }

    @Test
    void anUnknownPathIsNotKnown() {
        Router r = router();
        for (String p : List.of("/nothing", "/data", "/data/tasks/1/2/3", "/auth/logout")) {
            Router.Match m = r.match("GET", path(p));
            assertThat(m.route()).as(p).isNull();
            assertThat(m.pathKnown()).as(p).isFalse();
            assertThat(m.allowed()).as(p).isEmpty();
        }
    }

    @Test
    void twoRoutesOfOneMethodAndShapeAreRefused() {
        Router r = router();
        assertThatThrownBy(() -> r.add(Route.of("GET", "/data/<other>/<x>", true, NOTHING)))
                .isInstanceOf(IllegalStateException.class);
    }
}
