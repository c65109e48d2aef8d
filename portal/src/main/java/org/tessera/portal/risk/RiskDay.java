package org.tessera.portal.risk;

import java.time.LocalDate;

/** The day the portal computes scores, explanations and the watchlist for ({@code tessera.risk.as-of}, else today). */
@FunctionalInterface
public interface RiskDay {
    LocalDate today();
}
