package org.tessera.indexer.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
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
 * The one way into OpenSearch: the typed client for ordinary calls and {@link #raw} for the few
 * requests whose bodies are data files (index definitions, stored queries). Opening it against
 * embedded settings starts (or reuses) the embedded server; against {@code uris} it never does.
 *
 * <p>Thread-safe; close it once when the application stops.
 */
public final class OpenSearchConnection implements AutoCloseable {
    private static final com.fasterxml.jackson.databind.ObjectMapper COUNT_READER = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final Logger log = LoggerFactory.getLogger(OpenSearchConnection.class);

    private final OpenSearchTransport transport;
    private final OpenSearchClient client;
    private final List<URI> uris;
    private final String indexPrefix;
    private final int replicas;

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

    /**
     * Sends a request whose body is raw JSON and returns status and body; never throws for an HTTP
     * error status, so callers can turn the engine's message into their own.
     */
    /** Documents searchable in a logical index now; -1 when the engine does not say (no such index, an error). */
    public long count(String logicalName) {
        RawResponse response = raw("GET", "/" + alias(logicalName) + "/_count", null);
        if (!response.ok()) {
            return -1;
        }
        try {
            return COUNT_READER.readTree(response.body()).path("count").asLong(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    public RawResponse raw(String method, String endpoint, String jsonBody) {
        return raw(method, endpoint, jsonBody, Map.of());
    }

    public RawResponse raw(String method, String endpoint, String jsonBody, Map<String, String> query) {
        var builder = Requests.builder().method(method).endpoint(endpoint).query(query);
        if (jsonBody != null) {
            builder.json(jsonBody);
        }
        try (Response response = client.generic().execute(builder.build())) {
            String body = response.getBody().map(Body::bodyAsString).orElse("");
            return new RawResponse(response.getStatus(), body);
        } catch (org.opensearch.client.transport.httpclient5.ResponseException e) {
            // The transport throws for statuses such as 409; the contract above is to hand them back.
            return new RawResponse(e.status(), errorBody(e));
        } catch (IOException e) {
            throw new UncheckedIOException("OpenSearch " + method + " " + endpoint + " failed: " + e.getMessage(), e);
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
