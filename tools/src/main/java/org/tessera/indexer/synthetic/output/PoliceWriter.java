package org.tessera.indexer.synthetic.output;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.PlannedEvent.Attr;
import org.tessera.indexer.synthetic.events.EventKind;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.events.Involved;
import org.tessera.indexer.synthetic.noise.NoiseProfile;
import org.tessera.indexer.synthetic.noise.PresentedIdentity;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.population.Address;
import org.tessera.indexer.synthetic.population.Person;

/**
 * Layout {@code police_incidents}: one file per year, one row per involved person, UK date-times.
 * With {@link LayoutSet#ONBOARDING}, layout {@code police_occurrences} instead: the same rows with
 * the nominal written {@code SURNAME Forename} in one column, occurrence types spelt out, and a
 * Risk column that is a DASH grading on domestic occurrences and a vulnerability grading on others.
 */
public final class PoliceWriter extends AgencyWriter {
    public static final String SOURCE = "police_incidents";
    private static final String[] HEADER = {"incident_ref", "occurred", "incident_type", "incident_type_desc", "dash",
        "child_present", "loc_street", "loc_town", "loc_postcode", "involvement", "person_ref", "forename", "surname",
        "aka", "dob", "sex", "addr1", "addr2", "postcode", "pnc_id", "narrative", "officer_notes"};
    private static final Map<String, String> DESC = Map.of("DOM", "Domestic incident", "ASB", "Anti-social behaviour",
            "MISS", "Missing person", "CONC", "Concern for welfare", "CRIM", "Crime", "INTEL", "Intelligence log");
    /** The role the mapping file gives each involvement code, so the ground truth speaks the same roles. */
    private static final Map<String, String> CANONICAL = Map.of("VICTIM", "victim", "SUSPECT", "perpetrator", "CHILD",
            "subject", "MISSING", "subject", "WITNESS", "witness", "PARENT", "parent", "OTHER", "other");
    public static final String OCCURRENCES = "police_occurrences";
    private static final String[] OCCURRENCE_HEADER = {"Occurrence Ref", "Occurrence Date", "Occurrence Type", "Risk",
        "Child Present", "Location", "Location Postcode", "Involvement", "Nominal Ref", "Nominal", "Date of Birth", "Sex",
        "Home Address", "Home Postcode", "PNC ID", "Narrative", "Officer Notes"};
    private static final Map<String, String> OCCURRENCE_TYPE = Map.of("DOM", "DOMESTIC", "ASB", "ASB", "MISS", "MISSING",
            "CONC", "CONCERN", "CRIM", "CRIME", "INTEL", "INTEL");
    private final Path dir;
    private final boolean onboarding;
    private final Map<Integer, DelimitedFile> byYear = new HashMap<>();

    public PoliceWriter(WriterContext ctx, Path dir) {
        this(ctx, dir, LayoutSet.CLASSIC);
    }

    public PoliceWriter(WriterContext ctx, Path dir, LayoutSet layouts) {
        super(ctx);
        this.dir = dir;
        this.onboarding = layouts.onboarding();
        writes(EventKind.POLICE_INCIDENT, this::incident);
    }

    private String source() {
        return onboarding ? OCCURRENCES : SOURCE;
    }

    private DelimitedFile file(int year) {
        return byYear.computeIfAbsent(year, y -> register(source(), onboarding
                ? new DelimitedFile(dir.resolve("police_occurrences_" + y + ".csv"), StandardCharsets.UTF_8, ',', OCCURRENCE_HEADER)
                : new DelimitedFile(dir.resolve("police_incidents_" + y + ".csv"), StandardCharsets.UTF_8, ',', HEADER)));
    }

    private void incident(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        String type = e.attr(Attr.TYPE);
        String ref = "TC" + (e.at().getYear() % 100) + "/" + st.nextId(SOURCE, 8);
        Address loc = plan.household().addressOn(e.at().toLocalDate());
        boolean youth = e.subject().isChild() && (type.equals("CRIM") || type.equals("INTEL") || type.equals("ASB"));
        String family = type.equals("MISS") ? "police_missing" : youth ? "police_youth" : "police";
        ComposedNote note = note(e, family, plan, rng, e.mentions().isEmpty() ? 1 + rng.nextInt(2) : rng.nextInt(2));
        String narrative = note.text();
        if (type.equals("MISS")) {
            narrative = narrative + (e.attr(Attr.FOUND).equals("out_of_area")
                    ? " Located by officers in " + ctx.organisations().outOfAreaTown(rng) + " the following day."
                    : " Returned home of own accord, safe and well check completed.");
        }
        String officer = switch (type) {
            case "DOM" -> e.attr(Attr.DASH).equals("H") ? "MARAC referral. PPN red." : "PPN submitted. DASH completed.";
            case "MISS" -> "Return home interview requested.";
            default -> rng.nextInt(3) == 0 ? "Log updated by " + worker(rng) : "";
        };
        boolean childPresent = e.involved().stream().anyMatch(i -> i.person().isChild());
        DelimitedFile csv = file(e.at().getYear());
        int slot = 0;
        for (Involved inv : e.involved()) {
            Person p = inv.person();
            PresentedIdentity id = present(p, NoiseProfile.POLICE, plan, rng);
            RecordedAddress ra = recordedAddress(plan, e.at().toLocalDate(), 240, 0.4, rng);
            Address home = ra.address();
            String involvement = switch (inv.role()) {
                case "victim" -> "VICTIM";
                case "perpetrator" -> "SUSPECT";
                case "witness" -> "WITNESS";
                case "subject" -> type.equals("MISS") ? "MISSING" : p.isChild() ? "CHILD" : "OTHER";
                case "other" -> "PARENT";
                default -> "OTHER";
            };
            String aka = !p.birthFamilyName().equals(p.familyName()) && rng.nextInt(3) == 0
                    ? p.givenName() + " " + p.birthFamilyName() : "";
            // Police nominal ids are usually stable, sometimes duplicated (a new nominal created).
            String personRef = "N" + (rng.nextInt(20) == 0 ? 5_000_000 + p.key() : p.key());
            String surname = rng.nextInt(4) == 0 ? id.family().toUpperCase(java.util.Locale.ROOT) : id.family();
            if (onboarding) {
                csv.row(ref, e.at().format(UK_DATE_TIME), OCCURRENCE_TYPE.getOrDefault(type, type), risk(type, e, ref),
                        yn(childPresent), loc.street() + ", " + loc.town(), loc.postcode(), involvement, personRef,
                        id.family().toUpperCase(java.util.Locale.ROOT) + " " + id.given(), dob(id, UK_DATE), sex(p),
                        home.line1() + ", " + home.town(), home.postcode(), p.pnc(), narrative, officer);
            } else {
                csv.row(ref, e.at().format(UK_DATE_TIME), type, DESC.getOrDefault(type, type), e.attr(Attr.DASH),
                        yn(childPresent), loc.street(), loc.town(), loc.postcode(), involvement, personRef, id.given(),
                        surname, aka, dob(id, UK_DATE), sex(p), home.line1(), home.town(), home.postcode(), p.pnc(),
                        narrative, officer);
            }
            ctx.truth().occurrence(source(), ref, slot++, CANONICAL.get(involvement), p, ra.noise(id.applied()));
        }
        ctx.truth().record(source(), ref, e, onboarding ? "Narrative" : "narrative", note);
    }

    /**
     * The onboarding layout's Risk: the DASH grading on a domestic occurrence, a vulnerability
     * grading on the others (drawn from the reference, not the run's random stream, so both layouts
     * hold the same county).
     */
    private static String risk(String type, PlannedEvent e, String ref) {
        String dash = e.attr(Attr.DASH);
        if (type.equals("DOM")) {
            return switch (dash == null ? "" : dash) {
                case "H" -> "HIGH";
                case "M" -> "MEDIUM";
                case "S" -> "STANDARD";
                default -> "";
            };
        }
        return switch (Math.floorMod(ref.hashCode(), 4)) {
            case 0 -> "HIGH";
            case 1 -> "MEDIUM";
            default -> "STANDARD";
        };
    }
}
