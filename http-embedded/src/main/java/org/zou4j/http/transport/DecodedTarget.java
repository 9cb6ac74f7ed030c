package org.zou4j.http.transport;

import java.util.List;
import java.util.Map;

/** The request-target split into path and query and percent-decoded, see {@link UriDecoder}. */
record DecodedTarget(String rawPath, List<String> segments, String path, String rawQuery,
                     Map<String, List<String>> query) {
}
