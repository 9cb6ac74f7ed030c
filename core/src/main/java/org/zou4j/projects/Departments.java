package org.zou4j.projects;

import java.util.Map;

/**
 * Zou's {@code departments} blueprint for one caller (admins only): software licenses and hardware items linked to
 * departments. Obtained from {@link Projects#departments()}. Results are Zou's JSON shapes.
 */
public interface Departments {

    /** The kinds of department equipment. */
    enum Equipment {
        /** {@code /software-licenses}, body key {@code software_id}. */
        SOFTWARE,
        /** {@code /hardware-items}, body key {@code hardware_item_id}. */
        HARDWARE
    }

    /** {@code GET /data/departments/(software-licenses|hardware-items)}: department id to linked items. */
    Map<String, Object> byDepartment(Equipment kind);

    /** {@code POST /data/departments/<id>/(software-licenses|hardware-items)}: answers the link. */
    Map<String, Object> add(String departmentId, Equipment kind, Map<String, Object> body);

    /** {@code GET /data/departments/<id>/(software-licenses|hardware-items)/<item_id>}: the linked item. */
    Map<String, Object> get(String departmentId, Equipment kind, String itemId);

    /** {@code DELETE /data/departments/<id>/(software-licenses|hardware-items)/<item_id>}. */
    void remove(String departmentId, Equipment kind, String itemId);
}
