package org.tessera.portal.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tessera.indexer.opensearch.EngineMeter;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.portal.TestIndices;
import org.tessera.portal.audit.ReadPurpose;
import org.tessera.portal.common.SchoolYear;

/**
 * The profile's chronology is paged at the engine: a child with ten times the records (twenty school
 * years instead of two, at the same density: 50 records and 6 attendance returns a year) costs the
 * same engine requests and documents per page, counted by the gateway's {@link EngineMeter} (real
 * OpenSearch). And the pages still read as the chronology did: newest first or oldest first, each
 * school year's returns one line with the trend, every record on exactly one page, the filters
 * applied at the engine.
 */
@SpringBootTest
@WithMockUser(username = "practitioner", roles = "PRACTITIONER")
class ChronologyPagingIT {

    private static final String PURPOSE = "chronology paging test";
    private static final String SHORT = "p-chrono-short";
    private static final String LONG = "p-chrono-long";
    private static final List<String> AGENCIES = List.of("police", "health", "social_care", "housing", "education");
    /** Documents a page may read more or less from one page to the next (the audit chain's tail). */
    private static final long DOCUMENT_SLACK = 2;

    @DynamicPropertySource
    static void openSearch(DynamicPropertyRegistry registry) {
        TestIndices.register(registry, "chronology");
    }

    @Autowired
    ProfileService profiles;
    @Autowired
    OpenSearchConnection connection;

    private static boolean loaded;

    @BeforeAll
    static void reset() {
        loaded = false;
    }

    private synchronized void load() {
        if (loaded) {
            return;
        }
        StringBuilder bulk = new StringBuilder();
        child(bulk, SHORT, 2);
        child(bulk, LONG, 20);
        var answer = connection.raw("POST", "/_bulk", bulk.toString(), Map.of("refresh", "true"));
        assertThat(answer.ok()).as(answer.body()).isTrue();
        assertThat(answer.body()).doesNotContain("\"errors\":true");
        loaded = true;
    }

    /** A child whose history runs over the last {@code years} school years to August 2026: 50 records and 6 returns a year. */
    private void child(StringBuilder bulk, String child, int years) {
        action(bulk, "persons", child, "{\"person_id\":\"" + child + "\",\"is_child\":true,\"full_name\":\"Chrono " + child + "\","
                + "\"given_names\":[\"Chrono\"],\"family_name\":[\"" + child + "\"],\"date_of_birth\":\"2004-01-01\"}");
        for (int y = 0; y < years; y++) {
            LocalDate from = LocalDate.of(2025 - y, 9, 1);
            for (int i = 0; i < 50; i++) {
                String id = child + "-" + from.getYear() + "-r" + i;
                boolean hit = i % 10 == 0;
                event(bulk, id, child, AGENCIES.get(i % 4), "note", from.plusDays(7L * i), "Record " + i + " of the year.", hit, null);
            }
            for (int r = 0; r < 6; r++) {
                String id = child + "-" + from.getYear() + "-a" + r;
                // The year's mean falls by 10 points a year towards the present: 95 two years ago, 85 last year.
                double pct = 85 + 10 * y + (r % 2 == 0 ? 1 : -1);
                event(bulk, id, child, "education", "attendance", from.plusDays(30L + 50L * r), "Termly return.", false, pct);
            }
        }
    }

    private void event(StringBuilder bulk, String id, String child, String agency, String type, LocalDate date, String text, boolean hit,
                       Double attendance) {
        action(bulk, "events", id, "{\"event_id\":\"" + id + "\",\"agency\":\"" + agency + "\",\"record_type\":\"" + type + "\","
                + "\"event_date\":\"" + date + "\",\"text\":\"" + text + "\",\"people\":[{\"person_id\":\"" + child
                + "\",\"role\":\"subject\",\"is_child\":true}],\"person_ids\":[\"" + child + "\"],\"child_ids\":[\"" + child + "\"]"
                + (attendance == null ? "" : ",\"codes\":{\"attendance_pct\":" + attendance + "}")
                + (hit ? ",\"hits\":[{\"indicator_id\":\"NEG01\",\"indicator_version\":1,\"severity\":\"medium\",\"weight\":1.0,"
                + "\"counts\":true,\"evidence\":\"Record\",\"evidence_start\":0,\"evidence_end\":6,\"field\":\"text\",\"method\":\"percolate\"}],"
                + "\"indicator_ids\":[\"NEG01\"]" : "") + "}");
    }

    private void action(StringBuilder bulk, String index, String id, String document) {
        bulk.append("{\"index\":{\"_index\":\"").append(connection.alias(index)).append("\",\"_id\":\"").append(id).append("\"}}\n")
                .append(document).append('\n');
    }

    private Profile.ChronologyPage page(String child, Profile.ChronologyFilter filter, Profile.ChronologyCursor after) {
        return ReadPurpose.with(PURPOSE, () -> profiles.readableChronology(child, filter, after));
    }

    private EngineMeter.Work work(Supplier<?> page) {
        EngineMeter.Mark mark = connection.meter().mark();
        page.get();
        return mark.since();
    }

    @Test
    void aChildWithTenTimesTheRecordsCostsTheSamePerPage() {
        load();
        var filter = Profile.ChronologyFilter.NEWEST_FIRST;
        // Warm up: the audit chain's tail is read on its first append.
        page(SHORT, filter, null);
        Profile.ChronologyPage[] pages = new Profile.ChronologyPage[2];
        EngineMeter.Work shortFirst = work(() -> pages[0] = page(SHORT, filter, null));
        EngineMeter.Work longFirst = work(() -> pages[1] = page(LONG, filter, null));
        EngineMeter.Work shortSecond = work(() -> page(SHORT, filter, pages[0].next()));
        EngineMeter.Work longSecond = work(() -> page(LONG, filter, pages[1].next()));
        System.out.printf("chronology page, 112 records / 1,120 records:%n  first page: %s / %s%n  second page: %s / %s%n",
                shortFirst.describe(), longFirst.describe(), shortSecond.describe(), longSecond.describe());

        assertThat(longFirst.requests()).isEqualTo(shortFirst.requests());
        assertThat(longFirst.documents()).isCloseTo(shortFirst.documents(), within(DOCUMENT_SLACK));
        assertThat(longSecond.requests()).isEqualTo(shortSecond.requests());
        // The short child's second page is its last: it reads 50 records, the long child's 51 (one to know there are more).
        assertThat(longSecond.documents()).isCloseTo(shortSecond.documents(), within(DOCUMENT_SLACK + 1));
        // A page reads its 50 records, one more, and the 6 returns of the school year it reaches: never the history.
        assertThat(longFirst.documents()).isLessThan(70);
    }

    @Test
    void pagesReadNewestFirstWithEachSchoolYearsReturnsOnOneLineAndEveryRecordOnce() {
        load();
        List<List<Profile.ChronologyLine>> pages = all(SHORT, Profile.ChronologyFilter.NEWEST_FIRST);
        assertThat(pages).hasSize(2);
        List<Profile.ChronologyLine> lines = pages.stream().flatMap(List::stream).toList();
        assertThat(dates(lines)).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(lines.getFirst().entry().date()).isEqualTo(LocalDate.of(2025, 9, 1).plusDays(7L * 49).toString());
        List<Profile.ChronologyLine> attendance = lines.stream().filter(l -> l.grouped() > 1).toList();
        assertThat(attendance).extracting(l -> l.entry().title()).containsExactly(
                "Attendance 2025/26: 85 % over 6 returns, down from 95 % in 2024/25",
                "Attendance 2024/25: 95 % over 6 returns");
        // Each year's line is on the page whose dates hold its latest return.
        assertThat(pages.get(0)).contains(attendance.get(0));
        assertThat(pages.get(1)).contains(attendance.get(1));
        Set<String> ordinary = new LinkedHashSet<>();
        lines.stream().filter(l -> l.grouped() == 1).forEach(l -> assertThat(ordinary.add(l.entry().eventId())).isTrue());
        assertThat(ordinary).hasSize(100).noneMatch(id -> id.contains("-a"));

        // Oldest first: the same lines in the other order.
        List<Profile.ChronologyLine> oldest = all(SHORT, new Profile.ChronologyFilter(false, null, null, null, null, null))
                .stream().flatMap(List::stream).toList();
        assertThat(dates(oldest)).isSorted();
        assertThat(oldest.getFirst().entry().date()).isEqualTo("2024-09-01");
        assertThat(oldest).extracting(l -> l.entry().eventId()).containsExactlyInAnyOrderElementsOf(
                lines.stream().map(l -> l.entry().eventId()).toList());

        // Twenty school years: every year's line once, on whichever page.
        List<Profile.ChronologyLine> longLines = all(LONG, Profile.ChronologyFilter.NEWEST_FIRST).stream().flatMap(List::stream).toList();
        assertThat(longLines.stream().filter(l -> l.grouped() > 1).map(l -> l.entry().title().substring(11, 18)).toList())
                .hasSize(20).doesNotHaveDuplicates().contains(SchoolYear.of(LocalDate.of(2006, 9, 1)));
        assertThat(longLines).hasSize(1000 + 20);
    }

    @Test
    void theFiltersAreAppliedAtTheEngineAndTheChoicesComeWithTheFirstPage() {
        load();
        Profile.ChronologyPage first = page(SHORT, Profile.ChronologyFilter.NEWEST_FIRST, null);
        assertThat(first.agencies()).containsExactlyInAnyOrderElementsOf(AGENCIES);
        assertThat(first.concerns()).hasSize(1);
        String concern = first.concerns().getFirst();

        var police = all(SHORT, new Profile.ChronologyFilter(true, "police", null, null, null, null)).stream().flatMap(List::stream).toList();
        assertThat(police).hasSize(26).allMatch(l -> "police".equals(l.entry().agency()));

        var concerning = all(SHORT, new Profile.ChronologyFilter(true, null, concern, null, null, null)).stream().flatMap(List::stream).toList();
        assertThat(concerning).hasSize(10).allMatch(l -> l.concerns().contains(concern));

        var education = all(SHORT, new Profile.ChronologyFilter(true, "education", null, null, null, null)).stream().flatMap(List::stream).toList();
        assertThat(education).extracting(Profile.ChronologyLine::grouped).containsExactly(6, 6);

        LocalDate from = LocalDate.of(2025, 9, 1);
        LocalDate to = LocalDate.of(2025, 12, 31);
        var period = all(SHORT, new Profile.ChronologyFilter(true, null, null, null, from, to)).stream().flatMap(List::stream).toList();
        assertThat(period).isNotEmpty().allMatch(l -> l.entry().date().compareTo(from.toString()) >= 0 && l.entry().date().compareTo(to.toString()) <= 0);
        assertThat(period).hasSize(18);
    }

    private List<List<Profile.ChronologyLine>> all(String child, Profile.ChronologyFilter filter) {
        List<List<Profile.ChronologyLine>> pages = new ArrayList<>();
        Profile.ChronologyCursor after = null;
        do {
            Profile.ChronologyPage page = page(child, filter, after);
            pages.add(page.lines());
            after = page.next();
        } while (after != null && pages.size() < 100);
        return pages;
    }

    private static List<String> dates(List<Profile.ChronologyLine> lines) {
        return lines.stream().map(l -> l.entry().date()).toList();
    }
}
