package org.zou4j.internal.plugins;

import java.util.List;
import java.util.Map;
import org.zou4j.Entry;
import org.zou4j.Query;
import org.zou4j.Session;
import org.zou4j.ZouException;
import org.zou4j.plugin.DataException;
import org.zou4j.plugin.ZouData;

/** The plugin API's {@link ZouData} over a caller's {@link Session}: same permissions, validation and events. */
final class SessionData implements ZouData {
    private final Session session;

    SessionData(Session session) {
        this.session = session;
    }

    @Override
    public List<Map<String, Object>> list(String route, Map<String, String> filters) {
        try {
            Query q = filters == null || filters.isEmpty() ? Query.all() : Query.where(filters);
            return session.data(route).list(q).stream().map(Entry::asMap).toList();
        } catch (ZouException e) {
            throw translate(e);
        }
    }

    @Override
    public Map<String, Object> get(String route, String id) {
        try {
            return session.data(route).get(id).asMap();
        } catch (ZouException e) {
            throw translate(e);
        }
    }

    @Override
    public Map<String, Object> create(String route, Map<String, ?> body) {
        try {
            return session.data(route).create(body).asMap();
        } catch (ZouException e) {
            throw translate(e);
        }
    }

    @Override
    public Map<String, Object> update(String route, String id, Map<String, ?> body) {
        try {
            return session.data(route).update(id, body).asMap();
        } catch (ZouException e) {
            throw translate(e);
        }
    }

    @Override
    public void delete(String route, String id) {
        try {
            session.data(route).delete(id);
        } catch (ZouException e) {
            throw translate(e);
        }
    }

    /** The engine's refusal as the plugin API sees it; the original stays the cause, so the caller gets it back. */
    static DataException translate(ZouException e) {
        return new DataException(e.httpStatus(), e.code().name(), e.getMessage(), e);
    }
}
