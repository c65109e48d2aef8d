package org.tessera.portal.risk;

import java.time.Clock;
import java.time.LocalDate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.ScoreService;
import org.tessera.indexer.scoring.ScoringParameters;

/**
 * The indexer's risk model for the portal: one scorer (shipped parameters and catalogue), the day
 * it scores for, and the scheduler that runs {@link NightlyRescore}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RiskConfiguration {

    @Bean
    ScoreService scoreService(OpenSearchConnection connection) {
        return ScoreService.fromIndex(connection, ScoringParameters.loadDefault(), true);
    }

    @Bean
    RiskDay riskDay(RiskProperties properties, Clock clock) {
        return () -> properties.asOf() != null ? properties.asOf() : LocalDate.now(clock);
    }
}
