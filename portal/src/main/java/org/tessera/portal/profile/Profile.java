package org.tessera.portal.profile;

import java.util.List;

/** Profile types returned by {@link ProfileService}. */
public final class Profile {

    private Profile() {
    }

    public record Address(String address, String postcode, String from, String to) {
    }

    public record Identity(String personId, String name, List<String> givenNames, List<String> familyNames,
                           List<String> aliases, List<String> datesOfBirth, String gender, boolean child,
                           List<String> identifiers, List<Address> addresses, List<String> agencies,
                           List<String> householdIds) {
        public Identity {
            givenNames = List.copyOf(givenNames);
            familyNames = List.copyOf(familyNames);
            aliases = List.copyOf(aliases);
            datesOfBirth = List.copyOf(datesOfBirth);
            identifiers = List.copyOf(identifiers);
            addresses = List.copyOf(addresses);
            agencies = List.copyOf(agencies);
            householdIds = List.copyOf(householdIds);
        }
    }

    public record Member(String personId, String name, String relation, String dateOfBirth, boolean child) {
    }

    public record Risk(Double score, String band, Double velocity, String asOf, List<String> topIndicators) {
        public Risk {
            topIndicators = List.copyOf(topIndicators);
        }
    }

    /** A child's profile as opened with a purpose. */
    public record View(Identity identity, List<Member> household, Risk risk) {
        public View {
            household = List.copyOf(household);
        }
    }

    /** One indicator hit on an event; {@code counts=false} for negated, hypothetical or historical mentions. */
    public record Evidence(String indicatorId, String severity, double weight, boolean counts, String context,
                           String evidence, int start, int end, String field) {
    }

    /** One event in the chronology; {@code highlighted} is safe HTML of the full text with evidence marked. */
    public record Entry(String eventId, String date, String agency, String recordType, String title, String text,
                        String highlighted, List<Evidence> evidence) {
        public Entry {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * An indicator's part of the child's score now (the scorer's explanation), with the evidence of its strongest hit.
     *
     * @param points sum of the indicator's contributions (decay, repeats, reach and breadth applied)
     * @param reach  how its strongest hit reaches the child: direct, present, household or sibling
     */
    public record Contribution(String indicatorId, String title, String concern, long hits, double points, String lastDate,
                               String example, String reach) {
    }

    /**
     * What the readable chronology shows: newest first or oldest first, and only one agency's,
     * one concern's, one person's or one period's entries when those are set (null: all).
     */
    public record ChronologyFilter(boolean newestFirst, String agency, String concern, String personId,
                                   java.time.LocalDate from, java.time.LocalDate to) {
        public static final ChronologyFilter NEWEST_FIRST = new ChronologyFilter(true, null, null, null, null, null);
    }

    /**
     * Where the next page of the readable chronology starts: the engine's sort values of the last
     * ordinary line shown (its date in epoch milliseconds, or the engine's value for "no date", and
     * its event id), for {@code search_after}.
     */
    public record ChronologyCursor(long dateMillis, String eventId) {
    }

    /**
     * One page of the readable chronology, in the filter's order.
     *
     * @param next     where the next page starts, null when this is the last
     * @param agencies every agency of the (unfiltered) chronology, for the filter's choices (first page only, else empty)
     * @param concerns every concern of its counting hits, likewise
     */
    public record ChronologyPage(List<ChronologyLine> lines, ChronologyCursor next, List<String> agencies, List<String> concerns) {
        public static final ChronologyPage EMPTY = new ChronologyPage(List.of(), null, List.of(), List.of());

        public ChronologyPage {
            lines = List.copyOf(lines);
            agencies = List.copyOf(agencies);
            concerns = List.copyOf(concerns);
        }
    }

    /**
     * One line of the readable chronology.
     *
     * @param household an event of a household adult that does not name the child
     * @param people    names of the people the record names
     * @param concerns  concerns of its counting hits
     * @param grouped   routine returns this line stands for (one attendance line per school year), 1 for an ordinary entry
     */
    public record ChronologyLine(Entry entry, boolean household, List<String> people, List<String> concerns, int grouped,
                                 List<String> personIds) {
        public ChronologyLine {
            people = List.copyOf(people);
            concerns = List.copyOf(concerns);
            personIds = List.copyOf(personIds);
        }
    }

    /** The score at a month end, for the trend chart. */
    public record TrendPoint(String month, double score) {
    }

    /** Another person record that may be the same human. */
    public record Candidate(String personId, String name, String dateOfBirth, List<String> postcodes, double similarity,
                            String decision) {
        public Candidate {
            postcodes = List.copyOf(postcodes);
        }
    }
}
