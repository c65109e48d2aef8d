package org.tessera.portal.common;

/** OpenSearch refused or failed a request; the message names the call, never the data. */
public class SearchUnavailableException extends RuntimeException {
    public SearchUnavailableException(String message) {
        super(message);
    }
}
