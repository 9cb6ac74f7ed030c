package org.zou4j.internal.model;

/**
 * A scalar (many-to-one) relationship that Zou serializes as the related row's own dict, or {@code null}
 * (e.g. {@code output_file.source_file}, {@code attachment_file.comment}).
 *
 * @param name     the JSON key
 * @param column   this model's foreign-key column
 * @param table    the related table
 */
public record NestedObject(String name, String column, String table) {
}
