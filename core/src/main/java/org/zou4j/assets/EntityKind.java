package org.zou4j.assets;

/**
 * The kinds of Zou entities: rows of {@code entity} told apart by their entity type. Assets are every entity whose
 * type is not one of the temporal kinds.
 */
public enum EntityKind {
    ASSET("Asset"), SHOT("Shot"), SEQUENCE("Sequence"), EPISODE("Episode"), SCENE("Scene"), EDIT("Edit"),
    CONCEPT("Concept");

    private final String typeName;

    EntityKind(String typeName) {
        this.typeName = typeName;
    }

    /** Zou's {@code type} of a serialized entity of this kind ({@code Asset}, {@code Shot}, ...). */
    public String typeName() {
        return typeName;
    }

    /** The event prefix of this kind ({@code asset}, {@code shot}, ...). */
    public String eventPrefix() {
        return typeName.toLowerCase(java.util.Locale.ROOT);
    }
}
