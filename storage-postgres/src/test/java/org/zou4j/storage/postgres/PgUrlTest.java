package org.zou4j.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PgUrlTest {

    @Test
    void splitsAddressCredentialsAndDriverOptions() {
        PgUrl url = PgUrl.parse("jdbc:postgresql://db.example:5433/zou?user=kitsu&password=s%26cret&sslmode=require");

        assertThat(url.hostPorts()).containsExactly("db.example:5433");
        assertThat(url.database()).isEqualTo("zou");
        assertThat(url.user()).isEqualTo("kitsu");
        assertThat(url.password()).isEqualTo("s&cret");
        assertThat(url.driverProperties()).containsEntry("sslmode", "require")
                .doesNotContainKeys("user", "password", "PGHOST", "PGPORT", "PGDBNAME");
        assertThat(url.addressUrl()).isEqualTo("jdbc:postgresql://db.example:5433/zou");
        assertThat(url.address()).isEqualTo("db.example:5433/zou");
        assertThat(url.toString()).doesNotContain("s&cret");
    }

    @Test
    void fillsInTheDriverDefaultsForShortFormsAndKeepsEveryHost() {
        assertThat(PgUrl.parse("jdbc:postgresql:zou").address()).isEqualTo("localhost:5432/zou");
        assertThat(PgUrl.parse("jdbc:postgresql://a,b:5433/zou").hostPorts()).containsExactly("a:5432", "b:5433");
        assertThat(PgUrl.parse("jdbc:postgresql://[::1]:5432/zou").addressUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/zou");
        assertThat(PgUrl.parse("jdbc:postgresql://h/").database()).isEmpty();
    }

    @Test
    void rejectsOtherUrlsWithoutRepeatingThem() {
        assertThatThrownBy(() -> PgUrl.parse("jdbc:mysql://h/db?password=hunter22"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://")
                .hasMessageNotContaining("hunter22");
        assertThatThrownBy(() -> PgUrl.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsUserInfoBeforeTheHostWithoutRepeatingIt() {
        assertThatThrownBy(() -> PgUrl.parse("jdbc:postgresql://kitsu:hunter22@db/zou"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("?user=")
                .hasMessageNotContaining("hunter22");
    }
}
