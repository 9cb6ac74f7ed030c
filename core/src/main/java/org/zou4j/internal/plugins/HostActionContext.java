package org.zou4j.internal.plugins;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zou4j.ErrorCode;
import org.zou4j.Session;
import org.zou4j.ZouException;
import org.zou4j.plugin.ActionContext;
import org.zou4j.plugin.DataException;
import org.zou4j.plugin.Role;
import org.zou4j.plugin.ZouData;

/** One run of an action for one caller; rows are loaded lazily through the caller's session. */
final class HostActionContext implements ActionContext {
    private final Session session;
    private final Role role;
    private final List<String> selectionIds;
    private final Map<String, Object> input;
    private final SessionData data;
    private List<Map<String, Object>> selection;

    HostActionContext(Session session, Role role, List<String> selectionIds, Map<String, ?> input) {
        this.session = session;
        this.role = role;
        this.selectionIds = List.copyOf(selectionIds);
        this.input = Collections.unmodifiableMap(new LinkedHashMap<>(input));
        this.data = new SessionData(session);
    }

    @Override
    public String personId() {
        return session.personId();
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public Optional<Map<String, Object>> person() {
        return session.personId() == null ? Optional.empty()
                : Optional.of(data.get("persons", session.personId()));
    }

    @Override
    public Optional<String> projectId() {
        return Optional.ofNullable(inputString(PluginHost.PROJECT_ID)).filter(s -> !s.isBlank());
    }

    @Override
    public Optional<Map<String, Object>> project() {
        return projectId().map(id -> data.get("projects", id));
    }

    @Override
    public Optional<String> entityType() {
        return Optional.ofNullable(inputString(PluginHost.ENTITY_TYPE)).filter(s -> !s.isBlank());
    }

    @Override
    public List<String> selectionIds() {
        return selectionIds;
    }

    @Override
    public synchronized List<Map<String, Object>> selection() {
        if (selection == null) {
            List<Map<String, Object>> rows = new ArrayList<>(selectionIds.size());
            for (String id : selectionIds) {
                rows.add(load(id));
            }
            selection = List.copyOf(rows);
        }
        return selection;
    }

    /** Kitsu selects tasks; in-process callers may select entities too: a task first, then an entity. */
    private Map<String, Object> load(String id) {
        try {
            return session.data("tasks").get(id).asMap();
        } catch (ZouException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw SessionData.translate(e);
            }
        }
        try {
            return session.data("entities").get(id).asMap();
        } catch (ZouException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new DataException(404, ErrorCode.NOT_FOUND.name(), "404 Not Found: the selected id " + id
                        + " is neither a task nor an entity.", ZouException.notFound("the selected id " + id
                        + " is neither a task nor an entity."));
            }
            throw SessionData.translate(e);
        }
    }

    @Override
    public Map<String, Object> input() {
        return input;
    }

    @Override
    public ZouData data() {
        return data;
    }
}
