package org.tessera.indexer.synthetic.output;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tessera.indexer.synthetic.events.EventKind;
import org.tessera.indexer.synthetic.events.PlannedEvent;
import org.tessera.indexer.synthetic.events.HouseholdPlan;
import org.tessera.indexer.synthetic.noise.NoiseProfile;
import org.tessera.indexer.synthetic.noise.PresentedIdentity;
import org.tessera.indexer.synthetic.notes.ComposedNote;
import org.tessera.indexer.synthetic.notes.NoteContext;
import org.tessera.indexer.synthetic.population.Household;
import org.tessera.indexer.synthetic.population.HouseholdRole;
import org.tessera.indexer.synthetic.population.Person;
import org.tessera.indexer.synthetic.population.Sex;

/**
 * Writes the events of one agency in that agency's own layouts. One instance per generation run,
 * used from one thread.
 */
public abstract class AgencyWriter implements AutoCloseable {
    protected static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    protected static final DateTimeFormatter UK_DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    protected static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    protected final WriterContext ctx;
    private final Map<String, DelimitedFile> files = new LinkedHashMap<>();
    private final Map<EventKind, RecordWriter> kinds = new EnumMap<>(EventKind.class);

    protected AgencyWriter(WriterContext ctx) {
        this.ctx = ctx;
    }

    /** Writes one kind of planned event as this agency's record of it. */
    @FunctionalInterface
    protected interface RecordWriter {
        void write(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng);
    }

    /** In a constructor: events of {@code kind} are this agency's, written by {@code writer}. */
    protected final void writes(EventKind kind, RecordWriter writer) {
        kinds.put(kind, writer);
    }

    /** Writes {@code e}; returns false if this writer does not record that kind of event. */
    public final boolean write(PlannedEvent e, HouseholdPlan plan, HouseholdState st, SplittableRandom rng) {
        RecordWriter writer = kinds.get(e.kind());
        if (writer == null) {
            return false;
        }
        writer.write(e, plan, st, rng);
        return true;
    }

    protected DelimitedFile register(String source, DelimitedFile csv) {
        files.put(source + "|" + csv.name(), csv);
        return csv;
    }

    /** Rows written per layout (source id), summed over that source's files. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        files.forEach((k, v) -> out.merge(k.substring(0, k.indexOf('|')), v.rows(), Long::sum));
        return out;
    }

    @Override
    public void close() {
        files.values().forEach(DelimitedFile::close);
    }

    /**
     * The ground truth of a record about one person: their occurrence (slot 0, {@code subject}, with the noise
     * applied to them) and the record, whose {@code noteColumn} holds {@code note} ("" and null for a
     * structured-only record).
     */
    protected void subjectTruth(String source, String recordId, PlannedEvent e, Person subject, List<String> noise,
                                String noteColumn, ComposedNote note) {
        ctx.truth().occurrence(source, recordId, 0, "subject", subject, noise);
        ctx.truth().record(source, recordId, e, noteColumn, note);
    }

    /** The occurrence of the parent named beside the subject (slot 1, {@code parent}), when one is. */
    protected void parentTruth(String source, String recordId, Person parent, PresentedIdentity parentId) {
        if (parent != null) {
            ctx.truth().occurrence(source, recordId, 1, "parent", parent, parentId.applied());
        }
    }

    protected PresentedIdentity present(Person p, NoiseProfile prof, HouseholdPlan plan, SplittableRandom rng) {
        List<String> others = new ArrayList<>(2);
        for (Person a : plan.household().adults()) {
            if (!a.id().equals(p.id()) && !a.familyName().equals(p.familyName()) && p.isChild()) {
                others.add(a.familyName());
            }
        }
        return ctx.noise().present(p, prof, others, rng);
    }

    protected String worker(SplittableRandom rng) {
        Sex s = rng.nextInt(4) == 0 ? Sex.MALE : Sex.FEMALE;
        return ctx.names().given(s, 1975 + rng.nextInt(25), rng) + " " + ctx.names().surname(rng);
    }

    protected static String dob(PresentedIdentity id, DateTimeFormatter f) {
        return switch (id.dobPrecision()) {
            case FULL -> id.dob().format(f);
            case MISSING -> "";
            case YEAR_MONTH -> String.format("%02d/%d", id.dob().getMonthValue(), id.dob().getYear());
        };
    }

    protected static String sex(Person p) {
        return p.sex().code();
    }

    /** Builds the note for an event in the agency's voice and registers its annotations. */
    protected ComposedNote note(PlannedEvent e, String family, HouseholdPlan plan, SplittableRandom rng, int neutral) {
        return ctx.composer().compose(rng, noteContext(e, plan, rng), family, e.mentions(), neutral);
    }

    protected NoteContext noteContext(PlannedEvent e, HouseholdPlan plan, SplittableRandom rng) {
        Household hh = plan.household();
        LocalDate d = e.at().toLocalDate();
        Person child = e.subject().isChild() ? e.subject()
                : e.involved().stream().map(i -> i.person()).filter(Person::isChild).findFirst()
                        .orElse(hh.children().getFirst());
        Person mum = hh.withRole(HouseholdRole.MOTHER).or(() -> hh.withRole(HouseholdRole.GRANDPARENT)).orElse(null);
        Person dad = hh.withRole(HouseholdRole.FATHER).orElse(null);
        Person partner = hh.withRole(HouseholdRole.PARTNER).filter(p -> p.presentOn(d)).orElse(null);
        List<Person> sibs = hh.siblingsOf(child).stream().filter(s -> s.bornBy(d)).toList();
        Person sib = sibs.isEmpty() ? null : sibs.get(rng.nextInt(sibs.size()));
        var addr = hh.addressOn(d);
        int age = Math.max(4, org.tessera.indexer.synthetic.events.SchoolCalendar.schoolAge(child.dateOfBirth(), d));
        return new NoteContext(known(child, rng), child.familyName(), child.sex() == Sex.MALE,
                mum == null ? null : known(mum, rng), mum == null ? null : mum.familyName(),
                dad == null ? null : known(dad, rng), dad == null ? null : dad.familyName(),
                partner == null ? null : known(partner, rng), partner == null ? null : partner.familyName(),
                sib == null ? null : sib.givenName(), worker(rng),
                ctx.organisations().schoolFor(addr.district(), age, child.key()).name(), hh.gpPractice(),
                ctx.organisations().hospital(rng), ctx.organisations().service(rng), addr.line1(), addr.town(),
                ctx.organisations().outOfAreaTown(rng), d, d.getYear() - 1 - rng.nextInt(6));
    }

    private String known(Person p, SplittableRandom rng) {
        List<String> shorts = ctx.names().shortFormsOf(p.givenName());
        return !shorts.isEmpty() && rng.nextInt(6) == 0 ? shorts.get(rng.nextInt(shorts.size())) : p.givenName();
    }

    /** An address as an agency holds it, and whether it is out of date. */
    protected record RecordedAddress(org.tessera.indexer.synthetic.population.Address address, boolean stale) {
        public List<String> noise(List<String> identityNoise) {
            if (!stale) {
                return identityNoise;
            }
            List<String> out = new ArrayList<>(identityNoise);
            out.add("previous_address");
            return out;
        }
    }

    /**
     * Agencies learn of a move late: within {@code lagDays} of a move, a share {@code lagShare}
     * of records still hold the previous address.
     */
    protected static RecordedAddress recordedAddress(HouseholdPlan plan, LocalDate d, int lagDays, double lagShare,
                                                     SplittableRandom rng) {
        var current = plan.household().spellOn(d);
        var earlier = plan.household().spellOn(d.minusDays(lagDays));
        if (!earlier.equals(current) && rng.nextDouble() < lagShare) {
            return new RecordedAddress(earlier.address(), true);
        }
        return new RecordedAddress(current.address(), false);
    }

    protected static String yn(boolean b) {
        return b ? "Y" : "N";
    }
}
