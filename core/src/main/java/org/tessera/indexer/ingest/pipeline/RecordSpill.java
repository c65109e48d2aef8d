package org.tessera.indexer.ingest.pipeline;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.Location;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.SourceRecord;

/**
 * An extract's accepted records as the read stage mapped them, in a compact binary file, so the
 * event stage reads them back instead of parsing and mapping the extract a second time, on the
 * stage where every core is busy. Holding millions of records in memory instead would not fit a
 * county in the heap.
 *
 * <p>Every field of {@link SourceRecord} goes in and comes back equal; the file is written once
 * by one thread and may then be read any number of times.
 */
final class RecordSpill {

    private final Path file;

    private RecordSpill(Path file) {
        this.file = file;
    }

    /** The spill a {@link Writer} finished at {@code file}. */
    static RecordSpill at(Path file) {
        return new RecordSpill(file);
    }

    /** A temporary folder for the spills of one run, deleted with everything in it on close. */
    static final class Directory implements AutoCloseable {
        private final Path path;

        private Directory(Path path) {
            this.path = path;
        }

        private static final String PREFIX = "tessera-ingest-";
        private static final String OWNER = "owner.pid";

        /**
         * A new folder under {@code java.io.tmpdir} (which can be pointed at a larger disk). The
         * folders of runs whose process is gone (killed mid-run) are deleted first.
         */
        static Directory create() throws IOException {
            Path base = Path.of(System.getProperty("java.io.tmpdir"));
            try (Stream<Path> earlier = Files.list(base)) {
                for (Path folder : earlier.filter(f -> f.getFileName().toString().startsWith(PREFIX)).toList()) {
                    if (ownerGone(folder)) {
                        new Directory(folder).close();
                    }
                }
            }
            Path folder = Files.createTempDirectory(base, PREFIX);
            Files.writeString(folder.resolve(OWNER), Long.toString(ProcessHandle.current().pid()));
            return new Directory(folder);
        }

        private static boolean ownerGone(Path folder) {
            try {
                long pid = Long.parseLong(Files.readString(folder.resolve(OWNER)).strip());
                return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
            } catch (IOException | NumberFormatException e) {
                return false;   // not ours to judge: left alone
            }
        }

        Path file(String name) {
            return path.resolve(name);
        }

        @Override
        public void close() throws IOException {
            if (!Files.exists(path)) {
                return;
            }
            try (Stream<Path> files = Files.list(path)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(path);
        }
    }

    /** Writes records to {@code file}, replacing it. Not thread-safe; close to finish the file. */
    static final class Writer implements AutoCloseable {
        private final Path file;
        private final Output out;
        private boolean closed;

        Writer(Path file) {
            this.file = file;
            try {
                this.out = new Output(Files.newOutputStream(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the record spill " + file, e);
            }
        }

        void add(SourceRecord record) {
            try {
                out.writeBoolean(true);
                write(out, record);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the record spill " + file, e);
            }
        }

        /** The finished spill. */
        RecordSpill finish() {
            close();
            return new RecordSpill(file);
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                out.writeBoolean(false);
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot finish the record spill " + file, e);
            }
        }
    }

    /** The records in the order they were added; close the stream to close the file. */
    Stream<SourceRecord> read() {
        Input in;
        try {
            in = new Input(Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the record spill " + file, e);
        }
        Spliterator<SourceRecord> records = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                Spliterator.ORDERED | Spliterator.NONNULL) {
            // a spliterator may be advanced again after its end (a filtered stream's iterator does): it stays ended
            private boolean ended;

            @Override
            public boolean tryAdvance(Consumer<? super SourceRecord> action) {
                if (ended) {
                    return false;
                }
                try {
                    if (!in.readBoolean()) {
                        ended = true;
                        return false;
                    }
                    action.accept(readRecord(in));
                    return true;
                } catch (EOFException e) {
                    throw new IllegalStateException("the record spill " + file + " ends early", e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the record spill " + file, e);
                }
            }
        };
        return StreamSupport.stream(records, false).onClose(() -> {
            try {
                in.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void write(Output out, SourceRecord r) throws IOException {
        string(out, r.source());
        string(out, r.recordId());
        string(out, r.agency());
        string(out, r.recordType());
        date(out, r.eventDate());
        string(out, r.title());
        string(out, r.text());
        strings(out, r.codes());
        out.writeBoolean(r.location() != null);
        if (r.location() != null) {
            string(out, r.location().address());
            string(out, r.location().postcode());
        }
        out.writeInt(r.people().size());
        for (InvolvedPerson p : r.people()) {
            string(out, p.role());
            string(out, p.givenNames());
            string(out, p.familyName());
            out.writeInt(p.otherNames().size());
            for (String name : p.otherNames()) {
                string(out, name);
            }
            date(out, p.dateOfBirth());
            string(out, p.gender());
            string(out, p.address());
            string(out, p.postcode());
            strings(out, p.identifiers());
            string(out, p.title());
        }
        string(out, r.origin().file());
        out.writeLong(r.origin().firstLine());
        out.writeLong(r.origin().lastLine());
    }

    private static SourceRecord readRecord(Input in) throws IOException {
        String source = string(in);
        String recordId = string(in);
        String agency = string(in);
        String recordType = string(in);
        PartialDate eventDate = date(in);
        String title = string(in);
        String text = string(in);
        Map<String, String> codes = strings(in);
        Location location = in.readBoolean() ? new Location(string(in), string(in)) : null;
        int people = in.readInt();
        List<InvolvedPerson> involved = new ArrayList<>(people);
        for (int i = 0; i < people; i++) {
            String role = string(in);
            String given = string(in);
            String family = string(in);
            int others = in.readInt();
            List<String> otherNames = new ArrayList<>(others);
            for (int j = 0; j < others; j++) {
                otherNames.add(string(in));
            }
            involved.add(new InvolvedPerson(role, given, family, otherNames, date(in), string(in), string(in), string(in),
                    strings(in), string(in)));
        }
        Origin origin = new Origin(string(in), in.readLong(), in.readLong());
        return new SourceRecord(source, recordId, agency, recordType, eventDate, title, text, codes, location, involved, origin);
    }

    private static void string(Output out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String string(Input in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return in.readString(length);
    }

    private static void strings(Output out, Map<String, String> values) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, String> e : values.entrySet()) {
            string(out, e.getKey());
            string(out, e.getValue());
        }
    }

    private static Map<String, String> strings(Input in) throws IOException {
        int size = in.readInt();
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            values.put(string(in), string(in));
        }
        return values;
    }

    private static void date(Output out, PartialDate date) throws IOException {
        out.writeBoolean(date != null);
        if (date != null) {
            out.writeShort(date.year());
            out.writeByte(date.month());
            out.writeByte(date.day());
            out.writeLong(date.time() == null ? -1 : date.time().toNanoOfDay());
            out.writeByte(date.precision().ordinal());
        }
    }

    private static PartialDate date(Input in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        int year = in.readShort();
        int month = in.readByte();
        int day = in.readByte();
        long time = in.readLong();
        PartialDate.Precision precision = PartialDate.Precision.values()[in.readByte()];
        return new PartialDate(year, month, day, time < 0 ? null : LocalTime.ofNanoOfDay(time), precision);
    }

    /**
     * Big-endian primitives into a buffer of its own, written out a megabyte at a time: the
     * JDK's buffered streams take a lock on every call, a dozen calls per record.
     */
    private static final class Output implements AutoCloseable {
        private final OutputStream out;
        private byte[] buffer = new byte[1 << 20];
        private int used;

        Output(OutputStream out) {
            this.out = out;
        }

        void writeBoolean(boolean value) throws IOException {
            writeByte(value ? 1 : 0);
        }

        void writeByte(int value) throws IOException {
            room(1);
            buffer[used++] = (byte) value;
        }

        void writeShort(int value) throws IOException {
            room(2);
            buffer[used++] = (byte) (value >>> 8);
            buffer[used++] = (byte) value;
        }

        void writeInt(int value) throws IOException {
            writeBigEndian(value, 4);
        }

        void writeLong(long value) throws IOException {
            writeBigEndian(value, 8);
        }

        /** The low {@code bytes} bytes of {@code value}, most significant first. */
        private void writeBigEndian(long value, int bytes) throws IOException {
            room(bytes);
            for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
                buffer[used++] = (byte) (value >>> shift);
            }
        }

        void write(byte[] bytes) throws IOException {
            room(bytes.length);
            System.arraycopy(bytes, 0, buffer, used, bytes.length);
            used += bytes.length;
        }

        private void room(int bytes) throws IOException {
            if (used + bytes > buffer.length) {
                out.write(buffer, 0, used);
                used = 0;
                if (bytes > buffer.length) {
                    buffer = new byte[bytes];
                }
            }
        }

        @Override
        public void close() throws IOException {
            try (out) {
                out.write(buffer, 0, used);
                used = 0;
            }
        }
    }

    /** Reads what {@link Output} wrote, refilling a buffer of its own. */
    private static final class Input implements AutoCloseable {
        private final InputStream in;
        private byte[] buffer = new byte[1 << 20];
        private int position;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        boolean readBoolean() throws IOException {
            return readByte() != 0;
        }

        byte readByte() throws IOException {
            fill(1);
            return buffer[position++];
        }

        short readShort() throws IOException {
            fill(2);
            return (short) (((buffer[position++] & 0xff) << 8) | (buffer[position++] & 0xff));
        }

        int readInt() throws IOException {
            return (int) readBigEndian(4);
        }

        long readLong() throws IOException {
            return readBigEndian(8);
        }

        /** {@code bytes} bytes, most significant first, as {@link Output#writeBigEndian} wrote them. */
        private long readBigEndian(int bytes) throws IOException {
            fill(bytes);
            long value = 0;
            for (int i = 0; i < bytes; i++) {
                value = (value << 8) | (buffer[position++] & 0xff);
            }
            return value;
        }

        /** The next {@code length} bytes as UTF-8 text. */
        String readString(int length) throws IOException {
            fill(length);
            String value = new String(buffer, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }

        private void fill(int bytes) throws IOException {
            if (limit - position >= bytes) {
                return;
            }
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
            if (bytes > buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, bytes);
            }
            while (limit < bytes) {
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    throw new EOFException();
                }
                limit += read;
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
