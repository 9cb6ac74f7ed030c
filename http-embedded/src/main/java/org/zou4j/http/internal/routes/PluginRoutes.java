package org.zou4j.http.internal.routes;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.zou4j.ErrorCode;
import org.zou4j.PluginStatus;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouException;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.plugin.ActionResult;

/**
 * Plugin routes. {@code POST /actions/plugins/<plugin_id>/<action_id>} runs an in-process custom action, the URL its
 * {@code /data/custom-actions} rows point Kitsu to. It takes Kitsu's two shapes:
 * <ul>
 * <li>a form post ({@code application/x-www-form-urlencoded}, non-ajax actions, opened in a new browser tab):
 * {@code personid, personemail, projectid, currentpath, currentserver, selection} (comma-separated ids),
 * {@code entitytype}; answered with a small page, the file, or a 303 redirect;</li>
 * <li>an ajax post (JSON): {@code {entitytype, originurl, originserver, selection: [ids], productionid, userid,
 * useremail}}; answered with JSON ({@code {"type": "message"|"entities"|"redirect", ...}}) or the file.</li>
 * </ul>
 * The caller is the token's person (cookie or bearer), never the posted {@code personid}/{@code userid}. Other keys,
 * and the URL's query string, are the action's input.
 *
 * <p>{@code GET /actions/plugins} lists every plugin jar's status and {@code POST /actions/plugins/reload} reloads the
 * plugins directory (admins).
 */
public final class PluginRoutes {

    public List<Route> routes() {
        return List.of(
                Route.of("POST", "/actions/plugins/<plugin_id>/<action_id>", true, this::run),
                Route.of("GET", "/actions/plugins", true, call -> statuses(call, false)),
                Route.of("POST", "/actions/plugins/reload", true, call -> statuses(call, true)));
    }

    /** Frontend files are served this many folders deep at most (the router has no catch-all segment). */
    static final int FRONTEND_DEPTH = 8;

    /**
     * Zou's plugin frontends: {@code GET /plugins/<plugin_id>/frontend/} ({@code index.html}) and
     * {@code /plugins/<plugin_id>/frontend/<path>}, the static files of the jar's {@code frontend/} folder, which
     * Kitsu shows in an iframe. Public, as in Zou (the page calls the API with the user's cookie).
     */
    public List<Route> frontendRoutes() {
        List<Route> routes = new ArrayList<>();
        StringBuilder pattern = new StringBuilder("/plugins/<plugin_id>/frontend");
        for (int depth = 0; depth <= FRONTEND_DEPTH; depth++) {
            if (depth > 0) {
                pattern.append("/<p").append(depth).append('>');
            }
            int segments = depth;
            routes.add(Route.of("GET", pattern.toString(), false, call -> frontendFile(call, segments)));
        }
        return routes;
    }

    private static HttpResponse frontendFile(Call call, int segments) {
        StringBuilder path = new StringBuilder();
        for (int i = 1; i <= segments; i++) {
            if (i > 1) {
                path.append('/');
            }
            path.append(call.param("p" + i));
        }
        String file = path.length() == 0 ? "index.html" : path.toString();
        byte[] content = call.engine().pluginFrontendFile(call.param("plugin_id"), file)
                .orElseThrow(ZouException::notFound);
        return HttpResponse.bytes(200, org.zou4j.http.internal.ui.StaticUi.contentTypeOf(file), content)
                .withHeader("Cache-Control", "no-cache")
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    private HttpResponse statuses(Call call, boolean reload) {
        if (!"admin".equals(call.session().role())) {
            throw ZouException.forbidden();
        }
        if (reload) {
            call.engine().reloadPlugins();
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (PluginStatus s : call.engine().plugins()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("plugin_id", s.pluginId());
            m.put("version", s.version());
            m.put("file", s.file());
            m.put("state", s.state().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            m.put("message", s.message());
            m.put("actions", s.actions());
            m.put("event_listeners", s.eventListeners());
            m.put("failures", s.failures());
            out.add(m);
        }
        return call.json().ok(out);
    }

    private HttpResponse run(Call call) {
        Session session = call.session();
        boolean ajax = isJson(call);
        Map<String, Object> posted;
        if (ajax) {
            Map<String, Object> body = call.jsonObjectBody();
            posted = body == null ? new LinkedHashMap<>() : new LinkedHashMap<>(body);
        } else {
            checkSameOrigin(call);
            posted = formBody(call);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        call.request().queryParameters().forEach((k, v) -> input.put(k, v.isEmpty() ? "" : v.get(0)));
        List<String> selection = selection(posted.remove("selection"));
        rename(posted, "projectid", "project_id");
        rename(posted, "productionid", "project_id");
        rename(posted, "entitytype", "entity_type");
        input.putAll(posted);
        ActionResult result = session.runAction(call.param("plugin_id") + "/" + call.param("action_id"), selection,
                input);
        return ajax ? jsonAnswer(call, result) : pageAnswer(result);
    }

    // ---- request shapes --------------------------------------------------------------------------------------------

    private static boolean isJson(Call call) {
        return call.request().contentType().map(t -> t.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
    }

    private static Map<String, Object> formBody(Call call) {
        Optional<String> type = call.request().contentType();
        if (type.isPresent() && !type.get().toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw new ZouException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Post the selection as a form "
                    + "(application/x-www-form-urlencoded) or as JSON (application/json), not " + type.get() + ".");
        }
        Map<String, Object> form = new LinkedHashMap<>();
        Query.parse(call.request().bodyAsString()).params().forEach((k, v) -> form.put(k, v.isEmpty() ? "" : v.get(0)));
        return form;
    }

    /**
     * A browser sends {@code Origin} with a form post; one from another site is refused, so a page elsewhere cannot
     * run actions with the caller's cookie.
     */
    private static void checkSameOrigin(Call call) {
        Optional<String> origin = call.request().header("Origin");
        Optional<String> host = call.request().header("Host");
        if (origin.isEmpty() || host.isEmpty() || origin.get().equals("null")) {
            return;
        }
        String originHost;
        try {
            URI u = URI.create(origin.get());
            originHost = u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
        } catch (IllegalArgumentException e) {
            originHost = null;
        }
        if (originHost == null || !originHost.equalsIgnoreCase(host.get())) {
            throw ZouException.forbidden("Custom actions cannot be posted from another site ("
                    + ZouException.echo(origin.get()) + ").");
        }
    }

    private static List<String> selection(Object value) {
        List<String> ids = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o != null && !o.toString().isBlank()) {
                    ids.add(o.toString().trim());
                }
            }
        } else if (value != null) {
            for (String s : value.toString().split(",")) {
                if (!s.isBlank()) {
                    ids.add(s.trim());
                }
            }
        }
        return ids;
    }

    private static void rename(Map<String, Object> m, String from, String to) {
        if (m.containsKey(from)) {
            Object v = m.remove(from);
            m.putIfAbsent(to, v);
        }
    }

    // ---- answers ---------------------------------------------------------------------------------------------------

    private static HttpResponse jsonAnswer(Call call, ActionResult result) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (result instanceof ActionResult.Message m) {
            out.put("type", "message");
            out.put("message", m.message());
        } else if (result instanceof ActionResult.Entities e) {
            out.put("type", "entities");
            out.put("message", e.message());
            out.put("entities", e.entities());
        } else if (result instanceof ActionResult.Redirect r) {
            out.put("type", "redirect");
            out.put("url", r.url());
        } else {
            return file((ActionResult.FileDownload) result);
        }
        return call.json().ok(out);
    }

    private static HttpResponse pageAnswer(ActionResult result) {
        if (result instanceof ActionResult.Message m) {
            return page(m.message());
        } else if (result instanceof ActionResult.Entities e) {
            return page(e.message());
        } else if (result instanceof ActionResult.Redirect r) {
            return HttpResponse.empty(303).withHeader("Location", r.url());
        }
        return file((ActionResult.FileDownload) result);
    }

    private static HttpResponse file(ActionResult.FileDownload f) {
        String ascii = f.fileName().replaceAll("[^A-Za-z0-9._ -]", "_");
        String encoded = java.net.URLEncoder.encode(f.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return HttpResponse.bytes(200, f.contentType(), f.content())
                .withHeader("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded)
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    private static HttpResponse page(String message) {
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>zou4j</title></head><body><p>"
                + escape(message) + "</p></body></html>";
        return HttpResponse.bytes(200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8))
                .withHeader("X-Content-Type-Options", "nosniff");
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
