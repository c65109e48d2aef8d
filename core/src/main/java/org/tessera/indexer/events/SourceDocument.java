package org.tessera.indexer.events;

import static org.tessera.indexer.events.EventJson.NODES;
import static org.tessera.indexer.events.EventJson.bool;
import static org.tessera.indexer.events.EventJson.putText;
import static org.tessera.indexer.events.EventJson.putValue;
import static org.tessera.indexer.events.EventJson.single;
import static org.tessera.indexer.events.EventJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The source document of a document event ({@code document}): the file, what Tika found, and
 * how the event was tied to its subject.
 *
 * @param subjectLink how the document was linked to its subject ({@code sidecar}, {@code linked}, ...)
 * @param dateSource  where the event date came from ({@code metadata}, {@code text}, ...)
 * @param author      the organisation that wrote it, when found
 */
public record SourceDocument(String fileName, String contentType, Long sizeBytes, String sha256, Boolean ocr,
                             String subjectLink, String dateSource, String author) {

    public static SourceDocument ofFile(String fileName) {
        return new SourceDocument(fileName, null, null, null, null, null, null, null);
    }

    /** These facts, overridden by those {@code more} knows. */
    public SourceDocument merge(SourceDocument more) {
        return new SourceDocument(or(more.fileName, fileName), or(more.contentType, contentType), or(more.sizeBytes, sizeBytes),
                or(more.sha256, sha256), or(more.ocr, ocr), or(more.subjectLink, subjectLink), or(more.dateSource, dateSource),
                or(more.author, author));
    }

    public SourceDocument withOcr(boolean value) {
        return new SourceDocument(fileName, contentType, sizeBytes, sha256, value, subjectLink, dateSource, author);
    }

    public SourceDocument withSubjectLink(String value) {
        return new SourceDocument(fileName, contentType, sizeBytes, sha256, ocr, value, dateSource, author);
    }

    public SourceDocument withDateSource(String value) {
        return new SourceDocument(fileName, contentType, sizeBytes, sha256, ocr, subjectLink, value, author);
    }

    public SourceDocument withAuthor(String value) {
        return new SourceDocument(fileName, contentType, sizeBytes, sha256, ocr, subjectLink, dateSource, value);
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    /** As stored under the event's {@code document} (also the shape of a document note in the records index). */
    public ObjectNode toDocument() {
        ObjectNode node = NODES.objectNode();
        putText(node, EventIndexFields.Document.FILE_NAME, fileName);
        putText(node, EventIndexFields.Document.CONTENT_TYPE, contentType);
        if (sizeBytes != null) {
            // as the engine gives it back: an int when it fits
            if (sizeBytes == sizeBytes.intValue()) {
                node.put(EventIndexFields.Document.SIZE_BYTES, sizeBytes.intValue());
            } else {
                node.put(EventIndexFields.Document.SIZE_BYTES, sizeBytes);
            }
        }
        putText(node, EventIndexFields.Document.SHA256, sha256);
        putValue(node, EventIndexFields.Document.OCR, ocr);
        putText(node, EventIndexFields.Document.SUBJECT_LINK, subjectLink);
        putText(node, EventIndexFields.Document.DATE_SOURCE, dateSource);
        putText(node, EventIndexFields.Document.AUTHOR, author);
        return node;
    }

    List<String> valuesAt(String field) {
        return switch (field) {
            case EventIndexFields.Document.FILE_NAME -> single(fileName);
            case EventIndexFields.Document.CONTENT_TYPE -> single(contentType);
            case EventIndexFields.Document.SIZE_BYTES -> sizeBytes == null ? List.of() : single(Long.toString(sizeBytes));
            case EventIndexFields.Document.SHA256 -> single(sha256);
            case EventIndexFields.Document.OCR -> ocr == null ? List.of() : single(Boolean.toString(ocr));
            case EventIndexFields.Document.SUBJECT_LINK -> single(subjectLink);
            case EventIndexFields.Document.DATE_SOURCE -> single(dateSource);
            case EventIndexFields.Document.AUTHOR -> single(author);
            default -> List.of();
        };
    }

    public static SourceDocument fromDocument(JsonNode node) {
        JsonNode size = node.get(EventIndexFields.Document.SIZE_BYTES);
        return new SourceDocument(text(node, EventIndexFields.Document.FILE_NAME), text(node, EventIndexFields.Document.CONTENT_TYPE),
                size == null || !size.isNumber() ? null : size.asLong(), text(node, EventIndexFields.Document.SHA256),
                bool(node, EventIndexFields.Document.OCR), text(node, EventIndexFields.Document.SUBJECT_LINK),
                text(node, EventIndexFields.Document.DATE_SOURCE), text(node, EventIndexFields.Document.AUTHOR));
    }
}
