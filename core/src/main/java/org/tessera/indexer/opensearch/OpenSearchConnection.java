package org.tessera.indexer.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gateway to OpenSearch for both modules: it owns the transport (the opensearch-java
 * client's Apache HttpClient 5 transport, built from configuration), the index aliases, and the
 * verbs the product uses ({@link #call}, {@link #search}, {@link #count(String, JsonNode)},
 * {@link #get}, {@link #index}, {@link #create}, {@link #bulk}, {@link #scroll}, {@link #refresh}).
 * Request bodies and answers are Jackson trees from {@link EngineJson}: query bodies, stored
 * queries and index definitions are JSON data, so the typed request classes of opensearch-java
 * are not used (docs/adr/0010-engine-gateway-json-bodies.md). Every error status becomes an
 * {@link EngineException} with the request, the status and the engine's reason.
 *
 * <p>{@link #raw} and {@link #client()} are the low-level doors, for this package and its
 * {@code index} subpackage (index creation, the bulk writer) and for tests; product code elsewhere
 * uses the verbs ({@code EngineGatewayBoundaryTest} fails otherwise). Opening a connection against
 * embedded settings starts (or reuses) the embedded server; against {@code uris} it never does.
 *
 * <p>Thread-safe; close it once when the application stops.
 */
public final class OpenSearchConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpenSearchConnection.class);
    /**
     * Each request's method, endpoint, status and wall time at DEBUG (profiling: which requests a step sends
     * and what each costs). Endpoints carry index names and derived ids only; bodies are never logged.
     */
    private static final Logger requestLog = LoggerFactory.getLogger("org.tessera.indexer.opensearch.requests");
    private static final String SCROLL_KEEP_ALIVE = "2m";
    /** The largest page a plain search may return (the engine's default {@code index.max_result_window}). */
    private static final int ONE_SEARCH_PAGE = 10_000;

    private final OpenSearchTransport transport;
    private final OpenSearchClient client;
    private final List<URI> uris;
    private final String indexPrefix;
    private final int replicas;
    private final EngineMeter meter = new EngineMeter();

    private OpenSearchConnection(OpenSearchTransport transport, List<URI> uris, String indexPrefix, int replicas) {
        this.transport = transport;
        this.client = new OpenSearchClient(transport);
        this.uris = List.copyOf(uris);
        this.indexPrefix = indexPrefix;
        this.replicas = replicas;
    }

    /** Connects to the configured external cluster, or starts/reuses the embedded server and connects to it. */
    public static OpenSearchConnection open(OpenSearchProperties properties) {
        List<URI> uris;
        if (properties.external()) {
            uris = properties.uris();
            log.info("Using external OpenSearch at {}", uris);
        } else {
            EmbeddedOpenSearch embedded = new EmbeddedOpenSearch(properties.embedded());
            embedded.start();
            uris = List.of(embedded.url());
        }
        return new OpenSearchConnection(transport(properties, uris), uris, properties.indexPrefix(), properties.replicas());
    }

    /** The opensearch-java client over the shared transport: a low-level door, see the class comment. */
    public OpenSearchClient client() {
        return client;
    }

    public List<URI> uris() {
        return uris;
    }

    /** The alias every component uses for a logical index, e.g. {@code events} gives {@code tessera-events}. */
    public String alias(String logicalName) {
        return indexPrefix + "-" + logicalName;
    }

    public String indexPrefix() {
        return indexPrefix;
    }

    /** Replicas override from configuration, or -1 to keep the index definition's own. */
    public int replicas() {
        return replicas;
    }

    /** What the engine was asked through this connection, in total and per thread (page views, benchmarks, tests). */
    public EngineMeter meter() {
        return meter;
    }

    /** Documents searchable in a logical index now; -1 when the engine does not say (no such index, an error). */
    public long count(String logicalName) {
        RawResponse response = raw("GET", "/" + alias(logicalName) + "/_count", null);
        if (!response.ok()) {
            return -1;
        }
        try {
            return EngineJson.MAPPER.readTree(response.body()).path("count").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Sends a request and returns its answer parsed; an error status is an {@link EngineException}
     * with the engine's reason. {@code body} may be null.
     */
    public JsonNode call(String method, String endpoint, JsonNode body) {
        return call(method, endpoint, body, Map.of());
    }

    public JsonNode call(String method, String endpoint, JsonNode body, Map<String, String> query) {
        return call(method, endpoint, body == null ? null : body.toString(), query);
    }

    /** As {@link #call(String, String, JsonNode, Map)} with a body already serialised (NDJSON for {@code _bulk}). */
    public JsonNode call(String method, String endpoint, String body, Map<String, String> query) {
        RawResponse response = raw(method, endpoint, body, query);
        if (!response.ok()) {
            throw EngineException.of(method, endpoint, response.status(), response.body());
        }
        if (response.body().isEmpty()) {
            return EngineJson.object();
        }
        try {
            JsonNode answer = EngineJson.MAPPER.readTree(response.body());
            meter.answered(answer);
            return answer;
        } catch (IOException e) {
            throw new EngineException(method, endpoint, response.status(), "unreadable answer: " + e.getMessage(), e);
        }
    }

    /** {@code POST /{index}/_search}: the whole answer. {@code index} is an alias or index name (see {@link #alias}). */
    public JsonNode search(String index, JsonNode body) {
        return search(index, body, Map.of());
    }

    public JsonNode search(String index, JsonNode body, Map<String, String> query) {
        return call("POST", "/" + index + "/_search", body, query);
    }

    /** One search of a {@link #msearch}: the index (alias or name) and the request body. */
    public record Search(String index, JsonNode body) {
    }

    /**
     * {@code POST /_msearch}: several searches in one request (one round trip instead of one per
     * search), the answers in the order asked. A search the engine refused is an
     * {@link EngineException} with its reason.
     */
    public List<JsonNode> msearch(List<Search> searches) {
        if (searches.isEmpty()) {
            return List.of();
        }
        StringBuilder ndjson = new StringBuilder();
        for (Search search : searches) {
            ObjectNode header = EngineJson.object();
            header.put("index", search.index());
            ndjson.append(header).append('\n').append(search.body()).append('\n');
        }
        JsonNode answer = call("POST", "/_msearch", ndjson.toString(), Map.of());
        List<JsonNode> answers = new ArrayList<>(searches.size());
        int i = 0;
        for (JsonNode response : answer.path("responses")) {
            if (response.has("error")) {
                JsonNode error = response.path("error");
                throw EngineException.of("POST", "/" + searches.get(i).index() + "/_search (in _msearch)", response.path("status").asInt(500),
                        error.toString());
            }
            answers.add(response);
            i++;
        }
        if (answers.size() != searches.size()) {
            throw new EngineException("POST", "/_msearch", 200, "asked " + searches.size() + " searches, answered " + answers.size(), null);
        }
        return answers;
    }

    /** Documents of {@code index} matching {@code query} (match all when null). */
    public long count(String index, JsonNode query) {
        ObjectNode body = EngineJson.object();
        if (query != null) {
            body.set("query", query);
        }
        return call("POST", "/" + index + "/_count", body).path("count").asLong();
    }

    /** The {@code _source} of one document, or empty when the document (or the index) does not exist. */
    public Optional<JsonNode> get(String index, String id) {
        return get(index, id, Map.of());
    }

    public Optional<JsonNode> get(String index, String id, Map<String, String> query) {
        try {
            JsonNode answer = call("GET", "/" + index + "/_doc/" + encode(id), (String) null, query);
            return answer.path("found").asBoolean(false) ? Optional.of(answer.path("_source")) : Optional.empty();
        } catch (EngineException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The {@code _source} of each document among {@code ids} that exists in {@code index}, by id in
     * the order asked: one {@code _mget}, none for no ids.
     */
    public Map<String, JsonNode> mget(String index, Collection<String> ids) {
        return mget(index, ids, Map.of());
    }

    /** As {@link #mget(String, Collection)} with query parameters ({@code _source_includes}...). */
    public Map<String, JsonNode> mget(String index, Collection<String> ids, Map<String, String> query) {
        Map<String, JsonNode> found = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        ObjectNode body = EngineJson.object();
        ids.forEach(body.putArray("ids")::add);
        for (JsonNode doc : call("POST", "/" + index + "/_mget", body, query).path("docs")) {
            if (doc.path("found").asBoolean(false)) {
                found.put(doc.path("_id").asText(), doc.path("_source"));
            }
        }
        return found;
    }

    /** Writes (creates or replaces) one document. */
    public JsonNode index(String index, String id, JsonNode document, Map<String, String> query) {
        return call("PUT", "/" + index + "/_doc/" + encode(id), document, query);
    }

    /** Creates one document; false when a document with that id already exists (the engine's 409). */
    public boolean create(String index, String id, JsonNode document) {
        return create(index, id, document, Map.of());
    }

    public boolean create(String index, String id, JsonNode document, Map<String, String> query) {
        try {
            call("PUT", "/" + index + "/_create/" + encode(id), document, query);
            return true;
        } catch (EngineException e) {
            if (e.conflict()) {
                return false;
            }
            throw e;
        }
    }

    /** Makes recent writes searchable; an index that does not exist yet has nothing to refresh. */
    public void refresh(String index) {
        try {
            call("POST", "/" + index + "/_refresh", (JsonNode) null);
        } catch (EngineException e) {
            if (!e.notFound()) {
                throw e;
            }
        }
    }

    /**
     * Sends NDJSON bulk actions. A refused request is an {@link EngineException}; items the engine
     * refused inside an accepted request are returned, each as {@code id: type reason}, the
     * others are written.
     */
    public BulkAnswer bulk(String ndjson, Map<String, String> query) {
        JsonNode answer = call("POST", "/_bulk", ndjson, query);
        int items = 0;
        List<String> failures = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            items++;
            // one key per item: "index", "create", "update" or "delete"
            JsonNode result = item.elements().hasNext() ? item.elements().next() : item;
            if (result.has("error")) {
                JsonNode error = result.path("error");
                String cause = error.path("caused_by").path("reason").asText("");
                failures.add(result.path("_id").asText() + ": " + error.path("type").asText() + " " + error.path("reason").asText()
                        + (cause.isEmpty() ? "" : " " + cause));
            }
        }
        return new BulkAnswer(items, failures);
    }

    /**
     * Sends NDJSON bulk actions already encoded (the ingest's hot path and the raw-engine
     * benchmark: no string copy) and returns the engine's answer; a refused request is an
     * {@link EngineException}, the items' own errors are in the answer.
     */
    public JsonNode bulk(byte[] ndjson, Map<String, String> query) {
        var request = Requests.builder().method("POST").endpoint("/_bulk").query(query)
                .body(Body.from(ndjson, "application/x-ndjson")).build();
        long start = System.nanoTime();
        try (Response response = client.generic().execute(request)) {
            String text = response.getBody().map(Body::bodyAsString).orElse("");
            meter.request(text.length());
            logRequest("POST", "/_bulk", response.getStatus(), start);
            if (response.getStatus() >= 300) {
                throw EngineException.of("POST", "/_bulk", response.getStatus(), text);
            }
            JsonNode answer = EngineJson.MAPPER.readTree(text.isEmpty() ? "{}" : text);
            meter.answered(answer);
            return answer;
        } catch (org.opensearch.client.transport.httpclient5.ResponseException e) {
            throw EngineException.of("POST", "/_bulk", e.status(), errorBody(e));
        } catch (IOException e) {
            throw new EngineException("POST", "/_bulk", 0, e.getMessage(), e);
        }
    }

    /** What a bulk request did: how many items it answered and the reasons of those it refused. */
    public record BulkAnswer(int items, List<String> failures) {
        public BulkAnswer {
            failures = List.copyOf(failures);
        }

        public int written() {
            return items - failures.size();
        }
    }

    /**
     * Scrolls over every hit of a search on {@code index} with {@code body} (its size is the page
     * size; sort by {@code _doc} for speed), handing each hit (with {@code _id} and {@code _source})
     * to {@code each}; the scroll is cleared however it ends. This is the one way the product pages
     * through a search.
     *
     * <p>A search whose matches fit one page is answered by one plain search with an exact total: one
     * request and no scroll context (most of an arrival's reads are such; until session 19 each was two
     * requests, open and clear). When they do not fit, that page is passed over and the scroll runs from
     * the start (one request more than a scroll alone, on a read of several pages). A scroll's
     * {@code hits.total} is exact (the engine refuses {@code track_total_hits: false} in a scroll), so
     * the scroll ends with the page that completes it, not with an empty page after it. An answer
     * without an exact total is read on until an empty page. The hits are the same either way.
     */
    public void scroll(String index, JsonNode body, Consumer<JsonNode> each) {
        if (body instanceof ObjectNode object && object.path("size").asInt(10) <= ONE_SEARCH_PAGE) {
            ObjectNode first = object.deepCopy();
            first.put("track_total_hits", true);
            JsonNode answer = call("POST", "/" + index + "/_search", first);
            JsonNode hits = answer.path("hits").path("hits");
            long total = exactTotal(answer);
            if (total >= 0 && hits.size() >= total) {
                hits.forEach(each);
                return;
            }
        }
        JsonNode page = call("POST", "/" + index + "/_search", body, Map.of("scroll", SCROLL_KEEP_ALIVE));
        String scrollId = page.path("_scroll_id").asText(null);
        long total = exactTotal(page);
        long seen = 0;
        try {
            while (true) {
                JsonNode hits = page.path("hits").path("hits");
                if (hits.isEmpty()) {
                    return;
                }
                hits.forEach(each);
                seen += hits.size();
                if (total >= 0 && seen >= total) {
                    return;
                }
                ObjectNode next = EngineJson.object();
                next.put("scroll", SCROLL_KEEP_ALIVE);
                next.put("scroll_id", scrollId);
                page = call("POST", "/_search/scroll", next);
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                ObjectNode clear = EngineJson.object();
                clear.putArray("scroll_id").add(scrollId);
                // best effort: an expired scroll frees itself
                raw("DELETE", "/_search/scroll", clear.toString());
            }
        }
    }

    /** The answer's {@code hits.total} when the engine counted it exactly, else -1. */
    private static long exactTotal(JsonNode answer) {
        JsonNode total = answer.path("hits").path("total");
        return total.path("relation").asText().equals("eq") ? total.path("value").asLong(-1) : -1;
    }

    /** Scrolls over the documents of {@code index} matching {@code query}, {@code pageSize} at a time, with only {@code sourceFields}. */
    public void scroll(String index, JsonNode query, int pageSize, Collection<String> sourceFields, BiConsumer<String, JsonNode> each) {
        ObjectNode body = EngineJson.object();
        body.put("size", pageSize);
        body.set("query", query);
        ArrayNode source = body.putArray("_source");
        sourceFields.forEach(source::add);
        body.putArray("sort").add("_doc");
        scroll(index, body, hit -> each.accept(hit.path("_id").asText(), hit.path("_source")));
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The low-level door: sends a request whose body is raw JSON and returns status and body;
     * never throws for an HTTP error status. For the gateway's own package and tests; product
     * code uses the verbs above.
     */
    public RawResponse raw(String method, String endpoint, String jsonBody) {
        return raw(method, endpoint, jsonBody, Map.of());
    }

    public RawResponse raw(String method, String endpoint, String jsonBody, Map<String, String> query) {
        var builder = Requests.builder().method(method).endpoint(endpoint).query(query);
        if (jsonBody != null) {
            builder.json(jsonBody);
        }
        long start = System.nanoTime();
        try (Response response = client.generic().execute(builder.build())) {
            String body = response.getBody().map(Body::bodyAsString).orElse("");
            meter.request(body.length());
            logRequest(method, endpoint, response.getStatus(), start);
            return new RawResponse(response.getStatus(), body);
        } catch (org.opensearch.client.transport.httpclient5.ResponseException e) {
            // The transport throws for statuses such as 409; the contract above is to hand them back.
            String body = errorBody(e);
            meter.request(body.length());
            logRequest(method, endpoint, e.status(), start);
            return new RawResponse(e.status(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch " + method + " " + endpoint + " failed: " + e.getMessage(), e);
        }
    }

    private static void logRequest(String method, String endpoint, int status, long startNanos) {
        if (requestLog.isDebugEnabled()) {
            requestLog.debug("{} {} {} {} ms", method, endpoint, status, (System.nanoTime() - startNanos) / 1_000_000);
        }
    }

    /** The exception's message is the request line, a newline, then the engine's answer. */
    private static String errorBody(org.opensearch.client.transport.httpclient5.ResponseException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(newline + 1);
    }

    /** Status and body of a raw request. */
    public record RawResponse(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException e) {
            log.warn("Closing the OpenSearch transport failed: {}", e.getMessage());
        }
    }

    private static OpenSearchTransport transport(OpenSearchProperties properties, List<URI> uris) {
        HttpHost[] hosts = uris.stream()
                .map(uri -> new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort()))
                .toArray(HttpHost[]::new);
        SSLContext sslContext = sslContext(properties);
        return ApacheHttpClient5TransportBuilder.builder(hosts)
                .setMapper(new JacksonJsonpMapper())
                .setHttpClientConfigCallback(httpClient -> {
                    if (properties.username() != null) {
                        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                        for (HttpHost host : hosts) {
                            credentials.setCredentials(new AuthScope(host),
                                    new UsernamePasswordCredentials(properties.username(),
                                            properties.password() == null ? new char[0] : properties.password().toCharArray()));
                        }
                        httpClient.setDefaultCredentialsProvider(credentials);
                    }
                    var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(64).setMaxConnPerRoute(32);
                    if (sslContext != null) {
                        connections.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext).buildAsync());
                    }
                    return httpClient.setConnectionManager(connections.build());
                })
                .build();
    }

    private static SSLContext sslContext(OpenSearchProperties properties) {
        if (properties.truststore() == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(properties.truststore())) {
            String name = properties.truststore().getFileName().toString();
            KeyStore store = KeyStore.getInstance(name.endsWith(".jks") ? "JKS" : "PKCS12");
            char[] password = properties.truststorePassword() == null ? null : properties.truststorePassword().toCharArray();
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load OpenSearch trust store " + properties.truststore() + ": " + e.getMessage(), e);
        }
    }
}
