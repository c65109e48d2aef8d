package org.tessera.indexer.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * A folder of data files on the classpath ({@code mappings/indices}, {@code mappings/sources},
 * ...) as a {@link Path}, whether it sits in a directory (development, tests) or inside a jar
 * (the CLI, the portal). A jar's file system is opened once and shared, so every loader can
 * list the same jar without closing it under another.
 */
public final class ClasspathFolders {

    private ClasspathFolders() {
    }

    public static Path resolve(String folder) {
        URL url = ClasspathFolders.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("classpath folder not found: " + folder);
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                return jarFileSystem(uri).provider().getPath(uri);
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open classpath folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static synchronized FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.getFileSystem(uri);
        } catch (FileSystemNotFoundException e) {
            try {
                return FileSystems.newFileSystem(uri, Map.of());
            } catch (FileSystemAlreadyExistsException raced) {
                return FileSystems.getFileSystem(uri);
            }
        }
    }
}
