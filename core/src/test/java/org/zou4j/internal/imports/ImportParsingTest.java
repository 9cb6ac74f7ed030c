package org.zou4j.internal.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.zou4j.ZouException;

/** The file readers of the imports: CSV dialect and rows, OTIO JSON and EDL timelines, Zou's name keys. */
class ImportParsingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void csvSniffsTheSeparatorAndKeepsFileLines() {
        CsvTable t = CsvTable.parse(utf8("\uFEFFName\tDescription\n\"A\"\t\"two\nlines\"\n\nB\n"));
        assertThat(t.header()).containsExactly("Name", "Description");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0).get("Description")).isEqualTo("two\nlines");
        assertThat(t.rows().get(0).line()).isEqualTo(3); // the record ends on the file's third line
        assertThat(t.rows().get(1).line()).isEqualTo(5);
        assertThat(t.rows().get(1).get("Description")).isNull(); // a short row
        assertThat(t.rows().get(1).has("Description")).isTrue();
        assertThat(CsvTable.sniff("a;b,c;d")).isEqualTo(';');
        assertThat(CsvTable.sniff("\"a,b\";c")).isEqualTo(';');
        assertThat(CsvTable.sniff("single")).isEqualTo(',');
        assertThatThrownBy(() -> CsvTable.parse(utf8(" \n"))).isInstanceOf(ZouException.class)
                .hasMessage("The CSV file is empty.");
        assertThatThrownBy(() -> t.rows().get(0).require("Type")).hasMessage("A columns is missing: 'Type'");
    }

    @Test
    void otioClipsArePlacedByTheItemsBeforeThem() {
        String range = "{\"start_time\": {\"rate\": %1$s, \"value\": 0}, \"duration\": {\"rate\": %1$s, "
                + "\"value\": %2$s}}";
        String json = "{\"OTIO_SCHEMA\": \"Timeline.1\", \"tracks\": {\"OTIO_SCHEMA\": \"Stack.1\", \"children\": ["
                + "{\"OTIO_SCHEMA\": \"Track.1\", \"kind\": \"Video\", \"children\": ["
                + "{\"OTIO_SCHEMA\": \"Gap.1\", \"source_range\": " + String.format(range, 25, 50) + "},"
                + "{\"OTIO_SCHEMA\": \"Clip.1\", \"name\": \"\", \"source_range\": " + String.format(range, 25, 25)
                + ", \"media_reference\": {\"OTIO_SCHEMA\": \"ExternalReference.1\", \"target_url\": "
                + "\"file:///a/SQ01-SH010.exr\"}}]}]}}";
        List<Timeline.Clip> clips = Timeline.read("cut.OTIO", utf8(json), 25, MAPPER);
        assertThat(clips).containsExactly(new Timeline.Clip("SQ01-SH010.exr", 50, 74, 25));
        assertThatThrownBy(() -> Timeline.read("cut.aaf", utf8("x"), 25, MAPPER))
                .hasMessage("Unsupported file type '.aaf'. Supported formats: edl, otio.");
        assertThatThrownBy(() -> Timeline.read("cut.otio", utf8("[]"), 25, MAPPER))
                .hasMessageStartingWith("Failed to parse OTIO file");
    }

    @Test
    void edlEventsStartAtTheFirstRecordTimecode() {
        String edl = "TITLE: T\n001  R1 V C 00:00:00:00 00:00:01:00 10:00:00:00 10:00:01:00\n"
                + "002  R2 V C 00:00:00:00 00:00:00:12 10:00:02:00 10:00:02:12\n"
                + "* FROM CLIP: /media/SQ01-SH020.mov\n"
                + "003  R3 B D 012 00:00:00:00 00:00:01:00 10:00:02:12 10:00:03:12\n"
                + "* FROM CLIP NAME: SQ01-SH030\n";
        assertThat(Timeline.read("x.edl", utf8(edl), 24, MAPPER)).containsExactly(
                new Timeline.Clip("001", 0, 23, 24),
                new Timeline.Clip("SQ01-SH020", 48, 59, 12),
                new Timeline.Clip("SQ01-SH030", 60, 83, 24));
        assertThatThrownBy(() -> Timeline.read("x.edl", utf8("001 R V C 00:00:00:00 00:00:01:00 "
                + "00:00:00:30 00:00:01:00\n"), 24, MAPPER)).hasMessageContaining("more frames than the rate");
    }

    @Test
    void namesAsZouKeysThem() {
        assertThat(CsvOtherImports.slugify("Main Char's  Bób!")).isEqualTo("main-chars-bob");
        assertThat(CsvOtherImports.slugify("Props") + CsvOtherImports.slugify("Box"))
                .isEqualTo(CsvOtherImports.slugify("PropsBox"));
        assertThat(OtioImport.stripExtension("SH010.v2.mov")).isEqualTo("SH010.v2");
        assertThat(OtioImport.stripExtension(".hidden")).isEqualTo(".hidden");
        assertThat(OtioImport.substitute("${project_name}_$sequence_name-$$", Map.of("project_name", "P",
                "sequence_name", "SQ"))).isEqualTo("P_SQ-$");
        assertThatThrownBy(() -> OtioImport.substitute("${episode_name}", Map.of()))
                .hasMessage("KeyError: 'episode_name'");
        var m = OtioImport.pattern(OtioImport.DEFAULT_CONVENTION).matcher("Film_SQ01-SH010_extra");
        assertThat(m.lookingAt()).isTrue();
        assertThat(m.group("sequencename")).isEqualTo("SQ01");
        assertThat(m.group("shotname")).isEqualTo("SH010_extra");
        assertThat(CsvOtherImports.addBusinessDays(LocalDate.of(2026, 1, 9), 1)).isEqualTo(LocalDate.of(2026, 1, 12));
        assertThat(CsvOtherImports.addBusinessDays(LocalDate.of(2026, 1, 5), 1.5)).isEqualTo(LocalDate.of(2026, 1, 7));
    }
}
