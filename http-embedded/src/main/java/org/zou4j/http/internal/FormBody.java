package org.zou4j.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zou4j.ZouException;
import org.zou4j.http.transport.HttpRequest;
import org.zou4j.tasks.Upload;

/**
 * A request body as Flask reads forms: {@code multipart/form-data} (fields and files) or
 * {@code application/x-www-form-urlencoded} (fields). Zou's upload routes (comments with attachments) take these.
 *
 * @param fields form fields, each name with its values in order
 * @param files  uploaded files in order, with their part names
 */
public record FormBody(Map<String, List<String>> fields, List<NamedUpload> files) {
    private static final int MAX_BOUNDARY = 200; // RFC 2046 says 70; some clients are generous
    private static final int MAX_LINE = 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final long MAX_FIELD = 16L * 1024 * 1024;

    /** A file part: the form field name ({@code file}, {@code file-1}, ...) and the upload. */
    public record NamedUpload(String field, Upload upload) {
    }

    /** Whether the request carries a form (multipart or url-encoded) rather than JSON. */
    public static boolean isForm(Call call) {
        String type = call.request().contentType().orElse("").toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
    }

    /** The first value of a field, or null. */
    public String first(String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The uploads alone. */
    public List<Upload> uploads() {
        List<Upload> list = new ArrayList<>();
        for (NamedUpload f : files) {
            list.add(f.upload());
        }
        return list;
    }

    /**
     * Reads the call's form body: 400 when it is malformed. A multipart body is scanned as a stream; file parts are
     * not copied but read in place from the request body (memory or spool file) when their upload is opened, so an
     * upload of any size costs no heap. The uploads are valid while the request is being served.
     */
    public static FormBody read(Call call) {
        HttpRequest request = call.request();
        String type = request.contentType().orElse("");
        if (type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return new FormBody(urlEncoded(new String(request.body(), StandardCharsets.UTF_8)), List.of());
        }
        String boundary = parameter(type, "boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw ZouException.wrongParameter("A multipart body needs a boundary in its Content-Type.");
        }
        List<Part> parts;
        try (InputStream in = request.bodyStream()) {
            parts = scan(in, boundary);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<NamedUpload> files = new ArrayList<>();
        for (Part part : parts) {
            String disposition = null;
            String partType = null;
            for (String line : part.headers()) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-disposition")) {
                    disposition = value;
                } else if (name.equals("content-type")) {
                    partType = value;
                }
            }
            String field = disposition == null ? null : parameter(disposition, "name");
            String fileName = disposition == null ? null : parameter(disposition, "filename");
            if (field == null) {
                continue;
            }
            long start = part.start();
            long length = part.end() - part.start();
            if (fileName != null) {
                if (!fileName.isEmpty()) {
                    files.add(new NamedUpload(field, Upload.streamed(baseName(fileName), partType, length,
                            () -> request.bodyStream(start, length))));
                }
            } else {
                if (length > MAX_FIELD) {
                    throw ZouException.wrongParameter("The form field " + field + " is too large (more than "
                            + MAX_FIELD + " bytes).");
                }
                try (InputStream in = request.bodyStream(start, length)) {
                    fields.computeIfAbsent(field, x -> new ArrayList<>())
                            .add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the request body", e);
                }
            }
        }
        return new FormBody(fields, files);
    }

    private static Map<String, List<String>> urlEncoded(String text) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            fields.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return fields;
    }

    /** One part: its header lines and where its content lies in the body. */
    private record Part(List<String> headers, long start, long end) {
    }

    /**
     * Finds the parts in one pass (Knuth-Morris-Pratt on {@code CRLF--boundary}, as though a CRLF preceded the body so
     * that the first delimiter may open it); a body without its closing delimiter is malformed.
     */
    private static List<Part> scan(InputStream stream, String boundary) throws IOException {
        byte[] pattern = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int[] fail = failureTable(pattern);
        Bytes in = new Bytes(stream);
        List<Part> parts = new ArrayList<>();
        List<String> headers = null;
        long contentStart = -1;
        int state = 2;
        while (true) {
            int b = in.next();
            if (b < 0) {
                throw malformed(); // no closing delimiter
            }
            while (state > 0 && b != (pattern[state] & 0xff)) {
                state = fail[state - 1];
            }
            if (b == (pattern[state] & 0xff)) {
                state++;
            }
            if (state < pattern.length) {
                continue;
            }
            state = 0;
            if (contentStart >= 0) {
                parts.add(new Part(headers, contentStart, in.pos - pattern.length));
            }
            int c = in.next();
            if (c == '-') {
                if (in.next() == '-') {
                    return parts; // the closing delimiter; an epilogue is ignored
                }
                throw malformed();
            }
            for (int padding = 0; c != '\n'; padding++) { // transport padding up to the line's end
                if (c < 0 || padding > MAX_LINE) {
                    throw malformed();
                }
                c = in.next();
            }
            headers = headerLines(in);
            contentStart = in.pos;
        }
    }

    /** Header lines up to the empty line, decoded as UTF-8. */
    private static List<String> headerLines(Bytes in) throws IOException {
        List<String> lines = new ArrayList<>();
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        int total = 0;
        while (true) {
            int c = in.next();
            if (c < 0 || ++total > MAX_HEADERS) {
                throw malformed();
            }
            if (c != '\n') {
                line.write(c);
                continue;
            }
            byte[] bytes = line.toByteArray();
            int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            if (len == 0) {
                return lines;
            }
            lines.add(new String(bytes, 0, len, StandardCharsets.UTF_8));
            line.reset();
        }
    }

    private static int[] failureTable(byte[] pattern) {
        int[] fail = new int[pattern.length];
        int k = 0;
        for (int i = 1; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fail[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fail[i] = k;
        }
        return fail;
    }

    /** Unsynchronised buffered reading, counting the bytes read. */
    private static final class Bytes {
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int p;
        private int n;
        long pos;

        Bytes(InputStream in) {
            this.in = in;
        }

        int next() throws IOException {
            if (p == n) {
                n = in.read(buf, 0, buf.length);
                p = 0;
                if (n <= 0) {
                    n = 0;
                    return -1;
                }
            }
            pos++;
            return buf[p++] & 0xff;
        }
    }

    private static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    private static ZouException malformed() {
        return ZouException.wrongParameter("Malformed multipart body.");
    }

    /** A header parameter ({@code boundary=...}, {@code name="..."}), unquoted. */
    static String parameter(String header, String name) {
        for (String piece : header.split(";")) {
            String p = piece.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
                }
                return v;
            }
        }
        return null;
    }
}
