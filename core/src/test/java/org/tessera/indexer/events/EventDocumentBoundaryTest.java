package org.tessera.indexer.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tessera.indexer.opensearch.ProductSources;

/**
 * {@link Event} is the only code that reads or writes an {@code events} document: outside the
 * {@code events} package no product source reads a document's field through
 * {@link EventIndexFields} ({@code node.path(EventIndexFields.X)}, {@code Json.text(node,
 * EventIndexFields.X)}...), and only the sources listed here (queries, {@code _source} filters,
 * the percolate request and index definitions) name the fields at all. A new reader or writer of
 * event documents goes through {@code Event.fromDocument}/{@code toDocument}; a new query class is
 * added to the list with the reason.
 */
class EventDocumentBoundaryTest {

    /** Sources that may name event fields, relative to their module's {@code src/main/java/org/tessera/}, with why. */
    static final Map<String, String> QUERIES = Map.ofEntries(
            Map.entry("indexer/scoring/EventQueries.java", "query builders over events"),
            Map.entry("indexer/scoring/ChildHistoryLoader.java", "queries for a child's events and households"),
            Map.entry("indexer/scoring/EventDocuments.java", "the scorer's _source filter"),
            Map.entry("indexer/scoring/EventChanges.java", "the stored content hashes' _mget _source filter"),
            Map.entry("indexer/scoring/HitExport.java", "its query's _source filter; the export's columns are named after the fields"),
            Map.entry("indexer/ingest/pipeline/PersonLinkExport.java", "its query's _source filter"),
            Map.entry("indexer/ingest/pipeline/StoredAssignment.java", "the stored occurrences' and sources' scroll _source filter (ADR 0047; was LinkStage's)"),
            Map.entry("indexer/ingest/pipeline/StoredEvents.java", "the stored events of an arrival's persons and households, by person and household id"),
            Map.entry("indexer/ingest/pipeline/RecordIndexFields.java", "the records index definition, which shares the events names"),
            Map.entry("indexer/indicators/EventPercolator.java", "the percolate request: fields left out of the percolated document"),
            Map.entry("indexer/indicators/IndicatorBackfill.java", "backfill searches, their docvalue fields and update scripts"),
            Map.entry("portal/profile/ProfileService.java", "chronology queries and sorts"),
            Map.entry("portal/review/ReferralReviewService.java", "review page queries and sorts"),
            Map.entry("portal/search/SearchService.java", "search queries, facets, sorts and _source filters"));

    /** Reading or changing a JSON tree's field named by a constant: what only Event may do. */
    private static final Pattern DOCUMENT_ACCESS = Pattern.compile(
            "\\.(path|get|has|hasNonNull|remove|set|with|withArray|replace)\\(\\s*EventIndexFields\\."
                    + "|Json\\.(text|number|strings)\\([^,()]+,\\s*EventIndexFields\\.");

    @Test
    void noSourceOutsideTheEventsPackageReadsOrChangesADocumentFieldThroughTheConstants() {
        List<ProductSources.Finding> access = ProductSources.find(outsideEventsPackage(), DOCUMENT_ACCESS);
        assertThat(access).as("event documents read or changed outside Event: use Event.fromDocument / toDocument").isEmpty();
    }

    @Test
    void onlyQueriesAndIndexDefinitionsNameEventFields() {
        Set<String> naming = ProductSources.find(outsideEventsPackage(), Pattern.compile("\\bEventIndexFields\\b")).stream()
                .map(f -> relative(f.file()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(naming).as("sources naming event fields that are not listed queries: read and write through Event")
                .isSubsetOf(QUERIES.keySet());
        // the list stays tight: a source that no longer names the fields leaves it
        assertThat(QUERIES.keySet()).as("listed sources that no longer name event fields").isSubsetOf(naming);
    }

    @Test
    void theChecksFindWhatTheyLookFor() {
        assertThat(DOCUMENT_ACCESS.matcher("String id = source.path(EventIndexFields.EVENT_ID).asText();").find()).isTrue();
        assertThat(DOCUMENT_ACCESS.matcher("Json.text(source, EventIndexFields.EVENT_DATE)").find()).isTrue();
        assertThat(DOCUMENT_ACCESS.matcher("event.set(EventIndexFields.Entities.NAMES, names);").find()).isTrue();
        assertThat(DOCUMENT_ACCESS.matcher("filters.addObject().putObject(\"term\").put(EventIndexFields.PERSON_IDS, id);").find()).isFalse();
        List<Path> event = ProductSources.all().stream().filter(p -> p.endsWith(Path.of("indexer", "events", "Event.java"))).toList();
        assertThat(event).hasSize(1);
        assertThat(ProductSources.find(event, DOCUMENT_ACCESS)).isNotEmpty();
    }

    private static List<Path> outsideEventsPackage() {
        return ProductSources.all().stream()
                .filter(p -> !ProductSources.isTool(p))
                .filter(p -> !p.getParent().endsWith(Path.of("indexer", "events")))
                .toList();
    }

    /** {@code indexer/scoring/X.java} or {@code portal/search/X.java}: the path below {@code org/tessera/}. */
    private static String relative(Path file) {
        String path = file.toString().replace('\\', '/');
        int at = path.indexOf("org/tessera/");
        return at < 0 ? path : path.substring(at + "org/tessera/".length());
    }
}
