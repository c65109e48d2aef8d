package org.tessera.indexer.ingest.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tessera.indexer.ingest.SourceMapping;
import org.tessera.indexer.ingest.SourceMappings;

/**
 * What an ingest reads of a folder: the extracts each source mapping claims, the documents, a
 * delta feed's tombstone files, and the files nobody claims (listed, never guessed at).
 * Stateless and thread-safe.
 */
final class FolderDiscovery {

    static final Set<String> DOCUMENT_EXTENSIONS = Set.of("pdf", "docx", "doc", "rtf", "eml", "msg", "html", "htm", "txt", "odt",
            "tif", "tiff", "png", "jpg", "jpeg");
    static final Set<String> SKIPPED_FOLDERS = Set.of("ground-truth", "quarantine");

    private FolderDiscovery() {
    }

    /** One file to ingest: an extract with its mapping, or a document (no mapping). */
    record InputFile(Path path, SourceMapping mapping) {
        boolean document() {
            return mapping == null;
        }
    }

    /**
     * The extracts (claimed by a mapping's {@code files} globs and not by its {@code exclude}
     * globs) and documents of a folder. A file no mapping claims, or that a mapping's
     * {@code exclude} glob names, is added to {@code unclaimed} (path relative to the folder)
     * instead of being guessed at.
     */
    static List<InputFile> discover(Path folder, SourceMappings mappings, List<String> unclaimed) throws IOException {
        return discover(folder, mappings, unclaimed, new LinkedHashMap<>());
    }

    /**
     * As {@link #discover(Path, SourceMappings, List)}, and a delta feed's tombstone files (claimed
     * by its {@code feed.tombstones} globs before any {@code files} glob) go to {@code tombstones}
     * by source; the folder's manifest ({@value FeedDelivery#MANIFEST}) is not a file to read.
     */
    static List<InputFile> discover(Path folder, SourceMappings mappings, List<String> unclaimed,
                                    Map<String, List<Path>> tombstones) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a folder: " + folder);
        }
        List<InputFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = folder.relativize(path);
                boolean skipped = false;
                for (Path part : relative) {
                    String name = part.toString();
                    skipped |= SKIPPED_FOLDERS.contains(name) || name.startsWith(".");
                }
                String name = path.getFileName().toString();
                if (skipped || name.endsWith(".meta.json") || relative.toString().equals(FeedDelivery.MANIFEST)) {
                    continue;
                }
                Optional<SourceMapping> tombstoneOf = mappings.all().stream().filter(m -> m.tombstoneFile(relative)).findFirst();
                if (tombstoneOf.isPresent()) {
                    tombstones.computeIfAbsent(tombstoneOf.get().source(), k -> new ArrayList<>()).add(path);
                    continue;
                }
                if (mappings.excluded(relative)) {
                    unclaimed.add(relative.toString());
                    continue;
                }
                Optional<SourceMapping> mapping = mappings.claimant(relative);
                if (mapping.isPresent()) {
                    files.add(new InputFile(path, mapping.get()));
                } else if (DOCUMENT_EXTENSIONS.contains(extension(name))) {
                    files.add(new InputFile(path, null));
                } else {
                    unclaimed.add(relative.toString());
                }
            }
        }
        return files;
    }

    /** The job message's warning naming the unclaimed files (the first 50; all are in the log and the report). */
    static String unclaimedNote(List<String> unclaimed) {
        if (unclaimed.isEmpty()) {
            return "";
        }
        String names = String.join(", ", unclaimed.subList(0, Math.min(50, unclaimed.size())));
        return String.format(Locale.ROOT, "; warning: %d file(s) claimed by no source mapping, not read: %s%s",
                unclaimed.size(), names, unclaimed.size() > 50 ? ", ..." : "");
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
