package org.zou4j.readcache;

import java.util.List;
import java.util.Map;

/**
 * The engine's cache of serialized read answers (one per engine, {@code ZouEngine#readCache()}): a transport stores
 * the answer of a cacheable GET for the person asking and the exact request, and serves it again while every table the
 * answer was computed from is unchanged.
 *
 * <p>Validity: each answer records, before it is computed, the write generation of the tables its computation reads
 * (captured from the engine's SQL, plus the tables a session is resolved from). The engine bumps a table's generation
 * after a write to it commits and before the write is answered, so a client reading its own write never gets the old
 * answer. On a storage other processes or engines may write ({@code StorageBackend#soleWriter()} false), an answer is
 * also dropped once older than the engine's read-cache window ({@code ZouEngine.Builder#readCacheMaxAge}).
 *
 * <p>The cache never authenticates: callers look an answer up only after the request's token was verified, and key it
 * by the person that token names. Thread-safe; memory bounded by {@link #maxBytes()}.
 */
public interface ReadCache {

    /** Whether answers are cached at all ({@code ZouEngine.Builder#readCacheMaxAge} zero: not). */
    boolean enabled();

    /** The largest body kept; larger answers are not cached. */
    int maxBodyBytes();

    /** The bound of the memory the answers take, bodies, headers and keys counted. */
    long maxBytes();

    /**
     * The stored answer of {@code personId} for {@code requestKey} if it is still valid, else {@code null}. The
     * answer's arrays are shared: never modify them.
     */
    Answer lookup(String personId, String requestKey);

    /**
     * Starts computing an answer on this thread: captures the generations its validity will be checked against, and
     * records the tables this thread reads until {@link Computation#close()}. Use in try-with-resources around the
     * computation only (nothing else may run on the thread meanwhile).
     */
    Computation begin();

    /**
     * Drops every answer. For writes made behind the engine's back through the storage's {@code DataSource} (tests,
     * benchmarks, maintenance SQL): they are invisible to the engine, so on a storage promising sole ownership their
     * answers would be served until the next write to those tables.
     */
    void invalidateAll();

    /** An answer being computed. */
    interface Computation extends AutoCloseable {
        /**
         * Keeps {@code answer} for {@code personId} and {@code requestKey}, unless a write committed since
         * {@link ReadCache#begin()} (it might then be older than that write) or the answer is too large.
         */
        void store(String personId, String requestKey, Answer answer);

        /** Ends the capture of reads on this thread. */
        @Override
        void close();
    }

    /**
     * A serialized answer: status, headers in order, body bytes (shared, never modified), and whether it was streamed
     * (so that it is framed on the wire exactly as the first time).
     */
    record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body, boolean streamed) {
        public Answer {
            headers = List.copyOf(headers);
        }

        /** An approximation of the memory this answer takes. */
        public long weight() {
            long w = 64L + body.length;
            for (Map.Entry<String, String> h : headers) {
                w += 48L + 2L * (h.getKey().length() + h.getValue().length());
            }
            return w;
        }
    }
}
