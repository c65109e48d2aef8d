package org.tessera.portal.review;

import java.time.Instant;

/** The strategy pack's file formats; each renders the same {@link ReferralReview.Page}. */
public enum PackFormat implements org.tessera.portal.audit.AuditedRead.Detail {
    PDF("pdf", "application/pdf"),
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    /** Confidentiality marking on every page of the pack (Government Security Classifications). */
    public static final String MARKING = "OFFICIAL-SENSITIVE";

    /** Who produced the pack, when and why: printed on it, as the audit trail records it. */
    public record Stamp(String user, Instant at, String purpose) {
    }

    private final String extension;
    private final String contentType;

    PackFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /** The audit record's detail of a download in this format. */
    @Override
    public String describe() {
        return "strategy pack " + extension;
    }

    public String fileName(ReferralReview.Page page) {
        return "strategy-pack-" + page.personId().replaceAll("[^A-Za-z0-9_-]", "_") + "." + extension;
    }

    byte[] render(ReferralReview.Page page, Stamp stamp) {
        return switch (this) {
            case PDF -> StrategyPackPdf.render(page, stamp);
            case DOCX -> StrategyPackDocx.render(page, stamp);
        };
    }

    /** The heading lines both formats print under the title. */
    static String header(ReferralReview.Page page, Stamp stamp) {
        ReferralReview.Risk r = page.risk();
        return String.format(java.util.Locale.ROOT, "%s, born %s. Risk as of %s: score %.1f (%s). Produced %s by %s for: %s.",
                page.name(), page.dateOfBirth() == null ? "not recorded" : page.dateOfBirth(), r.asOf(), r.score(), r.band(),
                stamp.at().toString().substring(0, 16).replace('T', ' ') + " UTC", stamp.user(), stamp.purpose());
    }

    /** A statement's sources as printed: "[police incident, 2026-02-14, ref ev-police-1]". */
    static String sources(ReferralReview.Line line) {
        if (line.sources().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        for (ReferralReview.Source source : line.sources()) {
            s.append(s.isEmpty() ? "" : " ").append('[').append(source.label()).append(", ref ").append(source.eventId()).append(']');
        }
        return s.toString();
    }
}
