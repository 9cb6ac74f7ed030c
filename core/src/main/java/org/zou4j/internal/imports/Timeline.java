package org.zou4j.internal.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.zou4j.ZouException;

/**
 * The video clips of an editorial timeline, as Zou reads them through OpenTimelineIO: each clip's name, its place in
 * its track ({@code range_in_parent}: first and last frame, inclusive) and its length. Two formats are read natively:
 * OTIO's own JSON ({@code .otio}) and CMX 3600 EDLs ({@code .edl}, record timecodes at the project's frame rate, the
 * first event starting the timeline at frame 0, as OTIO's cmx_3600 adapter places them).
 */
final class Timeline {
    static final List<String> SUPPORTED = List.of("edl", "otio");

    /** A clip: name (extension kept, the import strips it), first/last frame in its track, frame count. */
    record Clip(String name, long frameIn, long frameOut, long nbFrames) {
    }

    private Timeline() {
    }

    static List<Clip> read(String fileName, byte[] content, double fps, ObjectMapper mapper) {
        String suffix = suffix(fileName);
        if (!SUPPORTED.contains(suffix)) {
            throw ZouException.wrongParameter("Unsupported file type '." + ZouException.echo(suffix)
                    + "'. Supported formats: " + String.join(", ", SUPPORTED) + ".");
        }
        try {
            return "otio".equals(suffix) ? otio(content, mapper) : edl(new String(content, StandardCharsets.UTF_8),
                    fps);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ZouException z) {
                throw z;
            }
            throw ZouException.wrongParameter("Failed to parse OTIO file: " + ZouException.echo(
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    static String suffix(String fileName) {
        String base = fileName == null ? "" : fileName.replaceAll(".*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        return dot <= 0 ? "" : base.substring(dot + 1).replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    // ---- OTIO JSON -------------------------------------------------------------------------------------------------

    private static List<Clip> otio(byte[] content, ObjectMapper mapper) throws IOException {
        JsonNode root = mapper.readTree(content);
        if (root == null || !root.isObject() || !schema(root).startsWith("Timeline.")) {
            throw new IllegalArgumentException("the file holds no OTIO Timeline");
        }
        JsonNode stack = root.path("tracks");
        List<Clip> clips = new ArrayList<>();
        for (JsonNode track : stack.path("children")) {
            if (!schema(track).startsWith("Track.") || !"Video".equals(track.path("kind").asText())) {
                continue;
            }
            double position = 0; // seconds from the track's start
            for (JsonNode item : track.path("children")) {
                String kind = schema(item);
                if (kind.startsWith("Transition.")) {
                    continue; // transitions overlap their neighbours and take no room in the track
                }
                double[] range = trimmedRange(item); // {start, duration, rate}
                if (range == null) {
                    throw new IllegalArgumentException("an item of track '" + track.path("name").asText()
                            + "' has no range");
                }
                if (kind.startsWith("Clip.")) {
                    double rate = range[2];
                    long in = frames(position, rate);
                    long duration = Math.round(Math.floor(range[1] * rate + 1e-9));
                    long out = in + Math.max(duration, 1) - 1;
                    clips.add(new Clip(clipName(item), in, out, duration));
                }
                position += range[1];
            }
        }
        return clips;
    }

    private static String schema(JsonNode node) {
        return node.path("OTIO_SCHEMA").asText("");
    }

    /** {@code {start seconds, duration seconds, rate}} of the item's source range, else its media's available one. */
    private static double[] trimmedRange(JsonNode item) {
        JsonNode range = item.path("source_range");
        if (!range.isObject()) {
            range = mediaReference(item).path("available_range");
        }
        if (!range.isObject()) {
            return null;
        }
        JsonNode start = range.path("start_time");
        JsonNode duration = range.path("duration");
        double rate = duration.path("rate").asDouble(0);
        if (rate <= 0) {
            throw new IllegalArgumentException("a time range has no rate");
        }
        double startRate = start.path("rate").asDouble(rate);
        return new double[] {start.path("value").asDouble(0) / (startRate <= 0 ? rate : startRate),
                duration.path("value").asDouble(0) / rate, rate};
    }

    private static JsonNode mediaReference(JsonNode clip) {
        JsonNode refs = clip.path("media_references");
        if (refs.isObject()) {
            String key = clip.path("active_media_reference_key").asText("DEFAULT_MEDIA");
            return refs.path(key);
        }
        return clip.path("media_reference");
    }

    /** The clip's name, else its media's name prefix, name, or file name. */
    private static String clipName(JsonNode clip) {
        String name = clip.path("name").asText("");
        if (!name.isEmpty()) {
            return name;
        }
        JsonNode ref = mediaReference(clip);
        for (String key : new String[] {"name_prefix", "name"}) {
            String v = ref.path(key).asText("");
            if (!v.isEmpty()) {
                return v;
            }
        }
        String url = ref.path("target_url").asText("");
        return url.replaceAll(".*/", "");
    }

    private static long frames(double seconds, double rate) {
        return Math.round(Math.floor(seconds * rate + 1e-6));
    }

    // ---- CMX 3600 EDL --------------------------------------------------------------------------------------------------

    private static final Pattern EVENT = Pattern.compile(
            "^\\s*(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(C|D|W\\d*|K\\s*B?|KB|KO)\\s+(?:(\\d+)\\s+)?"
                    + "(\\d\\d[:;]\\d\\d[:;]\\d\\d[:;]\\d\\d)\\s+(\\d\\d[:;]\\d\\d[:;]\\d\\d[:;]\\d\\d)\\s+"
                    + "(\\d\\d[:;]\\d\\d[:;]\\d\\d[:;]\\d\\d)\\s+(\\d\\d[:;]\\d\\d[:;]\\d\\d[:;]\\d\\d)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private static List<Clip> edl(String text, double fps) {
        int rate = (int) Math.round(fps <= 0 ? 24 : fps);
        List<long[]> ranges = new ArrayList<>(); // {recIn, recOut}
        List<String> names = new ArrayList<>();
        List<String> events = new ArrayList<>();
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n");
        int current = -1;
        Long start = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("TITLE:") || line.startsWith("FCM:")) {
                continue;
            }
            Matcher m = EVENT.matcher(line);
            if (m.matches()) {
                String channels = m.group(3).toUpperCase(Locale.ROOT);
                current = -1;
                if (!channels.startsWith("V") && !channels.equals("B") && !channels.endsWith("/V")) {
                    continue; // audio only
                }
                long recIn = timecode(m.group(8), rate);
                long recOut = timecode(m.group(9), rate);
                if (start == null) {
                    start = recIn;
                }
                ranges.add(new long[] {recIn, recOut});
                names.add(null);
                events.add(m.group(1));
                current = ranges.size() - 1;
                continue;
            }
            if (line.startsWith("*") && current >= 0) {
                String note = line.substring(1).strip();
                String upper = note.toUpperCase(Locale.ROOT);
                if (upper.startsWith("FROM CLIP NAME:") && names.get(current) == null) {
                    names.set(current, note.substring("FROM CLIP NAME:".length()).strip());
                } else if ((upper.startsWith("FROM CLIP:") || upper.startsWith("FROM FILE:"))
                        && names.get(current) == null) {
                    String path = note.substring(note.indexOf(':') + 1).strip().replaceAll(".*[/\\\\]", "");
                    int dot = path.lastIndexOf('.');
                    names.set(current, "\u0000" + (dot > 0 ? path.substring(0, dot) : path));
                }
                continue;
            }
            if (line.matches("^\\d+\\s+.*") && !line.toUpperCase(Locale.ROOT).startsWith("M2")) {
                throw new IllegalArgumentException("unreadable EDL event: " + ZouException.echo(line));
            }
        }
        List<Clip> clips = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            long in = ranges.get(i)[0] - start;
            long duration = ranges.get(i)[1] - ranges.get(i)[0];
            String name = names.get(i);
            if (name == null) {
                name = events.get(i);
            } else if (name.startsWith("\u0000")) {
                name = name.substring(1); // a media path's stem: no extension left to strip
            }
            clips.add(new Clip(name, in, in + Math.max(duration, 1) - 1, duration));
        }
        return clips;
    }

    private static long timecode(String tc, int rate) {
        String[] p = tc.split("[:;]");
        long h = Long.parseLong(p[0]);
        long m = Long.parseLong(p[1]);
        long s = Long.parseLong(p[2]);
        long f = Long.parseLong(p[3]);
        if (f >= rate) {
            throw new IllegalArgumentException("timecode " + tc + " has more frames than the rate " + rate);
        }
        return ((h * 60 + m) * 60 + s) * rate + f;
    }
}
