package org.tessera.portal.review;

import java.util.List;
import java.util.Objects;

/**
 * The MASH research record of one child as the referral review page, the strategy pack (PDF and
 * DOCX) and the API show it: one model, several renderings, so the pack says exactly what the page
 * says. Every statement carries the records it rests on.
 */
public final class ReferralReview {

    private ReferralReview() {
    }

    /** The record a statement rests on: which agency recorded what, when, under which id. */
    public record Source(String eventId, String agency, String recordType, String date) {
        public Source {
            Objects.requireNonNull(eventId, "eventId");
        }

        /** "police incident, 2026-02-14" */
        public String label() {
            return (agency == null ? "" : agency.replace('_', ' ') + " ") + (recordType == null ? "record" : recordType.replace('_', ' '))
                    + (date == null ? "" : ", " + date);
        }
    }

    /** How a statement should catch the reader's eye. */
    public enum Tone { PLAIN, CONCERN, NEW, HOUSEHOLD }

    /** One statement with its sources (none for a statement about absence, e.g. "no exclusions recorded"). */
    public record Line(String text, Tone tone, List<Source> sources) {
        public Line {
            Objects.requireNonNull(text, "text");
            tone = tone == null ? Tone.PLAIN : tone;
            sources = List.copyOf(sources);
        }

        static Line plain(String text) {
            return new Line(text, Tone.PLAIN, List.of());
        }
    }

    /** One part of the page: {@code id} is stable (used by the page, the pack and the tests). */
    public record Section(String id, String title, String summary, List<Line> lines) {
        public Section {
            lines = List.copyOf(lines);
        }
    }

    /** The child's risk now, as the scorer computes it. */
    public record Risk(double score, String band, double velocity, String asOf, List<org.tessera.portal.profile.Profile.TrendPoint> trend) {
        public Risk {
            trend = List.copyOf(trend);
        }
    }

    /** The page: who, the risk, and the sections in reading order. */
    public record Page(String personId, String name, String dateOfBirth, Risk risk, List<Section> sections,
                       List<MashDecision> decisions) {
        public Page {
            sections = List.copyOf(sections);
            decisions = List.copyOf(decisions);
        }

        public Section section(String id) {
            return sections.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        }
    }
}
