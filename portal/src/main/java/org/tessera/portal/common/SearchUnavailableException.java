package org.tessera.portal.common;

/** OpenSearch refused or failed a request; the message names the call, never the data. */
public class SearchUnavailableException extends RuntimeException {

    private final int engineStatus;

    public SearchUnavailableException(String message) {
        this(message, 0);
    }

    /** {@code engineStatus}: the engine's HTTP status, 0 when it could not be reached. */
    public SearchUnavailableException(String message, int engineStatus) {
        super(message);
        this.engineStatus = engineStatus;
    }

    public int engineStatus() {
        return engineStatus;
    }
}
