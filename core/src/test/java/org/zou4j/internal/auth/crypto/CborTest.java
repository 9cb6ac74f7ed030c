package org.zou4j.internal.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.testing.SoftAuthenticator;

class CborTest {
    private static Object hex(String h) {
        return Cbor.decode(HexFormat.of().parseHex(h));
    }

    @Test
    void decodesRfc8949AppendixAExamples() {
        assertThat(hex("00")).isEqualTo(0L);
        assertThat(hex("17")).isEqualTo(23L);
        assertThat(hex("1818")).isEqualTo(24L);
        assertThat(hex("1903e8")).isEqualTo(1000L);
        assertThat(hex("1bffffffffffffffff")).isEqualTo(new BigInteger("18446744073709551615"));
        assertThat(hex("20")).isEqualTo(-1L);
        assertThat(hex("3903e7")).isEqualTo(-1000L);
        assertThat(hex("f4")).isEqualTo(false);
        assertThat(hex("f5")).isEqualTo(true);
        assertThat(hex("f6")).isNull();
        assertThat(hex("f93c00")).isEqualTo(1.0);
        assertThat(hex("fb3ff199999999999a")).isEqualTo(1.1);
        assertThat((byte[]) hex("4401020304")).containsExactly(1, 2, 3, 4);
        assertThat(hex("6449455446")).isEqualTo("IETF");
        assertThat(hex("62c3bc")).isEqualTo("\u00fc");
        assertThat(hex("83010203")).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(hex("a201020304")).isEqualTo(Map.of(1L, 2L, 3L, 4L));
        assertThat(hex("c11a514b67b0")).isEqualTo(1363896240L); // tag 1 skipped
    }

    @Test
    void roundTripsWhatTheTestEncoderWrites() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1L, 2L);
        m.put(-3L, new byte[] {9, 8});
        m.put("fmt", "none");
        m.put("list", List.of(1L, "x"));
        @SuppressWarnings("unchecked")
        Map<Object, Object> back = (Map<Object, Object>) Cbor.decode(SoftAuthenticator.cbor(m));
        assertThat(back).containsEntry(1L, 2L).containsEntry("fmt", "none").containsEntry("list", List.of(1L, "x"));
        assertThat((byte[]) back.get(-3L)).containsExactly(9, 8);
    }

    @Test
    void refusesMalformedAndHostileInput() {
        assertThatThrownBy(() -> hex("5f42010243030405ff")).isInstanceOf(Cbor.CborException.class)
                .hasMessageContaining("Indefinite");
        assertThatThrownBy(() -> hex("44010203")).hasMessageContaining("longer than the input");
        assertThatThrownBy(() -> hex("0000")).hasMessageContaining("Trailing");
        assertThatThrownBy(() -> hex("a201020103")).hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> hex("62c328")).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> hex("9bffffffffffffffff")).hasMessageContaining("Too many items");
        assertThatThrownBy(() -> hex("5bffffffffffffffff")).hasMessageContaining("longer than the input");
        assertThatThrownBy(() -> hex("81".repeat(40) + "00")).hasMessageContaining("deeply");
        assertThatThrownBy(() -> hex("")).hasMessageContaining("Truncated");
        assertThatThrownBy(() -> hex("1c")).hasMessageContaining("Reserved");
    }
}
