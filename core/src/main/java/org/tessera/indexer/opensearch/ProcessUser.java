package org.tessera.indexer.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Who this JVM runs as, read from /proc so it works without extra JDK modules. */
final class ProcessUser {

    private ProcessUser() {
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
