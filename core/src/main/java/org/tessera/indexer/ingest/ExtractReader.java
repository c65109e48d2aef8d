package org.tessera.indexer.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The {@link SourceReader} driven by a {@link SourceMapping}: CSV or JSON Lines rows mapped to
 * {@link SourceRecord}s. With {@code group_by}, rows sharing the key (consecutive or not) form one
 * record; grouped records are emitted at the end of the file, so memory grows with the file.
 * Within one file a record id seen twice (without grouping) quarantines the later row.
 * Thread-safe: immutable, each {@link #read} call is independent.
 */
public final class ExtractReader implements SourceReader {
    private final SourceMapping mapping;
    private final Set<String> referencedColumns;
    private final ReadLimits limits;

    public ExtractReader(SourceMapping mapping) {
        this(mapping, ReadLimits.defaults());
    }

    /** A reader whose rows and values are bounded by {@code limits} (longer ones are quarantined). */
    public ExtractReader(SourceMapping mapping, ReadLimits limits) {
        this.mapping = mapping;
        this.referencedColumns = RowMapper.referencedColumns(mapping);
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    public SourceMapping mapping() { return mapping; }

    /** Columns (JSON Lines: paths) the mapping reads, apart from a list's pattern groups. */
    public Set<String> referencedColumns() { return referencedColumns; }

    @Override
    public Stream<RowResult> read(Path file) {
        RawRows rows;
        try {
            rows = RawRows.open(file, mapping, referencedColumns, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
        Results it = new Results(rows, new RowMapper(mapping, file.getFileName().toString()));
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        rows.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private final class Results implements Iterator<RowResult> {
        private final RawRows rows;
        private final RowMapper mapper;
        private final Deque<RowResult> ready = new ArrayDeque<>();
        private final Map<String, RowMapper.Draft> groups = new LinkedHashMap<>();
        private final Map<String, Long> seenIds = new HashMap<>();
        private boolean exhausted;

        Results(RawRows rows, RowMapper mapper) {
            this.rows = rows;
            this.mapper = mapper;
        }

        @Override
        public boolean hasNext() {
            while (ready.isEmpty() && !exhausted) step();
            return !ready.isEmpty();
        }

        @Override
        public RowResult next() {
            if (!hasNext()) throw new NoSuchElementException();
            return ready.removeFirst();
        }

        private void step() {
            RawRows.Step s = rows.next();
            if (s == null) {
                exhausted = true;
                for (RowMapper.Draft d : groups.values()) emit(d);
                groups.clear();
                return;
            }
            if (s.quarantined() != null) { ready.add(s.quarantined()); return; }
            if (s.notice() != null) { ready.add(s.notice()); return; }
            Row row = s.row();
            RowMapper.Result r = mapper.map(row);
            if (r.quarantined() != null) { ready.add(r.quarantined()); return; }
            if (mapping.record().groupBy() == null) { emit(r.draft()); return; }
            String key = mapper.groupKey(row);
            if (key == null) {
                ready.add(new RowResult.Quarantined(r.draft().origin.file(), row.firstLine(), mapping.record().groupBy(),
                        "group_by key is empty", row.raw(), RowResult.Scope.ROW));
                return;
            }
            RowMapper.Draft g = groups.get(key);
            if (g == null) groups.put(key, r.draft());
            else g.absorb(r.draft());
        }

        private void emit(RowMapper.Draft d) {
            Long first = seenIds.putIfAbsent(d.id, d.origin.firstLine());
            if (first != null) {
                ready.add(new RowResult.Quarantined(d.origin.file(), d.origin.firstLine(), RowMapper.describe(mapping.record().id()),
                        "duplicate record id '" + d.id + "' (first seen on line " + first + ")", null, RowResult.Scope.ROW));
                return;
            }
            ready.add(new RowResult.Accepted(d.build(mapping), d.warnings, d.rows));
        }
    }
}
