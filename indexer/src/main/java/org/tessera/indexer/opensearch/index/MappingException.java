package org.tessera.indexer.opensearch.index;

/** An index definition file is wrong; the message names the file and the problem. */
public final class MappingException extends RuntimeException {

    private final String file;

    public MappingException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public MappingException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public String file() {
        return file;
    }
}
