package org.tessera.portal.watchlist;

import java.util.Locale;

/** What a duty manager does with a watchlist entry; dismissal needs a reason, assignment a person. */
public enum ReviewAction {
    ACKNOWLEDGE("acknowledged"), ASSIGN("assigned"), ESCALATE("escalated"), DISMISS("dismissed");

    private final String state;

    ReviewAction(String state) {
        this.state = state;
    }

    public String state() {
        return state;
    }

    public static ReviewAction parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
