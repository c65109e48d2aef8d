package org.tessera.indexer.opensearch;

/**
 * The engine refused or failed a request: the one error type of the {@link OpenSearchConnection}
 * gateway. Carries the request line, the HTTP status (0 when no answer arrived) and the engine's
 * own reason ({@code error.caused_by.reason}, else {@code error.reason}, else the abbreviated body),
 * so a caller can decide on the status ({@link #notFound()}, {@link #conflict()},
 * {@link #badRequest()}) and a log names the call. The engine's mapping errors can quote a field
 * value: callers that write personal data do not log the reason above DEBUG.
 */
public final class EngineException extends RuntimeException {

    private static final int REASON_LIMIT = 500;

    private final String method;
    private final String endpoint;
    private final int status;
    private final String reason;

    public EngineException(String method, String endpoint, int status, String reason, Throwable cause) {
        super("OpenSearch " + method + " " + endpoint + (status > 0 ? " answered " + status : " failed") + ": " + reason, cause);
        this.method = method;
        this.endpoint = endpoint;
        this.status = status;
        this.reason = reason;
    }

    /** From an error answer: the reason is read from the engine's {@code error} object when there is one. */
    static EngineException of(String method, String endpoint, int status, String body) {
        return new EngineException(method, endpoint, status, reasonOf(body), null);
    }

    public String method() {
        return method;
    }

    public String endpoint() {
        return endpoint;
    }

    /** The HTTP status, or 0 when the request got no answer (connection refused, timeout). */
    public int status() {
        return status;
    }

    /** The engine's reason for refusing, e.g. {@code failed to create query: ...}. */
    public String reason() {
        return reason;
    }

    public boolean notFound() {
        return status == 404;
    }

    public boolean conflict() {
        return status == 409;
    }

    public boolean badRequest() {
        return status == 400;
    }

    /** The reason in an error answer ({@code error.caused_by.reason}, else {@code error.reason}), else the body abbreviated. */
    static String reasonOf(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            var error = EngineJson.MAPPER.readTree(body).path("error");
            if (error.isTextual()) {
                return abbreviate(error.asText());
            }
            String reason = error.path("caused_by").path("reason").asText(error.path("reason").asText(""));
            if (!reason.isEmpty()) {
                return abbreviate(reason);
            }
        } catch (java.io.IOException e) {
            // not JSON: fall through to the body itself
        }
        return abbreviate(body);
    }

    static String abbreviate(String text) {
        return text.length() > REASON_LIMIT ? text.substring(0, REASON_LIMIT) + "..." : text;
    }
}
