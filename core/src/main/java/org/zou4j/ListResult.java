package org.zou4j;

import java.io.OutputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * The result of a list request, as Zou answers it: either a page envelope ({@code ?page=N}: {@code data}, {@code total},
 * {@code nb_pages}, {@code limit}, {@code offset}, {@code page}) or every matching row, streamed. A streamed result
 * holds a database transaction until closed; close it (try-with-resources) even when not fully read.
 */
public interface ListResult extends AutoCloseable, Iterable<Entry> {

    /** True when the request asked for a page. */
    boolean isPage();

    /** The page envelope as JSON values, or {@code null} when this is a streamed list. */
    Map<String, Object> page();

    /** The rows: the page's {@code data}, or the stream (which can be iterated once). */
    @Override
    Iterator<Entry> iterator();

    /** Writes Zou's JSON answer (the array, or the envelope) to {@code out}, streaming rows; closes this result. */
    void writeJson(OutputStream out);

    @Override
    void close();
}
