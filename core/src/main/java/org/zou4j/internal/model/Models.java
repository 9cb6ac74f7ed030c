package org.zou4j.internal.model;

import static org.zou4j.internal.model.ModelDef.model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every Zou model, declared once (reference: zou-data-model.md §2). The order is the order of the route table.
 * Columns and their types live in the Flyway migrations; see {@link ModelDef}.
 */
public final class Models {
    private Models() {
    }

    /** Person columns never sent to anyone (Zou's SENSITIVE_FIELDS). */
    public static final List<String> PERSON_SECRETS = List.of("password", "totp_secret", "email_otp_secret",
            "otp_recovery_codes", "fido_credentials", "jti", "login_failed_attemps", "last_login_failed");

    public static final ModelDef PERSON = model("person", "Person").route("persons")
            .choice("role", Choices.ROLES, "Invalid role")
            .choice("contract_type", Choices.CONTRACT_TYPES, "Invalid contract_type")
            .choice("preferred_two_factor_authentication", Choices.TWO_FACTOR_TYPES)
            .choice("position", Choices.POSITIONS)
            .choice("seniority", Choices.SENIORITIES)
            .choice("display_date_format", Choices.DISPLAY_DATE_FORMATS, "Invalid display_date_format")
            .email("email")
            .hidden(PERSON_SECRETS.toArray(String[]::new))
            .protect("password", "jti")
            .manyToMany("departments", "department_link", "person_id", "department_id", "department")
            .build();

    public static final ModelDef TASK = model("task", "Task").route("tasks")
            .manyToMany("assignees", "task_person_link", "task_id", "person_id", "person")
            .build();

    // TODO(models): every other model of zou-data-model.md §2.

    /** All declared models, in route-table order. */
    public static final List<ModelDef> ALL = List.of(PERSON, TASK);

    /** Models reachable at {@code /data/<route>}, by route. */
    public static Map<String, ModelDef> byRoute() {
        return ALL.stream().filter(m -> m.route() != null)
                .collect(Collectors.toUnmodifiableMap(ModelDef::route, Function.identity()));
    }

    /** All models by table name. */
    public static Map<String, ModelDef> byTable() {
        return ALL.stream().collect(Collectors.toUnmodifiableMap(ModelDef::table, Function.identity()));
    }
}
