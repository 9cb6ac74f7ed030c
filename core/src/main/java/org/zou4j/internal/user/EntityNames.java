package org.zou4j.internal.user;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.zou4j.internal.sql.Row;
import org.zou4j.internal.sql.Tx;

/**
 * Zou's full entity names ({@code names_service.get_full_entity_name}): {@code Sequence / Shot} or
 * {@code Episode / Sequence / Shot} for shots, {@code Episode / Sequence} for sequences, {@code Type / Asset} for
 * assets. Rows looked up once per instance.
 */
public final class EntityNames {
    /** A full name, the episode of the entity (or an asset's source episode) and its preview. */
    public record Name(String fullName, Object episodeId, Object previewFileId) {
    }

    private final Tx tx;
    private final Map<UUID, Row> entities = new HashMap<>();
    private final Map<UUID, Row> types = new HashMap<>();

    public EntityNames(Tx tx) {
        this.tx = tx;
    }

    private Row entity(UUID id) throws SQLException {
        if (id == null) {
            return null;
        }
        if (!entities.containsKey(id)) {
            entities.put(id, tx.byId("entity", id));
        }
        return entities.get(id);
    }

    private String typeName(Row entity) throws SQLException {
        UUID id = (UUID) entity.get("entity_type_id");
        if (!types.containsKey(id)) {
            types.put(id, tx.byId("entity_type", id));
        }
        Row t = types.get(id);
        return t == null ? "" : (String) t.get("name");
    }

    /** The names of entity {@code entityId}, or null when there is none. */
    public Name of(UUID entityId) throws SQLException {
        Row entity = entity(entityId);
        if (entity == null) {
            return null;
        }
        String type = typeName(entity);
        String name = (String) entity.get("name");
        Object episodeId = null;
        switch (type) {
            case "Shot" -> {
                Row sequence = entity((UUID) entity.get("parent_id"));
                if (sequence != null) {
                    Row episode = entity((UUID) sequence.get("parent_id"));
                    if (episode == null) {
                        name = sequence.get("name") + " / " + name;
                    } else {
                        episodeId = episode.id();
                        name = episode.get("name") + " / " + sequence.get("name") + " / " + name;
                    }
                }
            }
            case "Episode" -> {
            }
            case "Sequence" -> {
                Row episode = entity((UUID) entity.get("parent_id"));
                if (episode != null) {
                    episodeId = episode.id();
                    name = episode.get("name") + " / " + name;
                }
            }
            default -> {
                episodeId = entity.get("source_id");
                name = type + " / " + name;
            }
        }
        return new Name(name, episodeId, entity.get("preview_file_id"));
    }
}
