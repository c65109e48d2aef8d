package org.tessera.indexer.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic ids from source keys, so that re-ingesting an extract rewrites the same documents. */
public final class Ids {
    private Ids() {}

    /** {@code ev-} + first 20 hex digits of SHA-256(source NUL recordId). */
    public static String eventId(String source, String recordId) {
        return "ev-" + sha256Hex(source + '\u0000' + recordId).substring(0, 20);
    }

    /** Event id + {@code -p} + slot index (0-based), e.g. {@code ev-0123...-p1}. */
    public static String occurrenceId(String eventId, int slot) {
        if (slot < 0) throw new IllegalArgumentException("slot " + slot);
        return eventId + "-p" + slot;
    }

    public static String sha256Hex(String s) {
        return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The same hash as {@link #sha256Hex(String)} of the string these UTF-8 bytes encode. */
    public static String sha256Hex(byte[] utf8) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(utf8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
