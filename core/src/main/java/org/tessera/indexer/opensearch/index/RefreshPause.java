package org.tessera.indexer.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;

/**
 * Periodic refreshes of one index stopped for a bulk load, the interval it had put back on
 * {@link #close()}. A load of millions of documents that nobody searches half-written would
 * otherwise open a new segment every second and merge them again; one refresh at the end makes
 * the whole load searchable at once. A process killed while paused leaves {@code -1} behind:
 * {@link IndexManager#ensure} puts the definition's interval back on the next start.
 */
public final class RefreshPause implements AutoCloseable {

    private static final ObjectMapper JSON = EngineJson.MAPPER;
    static final String PAUSED = "-1";

    private final OpenSearchConnection connection;
    private final String index;
    private final String previous;
    /** Whether the interval was set to {@link #PAUSED} (a small write leaves it as it is). */
    private final boolean paused;
    private boolean closed;

    private RefreshPause(OpenSearchConnection connection, String index, String previous, boolean paused) {
        this.connection = connection;
        this.index = index;
        this.previous = previous;
        this.paused = paused;
    }

    /** Stops refreshing {@code index} (an alias or concrete name) until the pause is closed. */
    public static RefreshPause of(OpenSearchConnection connection, String index) {
        return of(connection, index, true);
    }

    /**
     * As {@link #of(OpenSearchConnection, String)} when {@code pause}; otherwise the interval is left alone
     * and closing only refreshes once. A write of a few documents (an arrival's) is not worth the pause: each
     * change of the interval is a cluster-state update (three requests, two of them persisted by the engine),
     * where the few refreshes the interval would run meanwhile cost next to nothing.
     */
    public static RefreshPause of(OpenSearchConnection connection, String index, boolean pause) {
        if (!pause) {
            return new RefreshPause(connection, index, null, false);
        }
        String previous = interval(connection, index);
        set(connection, index, PAUSED);
        return new RefreshPause(connection, index, PAUSED.equals(previous) ? null : previous, true);
    }

    /** Whether this pause stopped the index's refreshes (false: a small write, the interval left alone). */
    public boolean pauses() {
        return paused;
    }

    /**
     * Puts the previous interval back (the engine's default when there was none) and refreshes
     * once; later calls do nothing. Close before anything asks for {@code refresh=wait_for} on
     * the index: such a request waits for a refresh that a paused index never does.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (paused) {
            set(connection, index, previous);
        }
        connection.raw("POST", "/" + index + "/_refresh", null);
    }

    /** The index's explicit refresh interval, or null when it has none (the engine's default applies). */
    static String interval(OpenSearchConnection connection, String index) {
        OpenSearchConnection.RawResponse response = connection.raw("GET", "/" + index + "/_settings/index.refresh_interval", null);
        if (!response.ok()) {
            throw new IllegalStateException("cannot read the settings of " + index + ": " + response.status());
        }
        try {
            for (JsonNode concrete : JSON.readTree(response.body())) {
                JsonNode value = concrete.path("settings").path("index").path("refresh_interval");
                return value.isMissingNode() || value.isNull() ? null : value.asText();
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable settings of " + index, e);
        }
    }

    static void set(OpenSearchConnection connection, String index, String interval) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode settings = body.putObject("index");
        if (interval == null) {
            settings.putNull("refresh_interval");
        } else {
            settings.put("refresh_interval", interval);
        }
        OpenSearchConnection.RawResponse response = connection.raw("PUT", "/" + index + "/_settings", body.toString(), Map.of());
        if (!response.ok()) {
            throw new IllegalStateException("cannot set the refresh interval of " + index + ": " + response.status() + " " + response.body());
        }
    }
}
