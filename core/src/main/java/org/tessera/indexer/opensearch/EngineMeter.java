package org.tessera.indexer.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the engine was asked through one {@link OpenSearchConnection}: requests sent, the engine's own
 * {@code took} (milliseconds, summed over the answers that carry one: searches, scrolls, msearch,
 * bulk), documents returned (search hits, {@code _mget} documents, the hits of every msearch answer, the documents of {@code top_hits} aggregations)
 * and the size of the answers (characters of JSON, about bytes). Counted in total and per thread, so
 * a caller measures the work of one page view by a {@link Mark} taken on the thread that serves it
 * ({@code tessera bench portal} prints it; tests assert it stays bounded). Thread-safe.
 */
public final class EngineMeter {

    /** Engine work: requests, summed {@code took} in ms, documents returned, answer characters. */
    public record Work(long requests, long tookMillis, long documents, long answerChars) {
        public static final Work NONE = new Work(0, 0, 0, 0);

        public Work minus(Work earlier) {
            return new Work(requests - earlier.requests, tookMillis - earlier.tookMillis, documents - earlier.documents,
                    answerChars - earlier.answerChars);
        }

        public String describe() {
            return String.format(Locale.ROOT, "%d requests, took %d ms, %d documents, %.1f kB", requests, tookMillis, documents,
                    answerChars / 1000.0);
        }
    }

    /** The work of one thread from the moment the mark was taken. */
    public final class Mark {
        private final long[] start;

        private Mark(long[] start) {
            this.start = start;
        }

        /** The work this thread asked of the engine since the mark. */
        public Work since() {
            return thread().minus(new Work(start[0], start[1], start[2], start[3]));
        }
    }

    private final ThreadLocal<long[]> perThread = ThreadLocal.withInitial(() -> new long[4]);
    private final LongAdder requests = new LongAdder();
    private final LongAdder took = new LongAdder();
    private final LongAdder documents = new LongAdder();
    private final LongAdder answerChars = new LongAdder();

    /** A mark on the calling thread: {@link Mark#since()} is what this thread asked after it. */
    public Mark mark() {
        return new Mark(perThread.get().clone());
    }

    /** Everything asked through the connection since it opened, by every thread. */
    public Work total() {
        return new Work(requests.sum(), took.sum(), documents.sum(), answerChars.sum());
    }

    /**
     * Counts on the calling thread {@code work} another thread did on its behalf (measured there by a
     * {@link Mark}), so that a page that reads beside its thread still shows all its work; the totals
     * counted it already.
     */
    public void carry(Work work) {
        long[] t = perThread.get();
        t[0] += work.requests();
        t[1] += work.tookMillis();
        t[2] += work.documents();
        t[3] += work.answerChars();
    }

    private Work thread() {
        long[] t = perThread.get();
        return new Work(t[0], t[1], t[2], t[3]);
    }

    /** One request sent and its answer's size. */
    void request(int answerLength) {
        long[] t = perThread.get();
        t[0]++;
        t[3] += answerLength;
        requests.increment();
        answerChars.add(answerLength);
    }

    /** What a parsed answer says of the engine's work: its {@code took} and the documents it returned. */
    void answered(JsonNode answer) {
        long tookMillis = answer.path("took").asLong(0);
        long docs = answer.path("hits").path("hits").size() + answer.path("docs").size() + topHits(answer.path("aggregations"));
        for (JsonNode response : answer.path("responses")) {
            docs += response.path("hits").path("hits").size() + topHits(response.path("aggregations"));
        }
        long[] t = perThread.get();
        t[1] += tookMillis;
        t[2] += docs;
        took.add(tookMillis);
        documents.add(docs);
    }

    /** The documents the {@code top_hits} aggregations of an answer returned, at any depth. */
    private static long topHits(JsonNode aggregations) {
        if (!aggregations.isContainerNode()) {
            return 0;
        }
        long docs = 0;
        for (JsonNode child : aggregations) {
            JsonNode hits = child.path("hits").path("hits");
            if (child.isObject() && hits.isArray() && child.path("hits").has("total")) {
                docs += hits.size();
            } else {
                docs += topHits(child);
            }
        }
        return docs;
    }
}
