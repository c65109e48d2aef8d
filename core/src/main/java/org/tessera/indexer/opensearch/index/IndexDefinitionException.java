package org.tessera.indexer.opensearch.index;

/** An index definition file is wrong; the message names the file and the problem. */
public final class IndexDefinitionException extends RuntimeException {

    private final String file;

    public IndexDefinitionException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public IndexDefinitionException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
