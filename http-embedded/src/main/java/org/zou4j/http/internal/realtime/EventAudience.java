package org.zou4j.http.internal.realtime;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.events.Event;

/**
 * Who may receive an event on a live channel (the Server-Sent Events stream and socket.io): the holder of one access
 * token. Admins see everything; others see the events of the projects they may read, and project-less events unless
 * they are a client or a vendor. The set of readable projects is cached and refreshed every 30 s, or at most once a
 * second when an event names a project not in it (a person just added to a team sees its events at once).
 */
public final class EventAudience {
    private static final long VISIBILITY_REFRESH_MILLIS = 30_000;

    private final ZouEngine engine;
    private final String token;
    private volatile Session session;
    private Set<String> visibleProjects = Set.of();
    private long visibilityRefreshedAt;

    /**
     * @throws ZouException when the token is not (or no longer) valid
     */
    public EventAudience(ZouEngine engine, String token) {
        this.engine = engine;
        this.token = token;
        this.session = engine.session(token);
    }

    /** The session of the token, as of the last check. */
    public Session session() {
        return session;
    }

    /** Checks the token again (logout, deactivation, expiry): false once it is refused. */
    public boolean stillAuthorized() {
        try {
            session = engine.session(token);
            return true;
        } catch (ZouException e) {
            return false;
        }
    }

    /** Whether this audience may receive {@code e}. */
    public synchronized boolean sees(Event e) {
        String role = session.role();
        if ("admin".equals(role)) {
            return true;
        }
        // project events carry their project in the payload only (Zou leaves api_event.project_id empty for them)
        Object project = e.projectId() != null ? e.projectId() : e.data().get("project_id");
        if (project == null) {
            return !"client".equals(role) && !"vendor".equals(role);
        }
        long now = System.currentTimeMillis();
        boolean stale = now - visibilityRefreshedAt > VISIBILITY_REFRESH_MILLIS;
        if ((stale || !visibleProjects.contains(project.toString())) && now - visibilityRefreshedAt > 1000) {
            refreshVisibility();
            visibilityRefreshedAt = now;
        }
        return visibleProjects.contains(project.toString());
    }

    private void refreshVisibility() {
        Set<String> ids = new HashSet<>();
        for (Entry p : session.data("projects").list(Query.where(Map.of("fields", "id")))) {
            ids.add(p.id());
        }
        visibleProjects = ids;
    }
}
