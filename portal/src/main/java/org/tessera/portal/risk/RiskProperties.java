package org.tessera.portal.risk;

import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tessera.risk.*}.
 *
 * @param asOf the day scores, explanations and the watchlist are computed for; empty means today.
 *             Set it to look at a past day, or to show a demo county whose data ends before today.
 */
@ConfigurationProperties("tessera.risk")
public record RiskProperties(LocalDate asOf) {
}
