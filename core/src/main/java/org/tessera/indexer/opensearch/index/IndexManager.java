package org.tessera.indexer.opensearch.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchConnection.RawResponse;

/**
 * Creates Tessera's indices from their definitions: each logical index is a versioned concrete
 * index behind an alias, so a mapping change is rolled out by {@link #migrate} (create the new
 * version, reindex, switch the alias atomically) while readers keep using the alias.
 */
public record IndexManager(OpenSearchConnection connection, IndexDefinitions definitions) {

    private static final Logger log = LoggerFactory.getLogger(IndexManager.class);
    private static final ObjectMapper JSON = EngineJson.MAPPER;

    /** Outcome per logical index. */
    public record IndexState(String name, String alias, String concreteIndex, int fileVersion, Integer liveVersion, boolean created) {
        public boolean outdated() {
            return liveVersion != null && liveVersion < fileVersion;
        }
    }

    /** Creates every missing index and its alias; an existing older version is left serving and reported. */
    public List<IndexState> ensureAll() {
        List<IndexState> states = new ArrayList<>();
        for (IndexDefinition definition : definitions.all()) {
            states.add(ensure(definition));
        }
        return states;
    }

    public IndexState ensure(IndexDefinition definition) {
        String prefix = connection.indexPrefix();
        String alias = definition.alias(prefix);
        Optional<String> live = aliasTarget(alias);
        if (live.isPresent()) {
            Integer liveVersion = versionOf(live.get());
            if (liveVersion != null && liveVersion < definition.version()) {
                log.warn("Index {} runs mapping v{} but {} defines v{}; run 'tessera indices migrate {}'",
                        alias, liveVersion, definition.file(), definition.version(), definition.name());
            }
            resumeRefreshLeftPaused(definition, alias);
            return new IndexState(definition.name(), alias, live.get(), definition.version(), liveVersion, false);
        }
        String concrete = definition.concreteName(prefix);
        create(definition, concrete);
        putAlias(concrete, alias);
        log.info("Created index {} behind alias {}", concrete, alias);
        return new IndexState(definition.name(), alias, concrete, definition.version(), definition.version(), true);
    }

    /** A bulk load killed while it had refreshes paused ({@link RefreshPause}) left them off: put the definition's interval back. */
    private void resumeRefreshLeftPaused(IndexDefinition definition, String alias) {
        if (RefreshPause.PAUSED.equals(RefreshPause.interval(connection, alias))) {
            JsonNode defined = definition.body().path("settings").path("refresh_interval");
            String interval = defined.isMissingNode() || defined.isNull() ? null : defined.asText();
            RefreshPause.set(connection, alias, interval);
            log.warn("Index {} had refreshes paused by an interrupted bulk load; set back to {}", alias, interval == null ? "the default" : interval);
        }
    }

    /**
     * Rolls a logical index forward to its file's version: creates the new concrete index,
     * copies every document with _reindex, then moves the alias in one atomic request. The old
     * index is kept (for rollback) until {@code deleteOld} asks otherwise.
     */
    public IndexState migrate(String name, boolean deleteOld) {
        IndexDefinition definition = definitions.get(name);
        String prefix = connection.indexPrefix();
        String alias = definition.alias(prefix);
        Optional<String> live = aliasTarget(alias);
        String target = definition.concreteName(prefix);
        if (live.isEmpty()) {
            return ensure(definition);
        }
        if (live.get().equals(target)) {
            return new IndexState(name, alias, target, definition.version(), definition.version(), false);
        }
        create(definition, target);
        RawResponse reindex = connection.raw("POST", "/_reindex",
                "{\"source\":{\"index\":\"" + live.get() + "\"},\"dest\":{\"index\":\"" + target + "\"}}",
                Map.of("refresh", "true", "wait_for_completion", "true"));
        if (!reindex.ok()) {
            throw new IllegalStateException("reindex " + live.get() + " -> " + target + " failed: " + reindex.body());
        }
        RawResponse swap = connection.raw("POST", "/_aliases", "{\"actions\":["
                + "{\"remove\":{\"index\":\"" + live.get() + "\",\"alias\":\"" + alias + "\"}},"
                + "{\"add\":{\"index\":\"" + target + "\",\"alias\":\"" + alias + "\",\"is_write_index\":true}}]}");
        if (!swap.ok()) {
            throw new IllegalStateException("alias switch to " + target + " failed: " + swap.body());
        }
        if (deleteOld) {
            connection.raw("DELETE", "/" + live.get(), null);
        }
        log.info("Migrated {} from {} to {}", alias, live.get(), target);
        return new IndexState(name, alias, target, definition.version(), definition.version(), true);
    }

    /** Deletes every concrete index under this connection's prefix: for tests and `tessera reset` only. */
    public void deleteAll() {
        for (IndexDefinition definition : definitions.all()) {
            String pattern = connection.indexPrefix() + "-" + definition.name() + "-v*";
            // Servers with action.destructive_requires_name (the embedded one sets it) refuse a
            // wildcard DELETE, which used to fail silently and leave every index in place: name them.
            List<String> names = concreteIndices(pattern);
            if (names.isEmpty()) {
                continue;
            }
            RawResponse response = connection.raw("DELETE", "/" + String.join(",", names), null,
                    Map.of("ignore_unavailable", "true"));
            if (!response.ok()) {
                throw new IllegalStateException("cannot delete " + names + ": " + response.status() + " " + response.body());
            }
        }
    }

    private List<String> concreteIndices(String pattern) {
        RawResponse response = connection.raw("GET", "/_resolve/index/" + pattern, null, Map.of("expand_wildcards", "open,closed"));
        if (!response.ok()) {
            return List.of();
        }
        try {
            List<String> names = new ArrayList<>();
            for (JsonNode index : JSON.readTree(response.body()).path("indices")) {
                names.add(index.path("name").asText());
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes everything written so far visible to search. */
    public void refreshAll() {
        connection.raw("POST", "/" + connection.indexPrefix() + "-*/_refresh", null);
    }

    private void create(IndexDefinition definition, String concrete) {
        RawResponse response = connection.raw("PUT", "/" + concrete, definition.bodyJson(connection.replicas()));
        if (response.ok()) {
            return;
        }
        if (response.body().contains("resource_already_exists_exception")) {
            return; // a crashed earlier run created it but not the alias: reuse it
        }
        throw new IndexDefinitionException(definition.file(), "OpenSearch rejected the index definition: " + reason(response.body()));
    }

    private void putAlias(String concrete, String alias) {
        RawResponse response = connection.raw("POST", "/_aliases",
                "{\"actions\":[{\"add\":{\"index\":\"" + concrete + "\",\"alias\":\"" + alias + "\",\"is_write_index\":true}}]}");
        if (!response.ok()) {
            throw new IllegalStateException("cannot point alias " + alias + " at " + concrete + ": " + response.body());
        }
    }

    private Optional<String> aliasTarget(String alias) {
        RawResponse response = connection.raw("GET", "/_alias/" + alias, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw new IllegalStateException("cannot read alias " + alias + ": " + response.body());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            List<String> indices = new ArrayList<>();
            body.fieldNames().forEachRemaining(indices::add);
            indices.sort(null);
            return indices.isEmpty() ? Optional.empty() : Optional.of(indices.getLast());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Integer versionOf(String concrete) {
        int at = concrete.lastIndexOf("-v");
        if (at < 0) {
            return null;
        }
        try {
            return Integer.parseInt(concrete.substring(at + 2));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The engine's own explanation, without the surrounding JSON noise. */
    static String reason(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            JsonNode root = error.path("root_cause").path(0);
            String reason = root.path("reason").asText(error.path("reason").asText(body));
            return reason.isEmpty() ? body : reason;
        } catch (IOException e) {
            return body;
        }
    }
}
