package org.tessera.indexer.ingest;

import java.util.Objects;

/** Where a record came from: the extract file name and the (1-based, inclusive) physical line range. */
public record Origin(String file, long firstLine, long lastLine) {
    public Origin {
        Objects.requireNonNull(file, "file");
        if (firstLine < 0 || lastLine < firstLine) throw new IllegalArgumentException("bad line range " + firstLine + "-" + lastLine);
    }

    public Origin span(Origin other) {
        return new Origin(file, Math.min(firstLine, other.firstLine), Math.max(lastLine, other.lastLine));
    }

    @Override
    public String toString() { return file + ":" + (firstLine == lastLine ? firstLine : firstLine + "-" + lastLine); }
}
