package org.tessera.indexer.arrivals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tessera.indexer.common.DaemonThreads;

/**
 * Watches a drop folder for the day's files. A file is taken only once it has settled (its size
 * and modification time unchanged for {@code settle}); names ending in {@code .part} (the sender
 * renames the file when it is complete) and hidden names are never read. A taken file is moved to
 * {@code processing/}, applied through the {@link ArrivalProcessor}, then moved to {@code applied/},
 * {@code replayed/} or {@code refused/} (with a {@code .reason.txt} beside it), so the folder's top
 * level holds only what is still to come. Files left in {@code processing/} by a process that died
 * are taken again at start (ingest is idempotent).
 *
 * <p>Thread-safe: one scanning thread; {@link #scanOnce} may also be called directly (tests).
 */
public final class DropFolderWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DropFolderWatcher.class);
    public static final String PROCESSING = "processing";
    public static final String APPLIED = "applied";
    public static final String REPLAYED = "replayed";
    public static final String REFUSED = "refused";

    private final Path folder;
    private final ArrivalProcessor processor;
    private final Duration settle;
    private final Duration pollEvery;
    private final Consumer<ArrivalResult> onResult;
    private final Map<Path, Seen> seen = new HashMap<>();
    private ScheduledExecutorService scanner;

    private record Seen(long size, FileTime modified, long sinceNanos) {
    }

    public DropFolderWatcher(Path folder, ArrivalProcessor processor, Duration settle, Duration pollEvery, Consumer<ArrivalResult> onResult) {
        if (settle.isNegative() || pollEvery.isZero() || pollEvery.isNegative()) {
            throw new IllegalArgumentException("settle must not be negative and the poll interval must be positive");
        }
        this.folder = folder.toAbsolutePath();
        this.processor = processor;
        this.settle = settle;
        this.pollEvery = pollEvery;
        this.onResult = onResult;
    }

    public Path folder() {
        return folder;
    }

    /** Creates the folders, takes back what a previous process left in {@code processing/}, and starts scanning. */
    public synchronized void start() throws IOException {
        for (String sub : List.of(PROCESSING, APPLIED, REPLAYED, REFUSED)) {
            Files.createDirectories(folder.resolve(sub));
        }
        try (Stream<Path> left = Files.list(folder.resolve(PROCESSING))) {
            for (Path file : left.filter(Files::isRegularFile).toList()) {
                log.warn("Taking back {} left in processing by an earlier run", file.getFileName());
                Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        scanner = DaemonThreads.scheduled("drop-folder");
        scanner.scheduleWithFixedDelay(() -> {
            try {
                scanOnce();
            } catch (RuntimeException | IOException e) {
                log.warn("Drop folder scan failed: {}", e.getMessage());
            }
        }, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Watching {} for arrivals (settle {} ms)", folder, settle.toMillis());
    }

    /** One pass: applies every settled file, oldest first; returns how many were taken. */
    public synchronized int scanOnce() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(Files::isRegularFile).filter(DropFolderWatcher::complete)
                    .sorted(java.util.Comparator.comparing(DropFolderWatcher::modified)).toList();
        }
        seen.keySet().retainAll(files);
        int taken = 0;
        long now = System.nanoTime();
        for (Path file : files) {
            Seen current = new Seen(Files.size(file), Files.getLastModifiedTime(file), now);
            Seen before = seen.get(file);
            if (before == null || before.size() != current.size() || !before.modified().equals(current.modified())) {
                seen.put(file, current);
                if (!settle.isZero()) {
                    continue;
                }
            } else if (now - before.sinceNanos() < settle.toNanos()) {
                continue;
            }
            seen.remove(file);
            take(file);
            taken++;
        }
        return taken;
    }

    private void take(Path file) throws IOException {
        String name = file.getFileName().toString();
        Path processing = folder.resolve(PROCESSING).resolve(name);
        Files.move(file, processing, StandardCopyOption.REPLACE_EXISTING);
        ArrivalResult result;
        try {
            result = processor.process(new Arrival(processing, name, null, "drop-folder"));
        } catch (RuntimeException e) {
            // Left in processing/: taken again at the next start, or by hand after the cause is fixed.
            log.error("Arrival {} failed and stays in {}: {}", name, processing.getParent(), e.getMessage());
            throw e;
        }
        String to = switch (result) {
            case ArrivalResult.Applied applied -> APPLIED;
            case ArrivalResult.Replayed replayed -> REPLAYED;
            case ArrivalResult.Refused refused -> REFUSED;
        };
        Path done = folder.resolve(to).resolve(result.jobId() + "-" + name);
        Files.move(processing, done, StandardCopyOption.REPLACE_EXISTING);
        if (result instanceof ArrivalResult.Refused refused) {
            Files.writeString(done.resolveSibling(done.getFileName() + ".reason.txt"), refused.reason() + System.lineSeparator());
        }
        onResult.accept(result);
    }

    /** Not being written: no {@code .part} suffix, not hidden, not a reason note. */
    static boolean complete(Path file) {
        String name = file.getFileName().toString();
        return !name.endsWith(".part") && !name.startsWith(".") && !name.endsWith(".reason.txt") && !name.endsWith("~");
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    @Override
    public synchronized void close() {
        if (scanner != null) {
            scanner.shutdownNow();
            scanner = null;
        }
    }
}
