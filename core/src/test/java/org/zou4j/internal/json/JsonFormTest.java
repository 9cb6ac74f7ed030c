package org.zou4j.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonFormTest {
    private static final DateTimeFormatter ZOU = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    @Test
    void timestampsAreZouStringsWithoutFractionOrZone() {
        assertThat(JsonForm.timestamp(LocalDateTime.of(2024, 1, 8, 9, 5, 7, 123_456_000)))
                .isEqualTo("2024-01-08T09:05:07");
        assertThat(JsonForm.timestamp(LocalDateTime.of(2024, 12, 31, 23, 59, 59, 999_999_999)))
                .isEqualTo("2024-12-31T23:59:59");
        assertThat(JsonForm.timestamp(LocalDateTime.of(1, 2, 3, 0, 0))).isEqualTo("0001-02-03T00:00:00");
    }

    @Test
    void timestampsMatchTheFormatterOverTheWholeRange() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            LocalDateTime t = LocalDateTime.of(random.nextInt(10_000), 1 + random.nextInt(12), 1 + random.nextInt(28),
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1_000_000_000));
            assertThat(JsonForm.timestamp(t)).isEqualTo(t.truncatedTo(ChronoUnit.SECONDS).format(ZOU));
        }
    }

    @Test
    void yearsBeyondFourDigitsFallBackToTheFormatter() {
        LocalDateTime t = LocalDateTime.of(12_345, 6, 7, 8, 9, 10);
        assertThat(JsonForm.timestamp(t)).isEqualTo(t.format(ZOU));
    }
}
