package org.tessera.indexer.ingest;

/** A source mapping file is invalid. The message names the file and the key path at fault. */
public class MappingException extends RuntimeException {
    private final String file;
    private final String path;

    public MappingException(String file, String path, String problem) {
        super(file + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + problem);
        this.file = file;
        this.path = path;
    }

    public String file() { return file; }

    public String path() { return path; }
}
