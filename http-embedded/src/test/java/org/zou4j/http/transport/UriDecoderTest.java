package org.zou4j.http.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UriDecoderTest {

    @Test
    void queryIsAnOrderedMultimapWithFormDecoding() throws Exception {
        var query = UriDecoder.parseQuery("b=2&a=1&b=3&&c&d=x+y%2Bz");
        assertThat(query.keySet()).containsExactly("b", "a", "c", "d");
        assertThat(query.get("b")).containsExactly("2", "3");
        assertThat(query.get("c")).containsExactly("");
        assertThat(query.get("d")).containsExactly("x y+z");
    }

    @Test
    void pathKeepsPlusAndEncodedSlashInsideTheSegment() throws Exception {
        DecodedTarget t = UriDecoder.decode("/data/a+b/c%2Fd/?x=1");
        assertThat(t.segments()).containsExactly("data", "a+b", "c/d", "");
        assertThat(t.path()).isEqualTo("/data/a+b/c/d/");
        assertThat(t.rawPath()).isEqualTo("/data/a+b/c%2Fd/");
        assertThat(t.rawQuery()).isEqualTo("x=1");
    }

    @Test
    void rawUtf8BytesAndAbsoluteFormAreAccepted() throws Exception {
        String latin1OfUtf8 = new String("/é".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(UriDecoder.decode(latin1OfUtf8).segments()).isEqualTo(List.of("é"));
        assertThat(UriDecoder.decode("http://host:80/x?y=1").path()).isEqualTo("/x");
        assertThat(UriDecoder.decode("http://host?y=1").query()).containsKey("y");
    }

    @Test
    void malformedEscapesAreRejected() {
        for (String bad : List.of("/x?a=%zz", "/x?a=%4", "/x?a=%", "/%G0", "x/no-slash")) {
            assertThatThrownBy(() -> UriDecoder.decode(bad)).isInstanceOf(UriDecoder.MalformedTargetException.class);
        }
    }
}
