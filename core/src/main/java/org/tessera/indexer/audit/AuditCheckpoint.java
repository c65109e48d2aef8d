package org.tessera.indexer.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The head of the audit chain, anchored outside OpenSearch: a small file holding the sequence and
 * hash of the newest record this writer sealed, itself sealed with the {@link AuditKey}. Deleting
 * the last records from the index leaves the chain shorter than its checkpoint, which the verifier
 * reports as a truncation. One line: {@code sequence hash mac}. Thread-safe (one lock per JVM).
 */
public record AuditCheckpoint(Path file, AuditKey key) {

    private static final Object LOCK = new Object();

    /** The anchored head: the record {@code sequence} must exist with exactly this {@code hash}. */
    public record Head(long sequence, String hash) {
    }

    /** The anchored head, or empty when no record was ever anchored here. Fails when the file was altered. */
    public Optional<Head> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String line;
        try {
            line = Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit checkpoint " + file, e);
        }
        String[] parts = line.split(" ");
        if (parts.length != 3 || !parts[0].matches("\\d{1,18}") || !key.mac(text(Long.parseLong(parts[0]), parts[1])).equals(parts[2])) {
            throw new IllegalStateException("the audit checkpoint " + file + " is not sealed with the audit key (altered, or another key)");
        }
        return Optional.of(new Head(Long.parseLong(parts[0]), parts[1]));
    }

    /** Moves the anchor to {@code sequence}/{@code hash} unless it already names a later record. */
    public void advance(long sequence, String hash) {
        synchronized (LOCK) {
            Optional<Head> current = read();
            if (current.isPresent() && current.get().sequence() >= sequence) {
                return;
            }
            try {
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Path temporary = Files.createTempFile(parent, ".audit-checkpoint", ".tmp");
                Files.writeString(temporary, sequence + " " + hash + " " + key.mac(text(sequence, hash)) + "\n", StandardCharsets.UTF_8);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the audit checkpoint " + file, e);
            }
        }
    }

    private static String text(long sequence, String hash) {
        return "tessera-audit-checkpoint:" + sequence + ":" + hash;
    }
}
