package org.tessera.portal.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.tessera.portal.common.AddressPeriods;

/**
 * Who lives with whom over time and who is linked to whom around one person: the people
 * (the person and their household and relations), the residence periods of each, and the links
 * between every two of them (a recorded relation, lived at the same address at the same time,
 * records in common). Built from the person documents and the count of records each pair shares;
 * pure, so it is tested without the engine.
 */
public record HouseholdNetwork(List<Person> people, List<Residence> residences, List<Link> links) {

    public HouseholdNetwork {
        people = List.copyOf(people);
        residences = List.copyOf(residences);
        links = List.copyOf(links);
    }

    /**
     * One person in the picture.
     *
     * @param focus   the person whose profile or review this is
     * @param records how many indexed records name the person (within the engine's count)
     */
    public record Person(String personId, String name, String relation, String dateOfBirth, boolean child, boolean focus,
                         long records) {
    }

    /** A period of residence of one person ({@code to} null while current). */
    public record Residence(String place, String personId, String name, String from, String to) {
    }

    /**
     * What links two people: {@code relation} (as recorded, e.g. "mother"), {@code livedTogether}
     * (places and periods where both lived at once, "12 Mill Road, Tessford 2021-01-01 to now"),
     * {@code sameHousehold} (the linker put both in one household), {@code recordsInCommon}.
     */
    public record Link(String a, String b, String relation, List<String> livedTogether, boolean sameHousehold,
                       long recordsInCommon) {
        public Link {
            livedTogether = List.copyOf(livedTogether);
        }

        /** "mother; lived together at 12 Mill Road 2021-01-01 to now; 4 records in common" */
        public String describe() {
            List<String> parts = new ArrayList<>();
            if (relation != null) {
                parts.add(relation);
            }
            livedTogether.forEach(p -> parts.add("lived together at " + p));
            if (livedTogether.isEmpty() && sameHousehold) {
                parts.add("same household (dates not recorded)");
            }
            if (recordsInCommon > 0) {
                parts.add(recordsInCommon + " record" + (recordsInCommon == 1 ? "" : "s") + " in common");
            }
            return String.join("; ", parts);
        }
    }

    /** A person document's parts that the network reads. */
    public record Source(String personId, String name, String dateOfBirth, boolean child, List<AddressPeriods.Record> addresses,
                         List<String> householdIds, Map<String, String> relations) {
        public Source {
            addresses = List.copyOf(addresses);
            householdIds = List.copyOf(householdIds);
            relations = Map.copyOf(relations);
        }
    }

    /**
     * @param focus     the person at the centre
     * @param others    their household members and relations
     * @param relationToFocus each other's relation to the focus as the profile shows it
     * @param records   records per person id
     * @param inCommon  records in common per pair, keyed {@link #pair(String, String)}
     */
    public static HouseholdNetwork of(Source focus, List<Source> others, Map<String, String> relationToFocus, Map<String, Long> records,
                                      Map<String, Long> inCommon) {
        List<Source> all = new ArrayList<>();
        all.add(focus);
        all.addAll(others);
        List<Person> people = new ArrayList<>();
        Map<String, List<AddressPeriods.Period>> periods = new LinkedHashMap<>();
        List<Residence> residences = new ArrayList<>();
        for (Source s : all) {
            boolean isFocus = s == focus;
            people.add(new Person(s.personId(), s.name(), isFocus ? "this person" : relationToFocus.getOrDefault(s.personId(), "household member"),
                    s.dateOfBirth(), s.child(), isFocus, records.getOrDefault(s.personId(), 0L)));
            List<AddressPeriods.Period> own = AddressPeriods.of(s.addresses());
            periods.put(s.personId(), own);
            for (AddressPeriods.Period p : own) {
                residences.add(new Residence(place(p), s.personId(), s.name(), p.from(), p.to()));
            }
        }
        residences.sort(Comparator.comparing(Residence::place).thenComparing(r -> Objects.toString(r.from(), "")));
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Source a = all.get(i);
                Source b = all.get(j);
                String relation = a.relations().get(b.personId());
                if (relation == null && b.relations().containsKey(a.personId())) {
                    relation = b.name() + "'s " + b.relations().get(a.personId());
                } else if (relation != null) {
                    relation = a.name() + "'s " + relation;
                }
                if (relation == null && a == focus && relationToFocus.containsKey(b.personId())
                        && !"household member".equals(relationToFocus.get(b.personId()))) {
                    relation = relationToFocus.get(b.personId());
                }
                List<String> together = together(periods.get(a.personId()), periods.get(b.personId()));
                boolean sameHousehold = a.householdIds().stream().anyMatch(b.householdIds()::contains);
                long common = inCommon.getOrDefault(pair(a.personId(), b.personId()), 0L);
                if (relation != null || !together.isEmpty() || sameHousehold || common > 0) {
                    links.add(new Link(a.personId(), b.personId(), relation, together, sameHousehold, common));
                }
            }
        }
        return new HouseholdNetwork(people, residences, links);
    }

    /** The key of a pair of person ids, in either order. */
    public static String pair(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "&" + b : b + "&" + a;
    }

    /** Places and overlapping periods where both lived at once (same address, or the same postcode when one knows only that). */
    static List<String> together(List<AddressPeriods.Period> a, List<AddressPeriods.Period> b) {
        List<String> shared = new ArrayList<>();
        for (AddressPeriods.Period x : a) {
            for (AddressPeriods.Period y : b) {
                if (!samePlace(x, y)) {
                    continue;
                }
                String from = later(x.from(), y.from());
                String to = x.to() == null ? y.to() : y.to() == null ? x.to() : (x.to().compareTo(y.to()) <= 0 ? x.to() : y.to());
                if (from != null && to != null && from.compareTo(to) > 0) {
                    continue;
                }
                shared.add(place(x.address() != null ? x : y) + " " + (from == null ? "?" : from) + " to " + (to == null ? "now" : to));
            }
        }
        return shared;
    }

    private static boolean samePlace(AddressPeriods.Period x, AddressPeriods.Period y) {
        if (x.address() != null && y.address() != null) {
            return key(x.address()).equals(key(y.address())) && key(x.postcode()).equals(key(y.postcode()));
        }
        return !key(x.postcode()).isEmpty() && key(x.postcode()).equals(key(y.postcode()));
    }

    private static String place(AddressPeriods.Period p) {
        if (p.address() == null) {
            return "postcode " + p.postcode();
        }
        return p.postcode() == null || key(p.address()).contains(key(p.postcode())) ? p.address() : p.address() + " " + p.postcode();
    }

    private static String later(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private static String key(String value) {
        return value == null ? "" : value.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }
}
