package org.tessera.indexer.scoring;

import org.tessera.indexer.households.HouseholdTimeline;

import org.tessera.indexer.indicators.Severity;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cumulative risk model (formulas and reasons in {@code docs/scoring.md}). For a child and an
 * as-of date, every hit on an event dated on or before that date reaches the child directly, as
 * someone present, or through a household adult; counting hits score
 * {@code weight x 0.5^(age/halfLife) x r^(k-1) x householdFactor x breadth}; the score is their sum.
 *
 * <p>Pure and immutable: thread-safe, and the same inputs always give the same score.
 */
public final class RiskScorer {

    private static final double DAYS_PER_VELOCITY_UNIT = 30.0;
    private static final double DAYS_PER_YEAR = 365.25;

    private final ScoringParameters parameters;
    private final Map<String, IndicatorWeighting> indicators;

    /**
     * @param indicators per-indicator title and half-life, by indicator id; indicators missing here
     *                   use their id as title and the severity's default half-life
     */
    public RiskScorer(ScoringParameters parameters, Map<String, IndicatorWeighting> indicators) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.indicators = Map.copyOf(indicators);
    }

    public ScoringParameters parameters() {
        return parameters;
    }

    /** The concern the indicator reports (its id when the catalogue names none). */
    public String concern(String indicatorId) {
        IndicatorWeighting weighting = indicators.get(indicatorId);
        return weighting == null || weighting.concern() == null ? indicatorId : weighting.concern();
    }

    /** The indicator's display title (its id when the catalogue gives none). */
    public String title(String indicatorId) {
        IndicatorWeighting weighting = indicators.get(indicatorId);
        return weighting == null || weighting.title() == null ? indicatorId : weighting.title();
    }

    /** Score now, the score {@code velocity_window_days} earlier, and the velocity between them. */
    public RiskAssessment assess(ChildHistory history, LocalDate asOf) {
        int window = parameters.velocityWindowDays();
        LocalDate earlierDay = asOf.minusDays(window);
        // Whom a hit reaches does not depend on the day scored as of: found once for both scores.
        List<Reached> reached = reached(history, earlierDay.minusDays(parameters.maxAgeDays()), asOf);
        RiskScore now = score(history.childId(), reached, asOf);
        double earlier = score(history.childId(), reached, earlierDay).score();
        return new RiskAssessment(now, earlier, (now.score() - earlier) * DAYS_PER_VELOCITY_UNIT / window);
    }

    /** The child's score at the end of {@code asOf}; events dated after it do not exist for this computation. */
    public RiskScore score(ChildHistory history, LocalDate asOf) {
        return score(history.childId(), reached(history, asOf.minusDays(parameters.maxAgeDays()), asOf), asOf);
    }

    /** A hit that reaches the child, and how. */
    private record Reached(RiskEvent event, RiskEvent.Hit hit, Reach reach) {
    }

    /** Every hit on the history's events dated from {@code from} to {@code to} that reaches the child, in history order. */
    private List<Reached> reached(ChildHistory history, LocalDate from, LocalDate to) {
        String childId = history.childId();
        Double born = bornEpochDay(history);
        List<Reached> reached = new ArrayList<>();
        for (RiskEvent event : history.events()) {
            if (event.date().isAfter(to) || event.date().isBefore(from)) {
                continue;
            }
            boolean onEvent = event.involves(childId);
            Housemates housemates = onEvent ? Housemates.NONE : housemates(childId, event, history.households());
            if (!onEvent && housemates.isEmpty()) {
                continue;
            }
            for (RiskEvent.Hit hit : event.hits()) {
                Reach reach = reach(childId, onEvent, housemates, hit);
                if (reach != null && (reach == Reach.DIRECT || ageFits(hit.indicatorId(), born, event.date()))) {
                    reached.add(new Reached(event, hit, reach));
                }
            }
        }
        return reached;
    }

    private RiskScore score(String childId, List<Reached> reached, LocalDate asOf) {
        List<Candidate> candidates = new ArrayList<>();
        for (Reached hit : reached) {
            if (hit.event().date().isAfter(asOf)) {
                continue;
            }
            long age = ChronoUnit.DAYS.between(hit.event().date(), asOf);
            if (age > parameters.maxAgeDays()) {
                continue;
            }
            candidates.add(candidate(hit.event(), hit.hit(), hit.reach(), age));
        }

        // Diminishing returns: within one concern (a severe and a persistent absence are one
        // absence), the strongest hit counts fully, the next r, then r^2...
        Map<String, List<Candidate>> byConcern = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.counting) {
                byConcern.computeIfAbsent(c.concern, id -> new ArrayList<>()).add(c);
            }
        }
        for (List<Candidate> repeats : byConcern.values()) {
            repeats.sort(Comparator.comparingDouble(Candidate::base).reversed()
                    .thenComparing(c -> c.event.date(), Comparator.reverseOrder())
                    .thenComparing(c -> c.event.eventId())
                    .thenComparing(c -> c.hit.indicatorId()));
            double factor = 1;
            for (Candidate c : repeats) {
                c.repeatFactor = factor;
                factor *= parameters.repeatFactor();
            }
        }

        Set<String> agencies = new TreeSet<>();
        for (Candidate c : candidates) {
            if (c.counting && c.ageDays <= parameters.breadth().windowDays()) {
                agencies.add(c.event.agency());
            }
        }
        double multiplier = parameters.breadth().multiplier(agencies.size());

        List<Contribution> contributions = new ArrayList<>(candidates.size());
        Map<String, Double> concernPoints = new HashMap<>();
        double score = 0;
        for (Candidate c : candidates) {
            double breadth = c.counting && c.ageDays <= parameters.breadth().windowDays() ? multiplier : 1;
            double points = c.counting ? c.base() * c.repeatFactor * breadth : 0;
            score += points;
            if (c.counting && c.ageDays <= parameters.breadth().windowDays()) {
                concernPoints.merge(c.concern, points, Double::sum);
            }
            contributions.add(new Contribution(c.event.eventId(), c.hit.indicatorId(), c.concern, c.hit.indicatorVersion(),
                    title(c.hit.indicatorId()), c.event.date(), c.event.agency(), c.event.recordType(), c.severity,
                    c.reach, c.counting, c.hit.context(), c.hit.evidence(), c.hit.field(), c.rawWeight, c.ageDays,
                    c.halfLife, c.decay, c.counting ? c.repeatFactor : 0, c.householdFactor, c.contextFactor, breadth, points));
        }
        contributions.sort(Comparator.comparing(Contribution::counts).reversed()
                .thenComparing(Comparator.comparingDouble(Contribution::contribution).reversed())
                .thenComparing(Contribution::date, Comparator.reverseOrder())
                .thenComparing(Contribution::eventId)
                .thenComparing(Contribution::indicatorId));
        return new RiskScore(childId, asOf, score, Band.of(score, parameters.bands()), contributions, agencies, concernPoints, multiplier);
    }

    /** Adults and other children on an event the child is not on, who lived in its household at the event date. */
    private record Housemates(Set<String> adults, Set<String> siblings) {
        static final Housemates NONE = new Housemates(Set.of(), Set.of());

        boolean isEmpty() {
            return adults.isEmpty() && siblings.isEmpty();
        }
    }

    private static Housemates housemates(String childId, RiskEvent event, HouseholdTimeline households) {
        String household = households.at(event.date()).orElse(null);
        if (household == null) {
            return Housemates.NONE;
        }
        Set<String> adults = new HashSet<>();
        Set<String> siblings = new HashSet<>();
        for (RiskEvent.Participant p : event.people()) {
            if (household.equals(p.householdId()) && !p.personId().equals(childId)) {
                (p.child() ? siblings : adults).add(p.personId());
            }
        }
        return adults.isEmpty() && siblings.isEmpty() ? Housemates.NONE : new Housemates(adults, siblings);
    }

    /**
     * The child's birth as an epoch day, estimated from its age on the first of its own events that
     * records one; null when none does (then no age range applies: nothing is withdrawn on
     * incomplete evidence).
     */
    private static Double bornEpochDay(ChildHistory history) {
        for (RiskEvent event : history.events()) {
            for (RiskEvent.Participant p : event.people()) {
                if (p.personId().equals(history.childId()) && p.ageYears() != null) {
                    return event.date().toEpochDay() - p.ageYears() * DAYS_PER_YEAR;
                }
            }
        }
        return null;
    }

    /**
     * Whether a hit that is not about this child (present, household or sibling reach) can be about
     * a child of its age: a teenager's own behaviour (youth justice, exploitation...) never reaches an
     * infant of the household, whatever the reach rule.
     */
    private boolean ageFits(String indicatorId, Double born, LocalDate date) {
        IndicatorWeighting weighting = indicators.get(indicatorId);
        if (weighting == null || weighting.ages() == null || born == null) {
            return true;
        }
        return weighting.ages().includes((date.toEpochDay() - born) / DAYS_PER_YEAR);
    }

    /** How the hit reaches the child, or null when it does not. */
    private Reach reach(String childId, boolean onEvent, Housemates housemates, RiskEvent.Hit hit) {
        if (onEvent) {
            return hit.personIds().isEmpty() || hit.personIds().contains(childId) ? Reach.DIRECT : Reach.PRESENT;
        }
        boolean siblingsReached = reachesSiblings(hit.indicatorId()) && !housemates.siblings().isEmpty();
        if (hit.personIds().isEmpty()) {
            return !housemates.adults().isEmpty() ? Reach.HOUSEHOLD : siblingsReached ? Reach.SIBLING : null;
        }
        for (String person : hit.personIds()) {
            if (housemates.adults().contains(person)) {
                return Reach.HOUSEHOLD;
            }
        }
        if (siblingsReached) {
            for (String person : hit.personIds()) {
                if (housemates.siblings().contains(person)) {
                    return Reach.SIBLING;
                }
            }
        }
        return null;
    }

    private boolean reachesSiblings(String indicatorId) {
        IndicatorWeighting weighting = indicators.get(indicatorId);
        return weighting != null && weighting.reachesSiblings();
    }

    private Candidate candidate(RiskEvent event, RiskEvent.Hit hit, Reach reach, long ageDays) {
        Severity severity = Severity.read(hit.severity()).orElse(Severity.MEDIUM);
        // A catalogue weight of 0 marks a signal indicator (e.g. "urgent care attendance (any cause)"): shown, never scored.
        boolean signal = hit.weight() != null && hit.weight() == 0;
        double raw = signal ? 0 : parameters.weightFrom() == ScoringParameters.WeightSource.HIT && hit.weight() != null && hit.weight() > 0
                ? hit.weight() : parameters.weight(severity);
        IndicatorWeighting weighting = indicators.get(hit.indicatorId());
        double halfLife = weighting != null && weighting.halfLifeDays() != null ? weighting.halfLifeDays() : parameters.halfLife(severity);
        double decay = Math.pow(0.5, ageDays / halfLife);
        double household = reach == Reach.DIRECT ? 1 : parameters.householdFactor();
        return new Candidate(event, hit, concern(hit.indicatorId()), reach, severity, raw, ageDays, halfLife, decay, household,
                parameters.contextWeights().factor(hit.context()), hit.counts() && !signal);
    }

    private static final class Candidate {
        final RiskEvent event;
        final RiskEvent.Hit hit;
        final String concern;
        final Reach reach;
        final Severity severity;
        final double rawWeight;
        final double ageDays;
        final double halfLife;
        final double decay;
        final double householdFactor;
        final double contextFactor;
        /** The hit scores: it counts (not negated, hypothetical...) and is not a weight-0 signal. */
        final boolean counting;
        double repeatFactor = 1;

        Candidate(RiskEvent event, RiskEvent.Hit hit, String concern, Reach reach, Severity severity, double rawWeight, double ageDays,
                  double halfLife, double decay, double householdFactor, double contextFactor, boolean counting) {
            this.contextFactor = contextFactor;
            this.counting = counting;
            this.event = event;
            this.hit = hit;
            this.concern = concern;
            this.reach = reach;
            this.severity = severity;
            this.rawWeight = rawWeight;
            this.ageDays = ageDays;
            this.halfLife = halfLife;
            this.decay = decay;
            this.householdFactor = householdFactor;
        }

        double base() {
            return rawWeight * decay * householdFactor * contextFactor;
        }
    }
}
