package org.tessera.indexer.indicators;

/** A catalogue problem found at load time, naming the file and the indicator so a person can fix it. */
public final class CatalogueException extends RuntimeException {

    private final String file;
    private final String indicatorId;

    public CatalogueException(String file, String indicatorId, String problem) {
        super(file + (indicatorId == null ? "" : " [" + indicatorId + "]") + ": " + problem);
        this.file = file;
        this.indicatorId = indicatorId;
    }

    public String file() {
        return file;
    }

    public String indicatorId() {
        return indicatorId;
    }
}
