package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.EventPerson;
import org.tessera.indexer.events.SourceDocument;
import org.tessera.indexer.ingest.InvolvedPerson;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.ingest.pipeline.FeedStoreStage.Gathered;
import org.tessera.indexer.ingest.pipeline.LinkStage.Linked;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.jobs.ProgressReporter;
import org.tessera.indexer.jobs.QuarantineEntry;
import org.tessera.indexer.nlp.analysis.TextAnalysis;
import org.tessera.indexer.nlp.analysis.TextAnalyzer;
import org.tessera.indexer.nlp.semantic.ConceptMatch;
import org.tessera.indexer.nlp.semantic.ConceptTagger;
import org.tessera.indexer.opensearch.BulkWriter;
import org.tessera.indexer.opensearch.EngineJson;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.EventDocuments;

/**
 * Stage 3, events: every gathered record (read back from the spills, mixed so that each batch
 * carries its share of every source) becomes an event with its linked people, households and text
 * analysis; the batch stages (percolation, the scoring ledger) enrich it and the bulk writer stores
 * what changed. The engine's part (percolate, index) runs on the {@link EventSink}'s threads while
 * the next batch is analysed, so neither the engine nor the analysis waits for the other. What the
 * persons need is gathered on the way. Then the batch stages' {@code afterEvents} (timed as
 * "indicators"). On a run into stored indices, an event whose basis (record, people, households)
 * is as stored keeps its stored version: not analysed, percolated or written, only shown to the
 * batch stages as kept ({@link StoredEvents}, ADR 0025). One run at a time.
 */
final class EventStage {

    /**
     * Documents per {@code _bulk} request, smaller than a batch: the engine indexes requests of a
     * few hundred documents as fast as larger ones, while a percolation request gets cheaper per
     * document up to a few thousand (measured: docs/performance.md).
     */
    static final int BULK_REQUEST_DOCUMENTS = 500;

    private final OpenSearchConnection connection;
    private final IngestSettings settings;
    private final TextAnalyzer textAnalyzer;
    /** The semantic stage (concept tags on events, read by the indicators' queries); null when off. */
    private final ConceptTagger concepts;
    private final List<EventBatchStage> stages;
    private final Clock clock;
    private final JobRecorder job;
    private final StageTimes times;
    /** Events this stage kept as stored (ADR 0025), counted as unchanged documents. */
    private long keptEvents;

    EventStage(OpenSearchConnection connection, IngestSettings settings, TextAnalyzer textAnalyzer, ConceptTagger concepts,
               List<EventBatchStage> stages, Clock clock, JobRecorder job, StageTimes times) {
        this.connection = connection;
        this.settings = settings;
        this.textAnalyzer = textAnalyzer;
        this.concepts = concepts;
        this.stages = List.copyOf(stages);
        this.clock = clock;
        this.job = job;
        this.times = times;
    }

    /**
     * What the event stage wrote and gathered.
     *
     * @param firstLoad         the events and persons indices were empty at its start: documents were
     *                          written without comparing hashes ({@link #mode()})
     * @param profiles          each linked person as the events describe them
     * @param producedEvents    ids of every event this run produced
     * @param producedPerSource events produced per source
     * @param sources           the sources of the events produced
     * @param written           the bulk writer's totals
     * @param refused           the events the index refused
     */
    record EventsWritten(boolean firstLoad, Map<String, PersonProfile> profiles, Set<String> producedEvents,
                         Map<String, Long> producedPerSource, Set<String> sources, BulkWriter.Stats written,
                         List<BulkWriter.Failure> refused, Set<String> reach, Set<String> changing) {

        /**
         * @param reach    the persons whose events the batch stages were shown (ADR 0040): an event
         *                 naming none of them was left as stored unread; null when every event was shown
         * @param changing of those, the persons on a record that changes (either version) or unsettled
         *                 by the linkage: nobody else's profile can differ from its stored document;
         *                 null when every person is to be written
         */
        EventsWritten {
            reach = reach == null ? null : Set.copyOf(reach);
            changing = changing == null ? null : Set.copyOf(changing);
        }

        /** Whether the person's document is to be written (compared with the stored one by its hash). */
        boolean mayChange(String personId) {
            return changing == null || changing.contains(personId);
        }

        BulkWriter.Mode mode() {
            return firstLoad ? BulkWriter.Mode.OVERWRITE : BulkWriter.Mode.SKIP_UNCHANGED;
        }
    }

    /** What the batches gather on the producing thread (sources, profiles) and the sink's ({@code producedPerSource}). */
    private record Produced(Map<String, PersonProfile> profiles, Set<String> events, Map<String, Long> perSource, Set<String> sources,
                            PersonProfile.NameForms names) {
        Produced() {
            this(new HashMap<>(), new HashSet<>(), new ConcurrentHashMap<>(), new TreeSet<>(), new PersonProfile.NameForms());
        }
    }

    EventsWritten write(Gathered gathered, Linked linked) {
        return write(gathered, linked, false, LastIngest.previousEnded(connection, job.jobId()));
    }

    /**
     * @param everyEvent    the batch stages must be shown every event of the run (a rescore of every
     *                      child follows): no event is left as stored unread (ADR 0040)
     * @param previousEnded the ingest before this one finished ({@link LastIngest}): its events are whole
     */
    EventsWritten write(Gathered gathered, Linked linked, boolean everyEvent, boolean previousEnded) {
        long start = System.nanoTime();
        keptEvents = 0;
        long total = gathered.total();
        // Comparing each document's hash with the stored one pays only when documents are
        // stored: a first load into empty indices writes without asking about every id first
        // (and the stages may treat it as one: indicators run once over all events).
        boolean firstLoad = connection.count("events") == 0 && connection.count("persons") == 0;
        if (!firstLoad) {
            storedPerSource(connection).forEach((source, stored) ->
                    gathered.delivered().deliveries().computeIfPresent(source, (k, d) -> d.withPreviouslyStored(stored)));
        }
        // Stored events are kept only when the ingest before this one ended: a first load killed before
        // its backfill leaves events without their text hits, which must be percolated again (KilledIngestIT).
        boolean keepStored = !firstLoad && previousEnded;
        job.count("events_keep_stored", keepStored ? 1 : 0);
        BulkWriter.Mode mode = firstLoad ? BulkWriter.Mode.OVERWRITE : BulkWriter.Mode.SKIP_UNCHANGED;
        stages.forEach(stage -> stage.begin(firstLoad));
        job.count("first_load", firstLoad ? 1 : 0);
        Produced produced = new Produced();
        Map<String, ObjectNode> notes = gathered.delivered().notes();
        EventDocumentBuilder builder = new EventDocumentBuilder();
        // After an incremental link, only the persons the arrival reaches have their events read (ADR 0040).
        ArrivalScope scope = null;
        Reach reach = null;
        ReachedRecords reached = gathered.reached();
        boolean scoped = keepStored && linked.settled() != null && !everyEvent;
        if (reached != null && !scoped) {
            throw new IllegalStateException("the stored records were left to be read by reach, but this run reads every event");
        }
        if (scoped) {
            long scopeStart = System.nanoTime();
            scope = scope(gathered, linked, notes, builder, produced);
            Set<String> persons = scope.reach();
            long reachStart = System.nanoTime();
            // the stored events of everyone reached, scorer's fields only: one scroll, not an _mget a batch
            Map<String, Event> events = new HashMap<>();
            StoredEvents.ofPersons(connection, persons, EventDocuments.SOURCE_FIELDS, event -> events.put(event.eventId(), event));
            reach = new Reach(persons, events);
            times.since(StageTimes.EVENTS + "scope/reach events", reachStart);
            if (reached != null) {
                // every record of a reached person is shown to the batch stages: those the run does not hold yet are read
                long readStart = System.nanoTime();
                job.count("arrival_reach_records_read", readRecords(reached, events.keySet(), linked));
                times.since(StageTimes.EVENTS + "scope/reach records", readStart);
            }
            times.since(StageTimes.EVENTS + "scope", scopeStart);
            job.count("arrival_reach_persons", persons.size());
            job.count("arrival_reach_events", events.size());
            job.count("arrival_changing_persons", scope.seeds().size());
        }
        ProgressReporter progress = ProgressReporter.forConsole("ingest", total);
        BulkWriter.Stats stats;
        List<BulkWriter.Failure> refused;
        try (BulkWriter writer = new BulkWriter(connection, mode, Math.min(settings.batchSize(), BULK_REQUEST_DOCUMENTS), 8 << 20);
             ForkJoinPool analysisPool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
             EventSink sink = new EventSink(stages, writer, connection.alias("events"), clock,
                     (stage, nanos) -> times.add(StageTimes.EVENTS + stage, nanos))) {
            List<SourceRecord> batch = new ArrayList<>(settings.batchSize());
            long done = 0;
            long leftAsStored = 0;
            try (InterleavedRecords mixed = new InterleavedRecords(gathered.eventInputs())) {
                while (mixed.hasNext()) {
                    SourceRecord record = mixed.next();
                    // left out before batching (ADR 0041): the few records an arrival builds go in as few
                    // batches (one percolate request, one _mget) as they fill, not one a batch of the county
                    if (reach != null && leftAsStored(record, linked.people(), linked.settled(), reach, notes)) {
                        leftAsStored++;
                        continue;
                    }
                    batch.add(record);
                    if (batch.size() >= settings.batchSize()) {
                        writeBatch(batch, linked.people(), linked.settled(), reach, notes, builder, produced, firstLoad, keepStored, sink, analysisPool);
                        done += batch.size();
                        batch.clear();
                        progress.update(done + leftAsStored);
                        job.progress((done + leftAsStored) / (double) Math.max(1, total));
                    }
                }
            }
            writeBatch(batch, linked.people(), linked.settled(), reach, notes, builder, produced, firstLoad, keepStored, sink, analysisPool);
            sink.drain();
            if (reached != null) {
                // the stored records never read: none of their people reached, so left as stored (ADR 0047)
                long[] unread = {0};
                reached.forEachUnread((event, source) -> unread[0]++);
                leftAsStored += unread[0];
                job.count("events_left_unread_in_store", unread[0]);
            }
            if (reach != null) {
                job.count("events_left_as_stored", leftAsStored);
                keptEvents += leftAsStored;
            }
            done += batch.size() + leftAsStored;
            progress.done(done);
            writer.flush();
            connection.refresh(connection.alias("events"));
            // the events kept as stored count as unchanged documents, as the writer counts those it skips
            stats = writer.stats().plus(new BulkWriter.Stats(0, keptEvents, 0, 0, 0));
            refused = writer.drainFailures();
        }
        times.since("events", start);
        long afterEventsStart = System.nanoTime();
        stages.forEach(EventBatchStage::afterEvents);
        times.since("indicators", afterEventsStart);
        return new EventsWritten(firstLoad, produced.profiles(), produced.events(), produced.perSource(), produced.sources(),
                stats, refused, reach == null ? null : reach.persons(), scope == null ? null : scope.seeds());
    }

    /**
     * The first pass of an arrival (ADR 0040, ADR 0041): every record is noted as produced (its event id,
     * source and people, no basis built); only the records that are not settled by the linkage's account
     * (changed, a document note, an unsettled person on them) have their basis built, and
     * they, the stored versions of those records and the stored events of their people are the seeds.
     * The households of a settled record are those of its stored event (a settled record builds exactly
     * the event it built before), so whom the seeds reach through households is read from the index
     * ({@link #widen}), not from a basis of every record. Profiles are noted in the second pass, for the
     * records it does not leave as stored: every record of a reached person.
     */
    private ArrivalScope scope(Gathered gathered, Linked linked, Map<String, ObjectNode> notes, EventDocumentBuilder builder,
                               Produced produced) {
        ArrivalScope scope = new ArrivalScope();
        List<String> changing = new ArrayList<>();
        long built = 0;
        ReachedRecords reached = gathered.reached();
        if (reached != null) {
            long readStart = System.nanoTime();
            job.count("arrival_changing_records_read", readChanging(gathered, reached, linked, notes));
            times.since(StageTimes.EVENTS + "scope/changing records", readStart);
            // the stored records not read: produced as stored, each person on them a produced person
            reached.forEachUnread((event, source) -> noteEvent(event, source, produced));
            reached.forEachUnreadOccurrence((occurrence, person) ->
                    produced.profiles().computeIfAbsent(person, id -> new PersonProfile(id, produced.names())));
        }
        long passStart = System.nanoTime();
        try (InterleavedRecords mixed = new InterleavedRecords(gathered.eventInputs())) {
            while (mixed.hasNext()) {
                SourceRecord record = mixed.next();
                noteRecord(record, linked.people(), produced);
                ObjectNode note = notes.get(record.eventId());
                if (note == null && settled(record, linked.people(), linked.settled())) {
                    continue;
                }
                built++;
                Event basis = withNote(builder.build(record, linked.people(), null), note);
                scope.observe(basis, true);
                changing.add(record.eventId());
            }
        }
        job.count("arrival_first_pass_bases", built);
        times.since(StageTimes.EVENTS + "scope/records", passStart);
        long seedsStart = System.nanoTime();
        scope.seedPersons(linked.settled().unsettledPersons());
        for (int from = 0; from < changing.size(); from += KEPT_PER_REQUEST) {
            StoredEvents.fetch(connection, changing.subList(from, Math.min(changing.size(), from + KEPT_PER_REQUEST)),
                    EventDocuments.SOURCE_FIELDS).values().forEach(doc -> scope.seed(Event.fromDocument(doc)));
        }
        StoredEvents.ofPersons(connection, scope.seeds(), EventDocuments.SOURCE_FIELDS, scope::seed);
        times.since(StageTimes.EVENTS + "scope/seeds", seedsStart);
        long widenStart = System.nanoTime();
        widen(scope);
        times.since(StageTimes.EVENTS + "scope/households", widenStart);
        return scope;
    }

    /**
     * Reads the stored records (ADR 0047) a record that is not settled needs whole: every record of each
     * person the linkage unsettled, then every record of each person on a record that is not settled (a
     * built event's ages and households are read from each of its persons' records). Returns the records read.
     */
    private long readChanging(Gathered gathered, ReachedRecords reached, Linked linked, Map<String, ObjectNode> notes) {
        Map<String, String> personIds = linked.linkage().personIds();
        long read = readRecords(reached, ReachedRecords.eventsOf(personIds, linked.settled().unsettledPersons()), linked);
        Set<String> persons = new HashSet<>();
        try (InterleavedRecords mixed = new InterleavedRecords(gathered.eventInputs())) {
            while (mixed.hasNext()) {
                SourceRecord record = mixed.next();
                if (notes.get(record.eventId()) == null && settled(record, linked.people(), linked.settled())) {
                    continue;
                }
                List<InvolvedPerson> involved = record.people();
                for (int slot = 0; slot < involved.size(); slot++) {
                    if (involved.get(slot).hasIdentity()) {
                        persons.add(linked.people().personId(record.occurrenceId(slot)));
                    }
                }
            }
        }
        return read + readRecords(reached, ReachedRecords.eventsOf(personIds, persons), linked);
    }

    /** Reads the stored records of {@code events} the run does not hold, and notes their people's sightings. */
    private static long readRecords(ReachedRecords reached, Set<String> events, Linked linked) {
        Map<String, String> personIds = linked.linkage().personIds();
        List<SourceRecord> read = reached.read(events);
        for (SourceRecord record : read) {
            LocalDate date = record.eventDate() == null ? null : record.eventDate().earliest().toLocalDate();
            for (org.tessera.indexer.linkage.PersonOccurrence occurrence : org.tessera.indexer.linkage.PersonOccurrence.of(record)) {
                String person = personIds.get(occurrence.occurrenceId());
                if (person != null) {
                    linked.people().observe(person, LinkStage.asInvolved(occurrence), date);
                }
            }
        }
        return read.size();
    }

    /**
     * Feeds the scope with the stored households it needs for {@link ArrivalScope#reach()}: who is recorded
     * in each seed household, in which households those and the seeds were recorded, and who is recorded
     * in those (two {@code terms} reads of the events by household and one by person, people only).
     */
    private void widen(ArrivalScope scope) {
        Set<String> seedHouseholds = scope.seedHouseholds();
        StoredEvents.ofHouseholds(connection, seedHouseholds, StoredEvents.PEOPLE_FIELDS, scope::observeStored);
        Set<String> persons = scope.personsIn(seedHouseholds);
        persons.addAll(scope.seeds());
        StoredEvents.ofPersons(connection, persons, StoredEvents.PEOPLE_FIELDS, scope::observeStored);
        Set<String> households = scope.householdsOf(persons);
        households.removeAll(seedHouseholds);
        StoredEvents.ofHouseholds(connection, households, StoredEvents.PEOPLE_FIELDS, scope::observeStored);
    }

    /**
     * Whom an arrival reaches ({@link ArrivalScope#reach()}) and their stored events (scorer's fields), read
     * once: the events a batch keeps on the linkage's account are taken from here (ADR 0040).
     */
    private record Reach(Set<String> persons, Map<String, Event> events) {
    }

    /** Stored versions read in one {@code _mget} at most. */
    private static final int KEPT_PER_REQUEST = 2000;

    /**
     * Whether the record's event is left as stored unread (ADR 0040): unchanged, no document note,
     * and nobody on it in the arrival's reach (so all its people settled).
     */
    private static boolean leftAsStored(SourceRecord record, LinkedPeople linked, LinkStage.Settled settled, Reach reach,
                                        Map<String, ObjectNode> notes) {
        if (reach == null || notes.containsKey(record.eventId()) || settled.changedEvents().contains(record.eventId())) {
            return false;
        }
        List<InvolvedPerson> involved = record.people();
        for (int slot = 0; slot < involved.size(); slot++) {
            if (involved.get(slot).hasIdentity() && reach.persons().contains(linked.personId(record.occurrenceId(slot)))) {
                return false;
            }
        }
        return true;
    }

    private void writeBatch(List<SourceRecord> all, LinkedPeople linked, LinkStage.Settled settled, Reach reach,
                            Map<String, ObjectNode> notes, EventDocumentBuilder builder,
                            Produced produced, boolean firstLoad, boolean keepStored,
                            EventSink sink, ForkJoinPool analysisPool) {
        if (all.isEmpty()) {
            return;
        }
        // Into stored indices: an event whose basis is as stored keeps its stored analysis and hits (ADR 0025).
        List<SourceRecord> batch = all;
        List<Event> kept = List.of();
        if (keepStored) {
            long keepStart = System.nanoTime();
            List<Event> bases = new ArrayList<>(all.size());
            List<String> ids = new ArrayList<>(all.size());
            List<String> settledIds = new ArrayList<>();
            boolean[] isSettled = new boolean[all.size()];
            for (int i = 0; i < all.size(); i++) {
                SourceRecord record = all.get(i);
                ObjectNode note = notes.get(record.eventId());
                Event basis = withNote(builder.build(record, linked, null), note);
                bases.add(basis);
                // as stored by the linkage's account (ADR 0029): the scorer's fields are all the stages need of it
                isSettled[i] = settled != null && note == null && settled(record, basis, settled);
                (isSettled[i] ? settledIds : ids).add(record.eventId());
            }
            Map<String, JsonNode> stored = StoredEvents.fetch(connection, ids);
            Map<String, Event> storedSettled = new HashMap<>();
            if (reach != null) {
                settledIds.forEach(id -> storedSettled.computeIfAbsent(id, reach.events()::get));
            } else {
                StoredEvents.fetch(connection, settledIds, EventDocuments.SOURCE_FIELDS)
                        .forEach((id, doc) -> storedSettled.put(id, Event.fromDocument(doc)));
            }
            batch = new ArrayList<>(all.size());
            kept = new ArrayList<>();
            long settledKept = 0;
            for (int i = 0; i < all.size(); i++) {
                SourceRecord record = all.get(i);
                // in the records' order, as on a first load (a person's profile takes what it is given in order);
                // an arrival scoped by its reach noted only the records' events and people in its first pass
                noteProduced(record, bases.get(i), produced);
                if (isSettled[i]) {
                    Event old = storedSettled.get(record.eventId());
                    if (old != null) {
                        kept.add(old);
                        settledKept++;
                    } else {
                        batch.add(record);
                    }
                    continue;
                }
                JsonNode old = stored.get(record.eventId());
                Event storedEvent = old == null ? null : Event.fromDocument(old);
                if (storedEvent != null && StoredEvents.sameBasis(bases.get(i), storedEvent)) {
                    kept.add(storedEvent);
                } else {
                    batch.add(record);
                }
            }
            times.since(StageTimes.EVENTS + "keep as stored", keepStart);
            job.count("events_kept", kept.size());
            job.count("events_kept_settled", settledKept);
            keptEvents += kept.size();
        }
        List<SourceRecord> todo = batch;
        long analysisStart = System.nanoTime();
        List<TextAnalysis> analyses = Futures.await(analysisPool.submit(() -> todo.parallelStream()
                .map(r -> settings.analyseText() && r.text() != null && !r.text().isBlank() ? textAnalyzer.analyze(r.text()) : null)
                .toList()), "text analysis");
        times.since(StageTimes.EVENTS + "text analysis", analysisStart);
        List<List<ConceptMatch>> conceptMatches = null;
        if (concepts != null && settings.analyseText()) {
            long semanticStart = System.nanoTime();
            conceptMatches = Futures.await(analysisPool.submit(() -> todo.parallelStream()
                    .map(r -> r.text() != null && !r.text().isBlank() ? concepts.tag(r.text()) : List.<ConceptMatch>of())
                    .toList()), "semantic stage");
            times.since(StageTimes.EVENTS + "semantic stage", semanticStart);
        }
        for (int i = 0; i < batch.size(); i++) {
            TextAnalysis analysis = analyses.get(i);
            if (analysis != null && !analysis.warnings().isEmpty()) {
                SourceRecord record = batch.get(i);
                for (String warning : analysis.warnings()) {
                    job.warn(new QuarantineEntry(record.origin().file(), record.origin().firstLine(), "text", warning, null));
                }
                job.count("texts_analysed_in_part", 1);
            }
        }
        long buildStart = System.nanoTime();
        List<Event> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SourceRecord record = batch.get(i);
            Event event = builder.build(record, linked, analyses.get(i));
            if (conceptMatches != null) {
                event = event.withConceptMatches(conceptMatches.get(i));
            }
            event = withNote(event, notes.get(record.eventId()));
            events.add(event);
            if (!keepStored) {
                noteProduced(record, event, produced);
            }
        }
        times.since(StageTimes.EVENTS + "build events", buildStart);
        long waitStart = System.nanoTime();
        sink.submit(events, kept);
        times.since(StageTimes.EVENTS + "wait for engine", waitStart);
        job.count("events_built", events.size());
    }

    /**
     * {@link #settled(SourceRecord, Event, LinkStage.Settled)} read from the record and the linkage alone, before
     * any basis is built: the basis's people are the record's people with an identity, each the person its
     * occurrence linked to.
     */
    private static boolean settled(SourceRecord record, LinkedPeople linked, LinkStage.Settled settled) {
        if (settled.changedEvents().contains(record.eventId())) {
            return false;
        }
        List<InvolvedPerson> involved = record.people();
        for (int slot = 0; slot < involved.size(); slot++) {
            if (involved.get(slot).hasIdentity()) {
                if (settled.unsettledPersons().contains(linked.personId(record.occurrenceId(slot)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether the linkage left the record's event as stored: the record unchanged and each of its people too. */
    private static boolean settled(SourceRecord record, Event basis, LinkStage.Settled settled) {
        if (settled.changedEvents().contains(record.eventId())) {
            return false;
        }
        for (EventPerson person : basis.people()) {
            if (person.personId() == null || settled.unsettledPersons().contains(person.personId())) {
                return false;
            }
        }
        return true;
    }

    private static Event withNote(Event event, ObjectNode note) {
        return note == null ? event : event.withDocument(SourceDocument.fromDocument(note));
    }

    /** What the persons and the report need of every event the run produced, kept or built. */
    private static void noteProduced(SourceRecord record, Event event, Produced produced) {
        collectProfiles(record, event, produced.profiles(), produced.names());
        noteEvent(record, produced);
    }

    private static void noteEvent(SourceRecord record, Produced produced) {
        noteEvent(record.eventId(), record.source(), produced);
    }

    private static void noteEvent(String eventId, String source, Produced produced) {
        if (produced.events().add(eventId)) {
            produced.perSource().merge(source, 1L, Long::sum);
        }
        produced.sources().add(source);
    }

    /**
     * A record an arrival's first pass sees (ADR 0041): its event as produced, and each of its people as a
     * produced person with a profile still empty (filled in the second pass if the record is built or
     * kept there; a person no record of which is, is left as stored and its profile is not read).
     */
    private static void noteRecord(SourceRecord record, LinkedPeople linked, Produced produced) {
        noteEvent(record, produced);
        List<InvolvedPerson> involved = record.people();
        for (int slot = 0; slot < involved.size(); slot++) {
            if (involved.get(slot).hasIdentity()) {
                produced.profiles().computeIfAbsent(linked.personId(record.occurrenceId(slot)),
                        id -> new PersonProfile(id, produced.names()));
            }
        }
    }

    private static void collectProfiles(SourceRecord record, Event event, Map<String, PersonProfile> profiles, PersonProfile.NameForms names) {
        LocalDate date = record.eventDate() == null ? null : record.eventDate().earliest().toLocalDate();
        List<EventPerson> people = event.people();
        List<InvolvedPerson> involved = record.people();
        int node = 0;
        List<String[]> idsAndRoles = new ArrayList<>();
        for (InvolvedPerson person : involved) {
            if (!person.hasIdentity()) {
                continue;
            }
            EventPerson p = people.get(node++);
            String personId = p.personId();
            profiles.computeIfAbsent(personId, id -> new PersonProfile(id, names))
                    .add(person, record.source(), record.agency(), date, p.isChild());
            idsAndRoles.add(new String[] {personId, person.role()});
        }
        for (String[] a : idsAndRoles) {
            for (String[] b : idsAndRoles) {
                if (!a[0].equals(b[0])) {
                    profiles.get(a[0]).relate(b[0], b[1]);
                }
            }
        }
    }

    /** Events per source in the index now. */
    static Map<String, Long> storedPerSource(OpenSearchConnection connection) {
        ObjectNode body = EngineJson.object();
        body.put("size", 0);
        body.putObject("aggs").putObject("sources").putObject("terms").put("field", "source").put("size", 10_000);
        JsonNode answer = connection.search(connection.alias("events"), body);
        Map<String, Long> stored = new HashMap<>();
        for (JsonNode bucket : answer.path("aggregations").path("sources").path("buckets")) {
            stored.put(bucket.path("key").asText(), bucket.path("doc_count").asLong());
        }
        return stored;
    }
}
