package org.tessera.portal.security;

import java.util.List;

/**
 * The portal's roles, least privilege first. Which role may do what is stated once, in
 * docs/portal.md, and enforced on the services (method security) and views ({@code @RolesAllowed}).
 */
public final class Roles {

    /** Search, open profiles with a stated purpose, read chronologies and notes, see the watchlist. */
    public static final String PRACTITIONER = "PRACTITIONER";
    /** Everything a practitioner does, plus acting on the watchlist (acknowledge, assign, escalate, dismiss). */
    public static final String DUTY_MANAGER = "DUTY_MANAGER";
    /** Indicator catalogue and test bench, ingest jobs; no child data. */
    public static final String ANALYST = "ANALYST";
    /** The audit trail only; no child data. */
    public static final String AUDITOR = "AUDITOR";
    /** What an analyst does, plus enabling and disabling indicators. */
    public static final String ADMINISTRATOR = "ADMINISTRATOR";

    public static final List<String> ALL = List.of(PRACTITIONER, DUTY_MANAGER, ANALYST, AUDITOR, ADMINISTRATOR);

    private Roles() {
    }
}
