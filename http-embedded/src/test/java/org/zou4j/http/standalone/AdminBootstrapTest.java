package org.zou4j.http.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.zou4j.LoginRequest;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.storage.h2.H2Storage;

class AdminBootstrapTest {

    private static ZouEngine engine() {
        return ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("bootstrap-test-secret-0123456789abcdef")
                .bcryptCost(4).build();
    }

    private static String run(ZouEngine engine, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AdminBootstrap.run(engine, env, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theEnvironmentNamesTheFirstAdminAndItsPasswordIsNeverPrinted() {
        try (ZouEngine engine = engine()) {
            String printed = run(engine, Map.of("ZOU_ADMIN_EMAIL", "boss@studio.example",
                    "ZOU_ADMIN_PASSWORD", "a long admin password"));
            assertThat(printed).contains("boss@studio.example").doesNotContain("a long admin password");
            assertThat(engine.session(engine.login(LoginRequest.of("boss@studio.example", "a long admin password"))
                    .accessToken()).role()).isEqualTo("admin");
            // a second start leaves the database alone
            assertThat(run(engine, Map.of("ZOU_ADMIN_EMAIL", "other@studio.example",
                    "ZOU_ADMIN_PASSWORD", "another password"))).isEmpty();
        }
    }

    @Test
    void withoutEnvironmentAGeneratedPasswordIsPrintedOnceAndWorks() {
        try (ZouEngine engine = engine()) {
            String printed = run(engine, Map.of());
            Matcher m = Pattern.compile("admin@example.com with password (\\S+) ").matcher(printed);
            assertThat(m.find()).as(printed).isTrue();
            assertThat(engine.login(LoginRequest.of("admin@example.com", m.group(1))).succeeded()).isTrue();
            assertThat(run(engine, Map.of())).isEmpty();
        }
    }

    @Test
    void aTooShortPasswordIsRefused() {
        try (ZouEngine engine = engine()) {
            assertThatThrownBy(() -> run(engine, Map.of("ZOU_ADMIN_PASSWORD", "short")))
                    .isInstanceOf(ZouException.class).hasMessage("Password is too short.");
        }
    }
}
