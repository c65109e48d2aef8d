package org.tessera.indexer.arrivals;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One delivery of the day's data: a file from the drop folder or a REST payload written to a file.
 *
 * @param file     the content, already complete on disk (the processor never reads a file being written)
 * @param fileName the name the source mappings judge it by ({@code police_incidents-2026-12-06.csv})
 * @param source   the source the sender named (REST), or null when the file's name decides (drop folder)
 * @param via      how it came: {@code drop-folder} or {@code api:USER}
 */
public record Arrival(Path file, String fileName, String source, String via) {

    public Arrival {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(via, "via");
        if (fileName.isBlank() || fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("not a plain file name: " + fileName);
        }
    }
}
