package org.tessera.indexer.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.tessera.indexer.config.SettingsSource;

/** Builds {@link OpenSearchProperties} from {@code tessera.opensearch.*} settings, with the defaults documented in docs/operations.md. */
public final class OpenSearchSettings {

    public static final int DEFAULT_HTTP_PORT = 9400;
    /** The index prefix of an installation that sets none. */
    public static final String DEFAULT_INDEX_PREFIX = "tessera";

    private OpenSearchSettings() {
    }

    public static OpenSearchProperties from(SettingsSource settings) {
        List<URI> uris = settings.get("tessera.opensearch.uris")
                .map(value -> Arrays.stream(value.split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).map(URI::create).toList())
                .orElse(List.of());
        int httpPort = settings.getInt("tessera.opensearch.embedded.port", DEFAULT_HTTP_PORT);
        EmbeddedProperties embedded = new EmbeddedProperties(
                settings.get("tessera.opensearch.embedded.home").map(Path::of).orElseGet(OpenSearchSettings::defaultHome),
                httpPort,
                settings.getInt("tessera.opensearch.embedded.transport-port", httpPort + 100),
                settings.get("tessera.opensearch.embedded.heap", "768m"),
                settings.get("tessera.opensearch.embedded.distribution").map(Path::of).orElse(null),
                settings.get("tessera.opensearch.embedded.user", "tessera"),
                Duration.ofSeconds(settings.getInt("tessera.opensearch.embedded.start-timeout-seconds", 180)));
        return new OpenSearchProperties(
                uris,
                settings.get("tessera.opensearch.username").orElse(null),
                settings.get("tessera.opensearch.password").orElse(null),
                settings.get("tessera.opensearch.truststore").map(Path::of).orElse(null),
                settings.get("tessera.opensearch.truststore-password").orElse(null),
                settings.get("tessera.opensearch.index-prefix", DEFAULT_INDEX_PREFIX),
                settings.getInt("tessera.opensearch.replicas", -1),
                embedded);
    }

    /**
     * Root cannot hand a directory under /root to the unprivileged server user, so root gets a
     * system location; everyone else keeps the server under their home directory.
     */
    public static Path defaultHome() {
        if (ProcessUser.isRoot()) {
            return Path.of("/var/lib/tessera/opensearch");
        }
        return Path.of(System.getProperty("user.home"), ".tessera", "opensearch");
    }
}
