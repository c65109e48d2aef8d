package org.tessera.indexer.ingest.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.tessera.indexer.events.Event;
import org.tessera.indexer.events.SourceDocument;
import org.tessera.indexer.documents.DocumentFacts;
import org.tessera.indexer.documents.DocumentFactsFinder;
import org.tessera.indexer.extraction.ExtractionOutcome;
import org.tessera.indexer.extraction.tika.TikaTextExtractor;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.ingest.Origin;
import org.tessera.indexer.ingest.PartialDate;
import org.tessera.indexer.ingest.Quarantine;
import org.tessera.indexer.ingest.RowResult;
import org.tessera.indexer.ingest.SourceRecord;
import org.tessera.indexer.jobs.JobRecorder;
import org.tessera.indexer.jobs.QuarantineEntry;

/**
 * The read stage's half for documents: what Tika made of a file becomes the record of an event
 * (its sidecar's record, or one built from the facts found in its text), or its quarantine. What
 * the ingest learned of a document beyond its record (OCR, where its date came from, its author,
 * later how its subject was linked) goes to {@code notes} by event id, for the event's
 * {@code document} object. Used by one thread at a time.
 */
final class DocumentRecords {

    /** The source of documents found without a sidecar naming another. */
    static final String SOURCE = "documents";

    private final DocumentFactsFinder facts;
    private final Quarantine quarantine;
    private final Path quarantineDir;
    private final JobRecorder job;
    private final Map<String, ObjectNode> notes;

    DocumentRecords(DocumentFactsFinder facts, Quarantine quarantine, Path quarantineDir, JobRecorder job,
                    Map<String, ObjectNode> notes) {
        this.facts = facts;
        this.quarantine = quarantine;
        this.quarantineDir = quarantineDir;
        this.job = job;
        this.notes = notes;
    }

    /** The record of an extracted document, or empty when it was quarantined (with its reason). */
    Optional<SourceRecord> record(Path path, ExtractionOutcome outcome) {
        return switch (outcome) {
            case ExtractionOutcome.Quarantined rejected -> {
                String reason = rejected.reason().description + (rejected.detail() == null ? "" : " (" + rejected.detail() + ")");
                quarantine.write(SOURCE, path, new RowResult.Quarantined(path.toString(), 0, null, reason, null, RowResult.Scope.FILE));
                job.quarantine(new QuarantineEntry(path.toString(), 0, null, reason, quarantineDir.resolve(SOURCE).toString()));
                job.count("files_quarantined", 1);
                yield Optional.empty();
            }
            case ExtractionOutcome.Extracted extracted -> Optional.of(extracted(path, extracted));
        };
    }

    private SourceRecord extracted(Path path, ExtractionOutcome.Extracted extracted) {
        job.count("documents_extracted", 1);
        for (String warning : extracted.warnings()) {
            job.warn(new QuarantineEntry(path.toString(), 0, null, warning, null));
        }
        if (!extracted.warnings().isEmpty()) {
            job.count("documents_warned", 1);
        }
        String fileName = path.getFileName().toString();
        SourceDocument note = new SourceDocument(null, null, null, null, null, null, null, null);
        if (extracted.metadata().containsKey(TikaTextExtractor.OCR)) {
            note = note.withOcr(true);
            job.count("documents_ocr", 1);
        }
        if (extracted.sidecar().isPresent()) {
            SourceRecord record = extracted.sidecar().get().toRecord(extracted.text(), fileName);
            notes.put(record.eventId(), note.withSubjectLink("sidecar").toDocument());
            return record;
        }
        String title = extracted.metadata().getOrDefault("title", fileName);
        DocumentFacts found = facts.find(extracted.text(), extracted.metadata().get("title"), extracted.metadata(),
                extracted.contentType(), fileName);
        PartialDate date = found.date() == null ? null : PartialDate.of(found.date());
        if (found.dateSource() != null) {
            note = note.withDateSource(found.dateSource());
        }
        if (found.organisation() != null) {
            note = note.withAuthor(found.organisation());
        }
        if (found.subjects().isEmpty()) {
            // Nobody to link: said on the event and in the job, never silently dropped.
            note = note.withSubjectLink(LinkStage.DocumentLink.NO_SUBJECT.label);
            job.warning();
            job.count("documents_without_subject", 1);
        }
        SourceRecord record = new SourceRecord(SOURCE, contentId(path), found.agency(), "document", date, title,
                extracted.text(), Map.of("content_type", extracted.contentType()), null, found.people(), new Origin(fileName, 0, 0));
        notes.put(record.eventId(), note.toDocument());
        return record;
    }

    private static String contentId(Path path) {
        try {
            return Ids.sha256Hex(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path))))
                    .substring(0, 24);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
