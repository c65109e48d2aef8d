package org.tessera.indexer.evaluation;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The generator's ground truth as the evaluation needs it: who is a child, which children carry a
 * planted trajectory (and of which kind), which households have none (ordinary noise), and the true
 * person behind every (source, record id, slot) occurrence. Read once; immutable afterwards.
 */
public final class GroundTruth {

    /** What a true person is, for the evaluation. */
    public enum Category {
        /** Child of a planted cumulative trajectory (many low/medium concerns). */
        CUMULATIVE,
        /** Child of a planted acute trajectory (one high event). */
        ACUTE,
        /** Child of a planted resolved trajectory (an old pattern that ended). */
        RESOLVED,
        /** Child without a trajectory of its own in a household that has one. */
        PLANTED_HOUSEHOLD,
        /** Child of a household with no planted trajectory: ordinary noise. */
        NOISE,
        /** An adult (a false "child" when it appears in a child ranking). */
        ADULT,
        /** A Tessera person whose occurrences the ground truth does not know. */
        UNMAPPED
    }

    /** A planted trajectory of one child. */
    public record PlantedTrajectory(String id, String kind, String theme, String childId, LocalDate start, LocalDate end) {
        public PlantedTrajectory {
            Objects.requireNonNull(childId, "childId");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }

    private final Map<String, Category> categories;
    private final Map<String, PlantedTrajectory> trajectories;
    private final Map<String, String> occurrences;
    private final LocalDate latestEvent;

    private GroundTruth(Map<String, Category> categories, Map<String, PlantedTrajectory> trajectories,
                        Map<String, String> occurrences, LocalDate latestEvent) {
        this.categories = Map.copyOf(categories);
        this.trajectories = Map.copyOf(trajectories);
        this.occurrences = Map.copyOf(occurrences);
        this.latestEvent = latestEvent;
    }

    /** Reads {@code persons.csv}, {@code trajectories.csv}, {@code occurrences.csv} and {@code indicator_events.csv}. */
    public static GroundTruth load(Path dir) {
        Map<String, String> householdOf = new HashMap<>();
        Set<String> children = new HashSet<>();
        Set<String> adults = new HashSet<>();
        read(dir.resolve("persons.csv"), r -> {
            householdOf.put(r.get("person_id"), r.get("household_id"));
            if (r.get("household_role").toLowerCase(Locale.ROOT).equals("child")) {
                children.add(r.get("person_id"));
            } else {
                adults.add(r.get("person_id"));
            }
        });
        Map<String, PlantedTrajectory> trajectories = new HashMap<>();
        read(dir.resolve("trajectories.csv"), r -> {
            PlantedTrajectory t = new PlantedTrajectory(r.get("trajectory_id"), r.get("kind").toLowerCase(Locale.ROOT),
                    r.get("theme"), r.get("child_person_id"), LocalDate.parse(r.get("start")), LocalDate.parse(r.get("end")));
            // One trajectory per child in practice; if several, the cumulative one is what is measured.
            trajectories.merge(t.childId(), t, (a, b) -> rank(a) <= rank(b) ? a : b);
        });
        Set<String> plantedHouseholds = new HashSet<>();
        trajectories.keySet().forEach(c -> plantedHouseholds.add(householdOf.get(c)));
        Map<String, Category> categories = new HashMap<>();
        adults.forEach(a -> categories.put(a, Category.ADULT));
        for (String child : children) {
            PlantedTrajectory t = trajectories.get(child);
            categories.put(child, t != null ? switch (t.kind()) {
                case "cumulative" -> Category.CUMULATIVE;
                case "acute" -> Category.ACUTE;
                default -> Category.RESOLVED;
            } : plantedHouseholds.contains(householdOf.get(child)) ? Category.PLANTED_HOUSEHOLD : Category.NOISE);
        }
        Map<String, String> occurrences = new HashMap<>();
        read(dir.resolve("occurrences.csv"), r -> occurrences.put(key(r.get("source"), r.get("record_id"),
                Integer.parseInt(r.get("slot"))), r.get("person_id")));
        LocalDate[] latest = {null};
        Path events = dir.resolve("indicator_events.csv");
        if (Files.exists(events)) {
            read(events, r -> {
                String date = r.get("event_date");
                if (date.length() >= 10) {
                    LocalDate d = LocalDate.parse(date.substring(0, 10));
                    if (latest[0] == null || d.isAfter(latest[0])) {
                        latest[0] = d;
                    }
                }
            });
        }
        return new GroundTruth(categories, trajectories, occurrences, latest[0]);
    }

    private static int rank(PlantedTrajectory t) {
        return switch (t.kind()) {
            case "cumulative" -> 0;
            case "acute" -> 1;
            default -> 2;
        };
    }

    static String key(String source, String recordId, int slot) {
        return source + '\u0000' + recordId + '\u0000' + slot;
    }

    private static void read(Path file, Consumer<CSVRecord> each) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             var parser = format.parse(reader)) {
            for (CSVRecord r : parser) {
                each.accept(r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ground truth " + file, e);
        }
    }

    /** The category of a true person id (UNMAPPED for null or unknown). */
    public Category category(String truePersonId) {
        return truePersonId == null ? Category.UNMAPPED : categories.getOrDefault(truePersonId, Category.UNMAPPED);
    }

    /** The true person behind an occurrence, or null. */
    public String personAt(String source, String recordId, int slot) {
        return occurrences.get(key(source, recordId, slot));
    }

    /** The trajectory of a child, or null. */
    public PlantedTrajectory trajectory(String childId) {
        return trajectories.get(childId);
    }

    /** Children of the given category. */
    public Set<String> children(Category category) {
        Set<String> ids = new HashSet<>();
        categories.forEach((id, c) -> {
            if (c == category) {
                ids.add(id);
            }
        });
        return ids;
    }

    public int occurrenceCount() {
        return occurrences.size();
    }

    /** The latest planted indicator event date, a sensible default replay end; null when none. */
    public LocalDate latestEvent() {
        return latestEvent;
    }
}
