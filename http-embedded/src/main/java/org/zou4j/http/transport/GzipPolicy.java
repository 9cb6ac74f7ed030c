package org.zou4j.http.transport;

import java.util.Locale;

/** When to gzip a response: the client accepts it and the content type is worth compressing. */
final class GzipPolicy {

    private GzipPolicy() {
    }

    /** Parses {@code Accept-Encoding}: gzip (or x-gzip, or *) with a non-zero quality. */
    static boolean clientAccepts(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("x-gzip") && !coding.equals("*")) {
                continue;
            }
            boolean zeroQuality = false;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].trim().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) {
                    zeroQuality = param.substring(2).trim().matches("0(\\.0{0,3})?");
                }
            }
            if (!zeroQuality) {
                return true;
            }
        }
        return false;
    }

    /** Text-like types compress well; images, videos and archives are already compressed. */
    static boolean compressible(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/javascript") || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/x-ndjson");
    }
}
