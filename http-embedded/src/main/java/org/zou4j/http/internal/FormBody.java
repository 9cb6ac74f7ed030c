package org.zou4j.http.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.zou4j.ZouException;
import org.zou4j.tasks.Upload;

/**
 * A request body as Flask reads forms: {@code multipart/form-data} (fields and files) or
 * {@code application/x-www-form-urlencoded} (fields). Zou's upload routes (comments with attachments) take these.
 *
 * @param fields form fields, each name with its values in order
 * @param files  uploaded files in order, with their part names
 */
public record FormBody(Map<String, List<String>> fields, List<NamedUpload> files) {

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

    /** Reads the call's form body: 400 when it is malformed. */
    public static FormBody read(Call call) {
        String type = call.request().contentType().orElse("");
        byte[] body = call.request().body();
        if (type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return new FormBody(urlEncoded(new String(body, StandardCharsets.UTF_8)), List.of());
        }
        String boundary = parameter(type, "boundary");
        if (boundary == null || boundary.isEmpty()) {
            throw ZouException.wrongParameter("A multipart body needs a boundary in its Content-Type.");
        }
        return multipart(body, boundary);
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

    private static FormBody multipart(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        List<NamedUpload> files = new ArrayList<>();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) {
            throw malformed();
        }
        while (true) {
            int after = pos + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                break; // closing delimiter
            }
            int headersStart = skipLineBreak(body, after);
            int headersEnd = indexOf(body, new byte[]{'\r', '\n', '\r', '\n'}, headersStart);
            if (headersEnd < 0) {
                throw malformed();
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) {
                throw malformed();
            }
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            String disposition = null;
            String partType = null;
            for (String line : headers.split("\r\n")) {
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
            if (field != null) {
                if (fileName != null) {
                    if (!fileName.isEmpty()) {
                        files.add(new NamedUpload(field, new Upload(baseName(fileName), partType, content)));
                    }
                } else {
                    fields.computeIfAbsent(field, x -> new ArrayList<>())
                            .add(new String(content, StandardCharsets.UTF_8));
                }
            }
            pos = contentEnd + 2;
        }
        return new FormBody(fields, files);
    }

    private static String baseName(String name) {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    private static ZouException malformed() {
        return ZouException.wrongParameter("Malformed multipart body.");
    }

    private static int skipLineBreak(byte[] b, int i) {
        if (i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n') {
            return i + 2;
        }
        return i;
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

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
