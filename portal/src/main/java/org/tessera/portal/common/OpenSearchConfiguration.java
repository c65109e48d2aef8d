package org.tessera.portal.common;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.tessera.indexer.config.SettingsSource;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.opensearch.OpenSearchProperties;
import org.tessera.indexer.opensearch.OpenSearchSettings;
import org.tessera.indexer.opensearch.index.IndexDefinitions;
import org.tessera.indexer.opensearch.index.IndexManager;

/**
 * Binds {@code tessera.opensearch.*} from Spring's environment into the indexer's own settings
 * records (one source of truth for names and defaults), opens the connection and makes sure every
 * index exists before the first request.
 */
@Configuration(proxyBeanMethods = false)
class OpenSearchConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OpenSearchConfiguration.class);
    private static final String PREFIX = "tessera.opensearch";

    @Bean
    OpenSearchProperties openSearchProperties(Environment environment) {
        Map<String, String> bound = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, String.class))
                .orElseGet(Map::of);
        Map<String, String> settings = new HashMap<>();
        bound.forEach((key, value) -> settings.put(PREFIX + "." + key, value));
        return OpenSearchSettings.from(SettingsSource.of(settings));
    }

    @Bean(destroyMethod = "close")
    OpenSearchConnection openSearchConnection(OpenSearchProperties properties) {
        OpenSearchConnection connection = OpenSearchConnection.open(properties);
        for (IndexManager.IndexState state : new IndexManager(connection, IndexDefinitions.loadDefault()).ensureAll()) {
            if (state.outdated()) {
                log.warn("Index {} is at mapping version {} but the files say {}: run tessera indices migrate {}",
                        state.alias(), state.liveVersion(), state.fileVersion(), state.name());
            }
        }
        return connection;
    }
}
