package org.zou4j.http.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options of {@code ./zou4j serve --db-url}, checked without a server. */
class SharedDatabaseOptionsTest {

    @Test
    void aSharedDatabaseNeedsTheSameSecretKeyOnEveryInstance(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(new String[] {"--db-url", "jdbc:postgresql://127.0.0.1:1/zou", "--data-dir",
                dir.toString()}, Map.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ZOU_SECRET_KEY");
        assertThat(dir.resolve("secret.key")).doesNotExist();
    }
}
