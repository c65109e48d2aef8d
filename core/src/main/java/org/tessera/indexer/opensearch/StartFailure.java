package org.tessera.indexer.opensearch;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Why an OpenSearch server exited during start, read from what it wrote to its logs since the
 * launch: a port in use, memory, permissions, a bootstrap check, or else its last error line, with
 * the setting that fixes it. Pure apart from reading the logs; thread-safe.
 */
record StartFailure(Kind kind, String line, Path file) {

    enum Kind {
        PORT_IN_USE("a port is in use by another program: set tessera.opensearch.embedded.port (HTTP) or "
                + "tessera.opensearch.embedded.transport-port (transport, default HTTP port + 100) to a free port"),
        MEMORY("not enough memory for the server: lower tessera.opensearch.embedded.heap or free memory"),
        PERMISSION("the server may not read or write its files: check the owner of tessera.opensearch.embedded.home "
                + "(the server runs as tessera.opensearch.embedded.user when the launcher is root)"),
        DATA_LOCKED("another server holds the data directory: stop it, or use another tessera.opensearch.embedded.home"),
        BOOTSTRAP_CHECK("a bootstrap check failed (see the line quoted)"),
        OTHER("see the line quoted");

        final String hint;

        Kind(String hint) {
            this.hint = hint;
        }
    }

    /** Lines that say why, most specific first. */
    private static final Map<String, Kind> SIGNS = new java.util.LinkedHashMap<>();

    static {
        SIGNS.put("address already in use", Kind.PORT_IN_USE);
        SIGNS.put("bindtransportexception", Kind.PORT_IN_USE);
        SIGNS.put("bindhttpexception", Kind.PORT_IN_USE);
        SIGNS.put("failed to obtain node locks", Kind.DATA_LOCKED);
        SIGNS.put("outofmemoryerror", Kind.MEMORY);
        SIGNS.put("could not reserve enough space", Kind.MEMORY);
        SIGNS.put("insufficient memory", Kind.MEMORY);
        SIGNS.put("cannot allocate memory", Kind.MEMORY);
        SIGNS.put("accessdeniedexception", Kind.PERMISSION);
        SIGNS.put("permission denied", Kind.PERMISSION);
        SIGNS.put("bootstrap check failure", Kind.BOOTSTRAP_CHECK);
    }

    /** Bytes of each log file before the launch, so that only this start's lines are read. */
    record Marks(Map<Path, Long> sizes) {
        static Marks of(List<Path> files) {
            Map<Path, Long> sizes = new java.util.LinkedHashMap<>();
            for (Path f : files) {
                try {
                    sizes.put(f, Files.isRegularFile(f) ? Files.size(f) : 0L);
                } catch (IOException e) {
                    sizes.put(f, 0L);
                }
            }
            return new Marks(sizes);
        }
    }

    /** The reason in the lines written after {@code marks}; empty when the logs say nothing useful. */
    static Optional<StartFailure> read(Marks marks) {
        StartFailure fallback = null;
        for (Map.Entry<Path, Long> e : marks.sizes().entrySet()) {
            List<String> lines = tail(e.getKey(), e.getValue());
            for (Map.Entry<String, Kind> sign : SIGNS.entrySet()) {
                for (String line : lines) {
                    if (line.toLowerCase(Locale.ROOT).contains(sign.getKey())) {
                        return Optional.of(new StartFailure(sign.getValue(), shorten(line), e.getKey()));
                    }
                }
            }
            for (int i = lines.size() - 1; i >= 0 && fallback == null; i--) {
                String l = lines.get(i);
                if (l.contains("ERROR") || l.contains("Exception") || l.contains("Error:")) {
                    fallback = new StartFailure(Kind.OTHER, shorten(l), e.getKey());
                }
            }
        }
        return Optional.ofNullable(fallback);
    }

    String message() {
        return line + " (" + file + "); " + kind.hint;
    }

    private static List<String> tail(Path file, long from) {
        List<String> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(from <= length ? from : 0, length - 2_000_000);
            raf.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            raf.readFully(bytes);
            out.addAll(new String(bytes, StandardCharsets.UTF_8).lines().toList());
        } catch (IOException e) {
            // unreadable log: nothing to quote
        }
        return out;
    }

    private static String shorten(String line) {
        String s = line.strip();
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
