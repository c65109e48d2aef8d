package org.tessera.indexer.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every engine request of the product goes through the gateway's verbs ({@link OpenSearchConnection#call},
 * {@code search}, {@code bulk}, {@code scroll}...): outside the {@code opensearch} package no class
 * sends a raw request, touches the opensearch-java client or its generic requests, reads a
 * {@code RawResponse}, or builds its own {@code ObjectMapper} (docs/adr/0010-engine-gateway-json-bodies.md).
 */
class EngineGatewayBoundaryTest {

    /** The low-level doors: a raw request always starts with its HTTP method. */
    private static final Pattern LOW_LEVEL = Pattern.compile(
            "\\.raw\\(\\s*\"(GET|POST|PUT|DELETE|HEAD)\"|\\.client\\(\\)|\\.generic\\(\\)|RawResponse|OpenSearchClient|"
                    + "org\\.opensearch\\.client\\.");

    /** A JSON mapper of its own; the YAML readers of configuration files (a YAML factory) are another format. */
    private static final Pattern OWN_MAPPER = Pattern.compile("new ObjectMapper\\(\\s*\\)");

    @Test
    void noClassOutsideTheGatewayCallsTheLowLevelClient() {
        assertThat(ProductSources.find(outsideTheGateway(), LOW_LEVEL)).as("engine calls outside the gateway").isEmpty();
    }

    @Test
    void theProductSharesTheGatewaysOneObjectMapper() {
        List<ProductSources.Finding> mappers = ProductSources.find(ProductSources.all(), OWN_MAPPER).stream()
                .filter(f -> !f.file().endsWith(Path.of("opensearch", "EngineJson.java")))
                .toList();
        assertThat(mappers).as("ObjectMappers besides EngineJson.MAPPER").isEmpty();
    }

    @Test
    void theCheckSeesTheGatewayItself() {
        // The pattern must match what the gateway does, or the checks above could never fail.
        List<Path> gateway = ProductSources.all().stream()
                .filter(p -> p.endsWith(Path.of("opensearch", "OpenSearchConnection.java"))).toList();
        assertThat(gateway).hasSize(1);
        assertThat(ProductSources.find(gateway, LOW_LEVEL)).isNotEmpty();
    }

    private static List<Path> outsideTheGateway() {
        return ProductSources.all().stream()
                .filter(p -> !inGatewayPackage(p))
                .toList();
    }

    /** {@code org/tessera/indexer/opensearch} and its {@code index} subpackage (index definitions, the bulk writer). */
    private static boolean inGatewayPackage(Path file) {
        String path = file.toString().replace('\\', '/');
        return path.contains("/org/tessera/indexer/opensearch/");
    }
}
