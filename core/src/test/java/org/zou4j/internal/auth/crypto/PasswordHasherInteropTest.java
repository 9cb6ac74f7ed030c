package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one test at Zou's real cost (about 0.2 s per check here). */
class PasswordHasherInteropTest {

    // Python bcrypt 3.2.2: bcrypt.hashpw(b"correct horse battery staple", bcrypt.gensalt(12)), what Zou stores.
    private static final String ZOU_HASH = "$2b$12$DY.BRMavQrzOLYIZrJlCXuUpfKEkxtame3Ob.5N0S9rSeS7WyUk7u";

    @Test
    void aZouCost12HashVerifiesAndDefaultsMatchZou() {
        try (PasswordHasher hasher = PasswordHasher.builder().build()) {
            assertThat(hasher.cost()).isEqualTo(12);
            assertThat(hasher.verify("correct horse battery staple", ZOU_HASH)).isTrue();
            assertThat(hasher.needsRehash(ZOU_HASH)).isFalse();
        }
    }
}
