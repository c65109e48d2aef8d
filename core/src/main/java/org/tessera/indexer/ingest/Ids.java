package org.tessera.indexer.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ids from source keys, so that re-ingesting an extract rewrites the same documents. */
public final class Ids {
    private Ids() {}

    /** Hex digits of the event id: the first 10 bytes of the digest. */
    private static final int EVENT_ID_BYTES = 10;
    private static final HexFormat HEX = HexFormat.of();
    /**
     * One digest per thread: {@link MessageDigest#getInstance} looks the algorithm up among the
     * providers on every call, which cost as much as hashing an event id itself (half the samples
     * under {@link #sha256Hex(byte[])} in a profile of a first load). {@link MessageDigest#digest(byte[])}
     * resets the digest, so each call starts from the same state.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** {@code ev-} + first 20 hex digits of SHA-256(source NUL recordId). */
    public static String eventId(String source, String recordId) {
        byte[] digest = sha256((source + '\u0000' + recordId).getBytes(StandardCharsets.UTF_8));
        return "ev-" + HEX.formatHex(digest, 0, EVENT_ID_BYTES);
    }

    /** Event id + {@code -p} + slot index (0-based), e.g. {@code ev-0123...-p1}. */
    public static String occurrenceId(String eventId, int slot) {
        if (slot < 0) throw new IllegalArgumentException("slot " + slot);
        return eventId + "-p" + slot;
    }

    /** SHA-256 of the string's UTF-8 bytes, 64 lower-case hex digits. */
    public static String sha256Hex(String s) {
        return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The same hash as {@link #sha256Hex(String)} of the string these UTF-8 bytes encode. */
    public static String sha256Hex(byte[] utf8) {
        return HEX.formatHex(sha256(utf8));
    }

    private static byte[] sha256(byte[] bytes) {
        return SHA_256.get().digest(bytes);
    }
}
