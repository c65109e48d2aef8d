package org.tessera.indexer.synthetic;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import org.tessera.indexer.synthetic.notes.TemplateSet;

/**
 * What to generate: target number of children, seed, length of history ending at {@code endDate},
 * note template family, share of document-eligible records that get a document, whether
 * to write NER annotations of every note to the ground truth, and the share of documents that
 * come with a sidecar (0: none, as referrals reach a MASH).
 */
public record GeneratorSettings(long seed, int children, int years, LocalDate endDate, TemplateSet templates,
                                double documentRate, boolean writeNoteAnnotations, double documentSidecarRate) {
    public static final LocalDate DEFAULT_END = LocalDate.of(2026, 6, 30);
    public static final int DEMO_CHILDREN = 2_000;
    public static final int COUNTY_CHILDREN = 150_000;

    public GeneratorSettings {
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(templates, "templates");
        if (children < 1) {
            throw new IllegalArgumentException("children must be positive: " + children);
        }
        if (years < 1 || years > 10) {
            throw new IllegalArgumentException("years must be 1..10: " + years);
        }
        if (documentRate < 0 || documentRate > 1) {
            throw new IllegalArgumentException("documentRate must be 0..1: " + documentRate);
        }
        if (documentSidecarRate < 0 || documentSidecarRate > 1) {
            throw new IllegalArgumentException("documentSidecarRate must be 0..1: " + documentSidecarRate);
        }
    }

    /** Documents with sidecars at the usual rate. */
    public GeneratorSettings(long seed, int children, int years, LocalDate endDate, TemplateSet templates,
                             double documentRate, boolean writeNoteAnnotations) {
        this(seed, children, years, endDate, templates, documentRate, writeNoteAnnotations,
                org.tessera.indexer.synthetic.output.DocumentWriter.SIDECAR_RATE);
    }

    public LocalDate startDate() {
        return endDate.minusYears(years).plusDays(1);
    }

    /** Parses {@code demo}, {@code county} or {@code N-children} (e.g. {@code 500-children}). */
    public static int childrenForPreset(String preset) {
        String p = preset.strip().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "demo" -> DEMO_CHILDREN;
            case "county" -> COUNTY_CHILDREN;
            default -> {
                if (p.matches("\\d+-children")) {
                    yield Integer.parseInt(p.substring(0, p.indexOf('-')));
                }
                throw new IllegalArgumentException("unknown preset '" + preset + "': use demo, county or N-children");
            }
        };
    }

    public static GeneratorSettings preset(String preset, long seed, int years, LocalDate endDate) {
        int children = childrenForPreset(preset);
        // Note annotations double the output at county size; write them for small runs only.
        return new GeneratorSettings(seed, children, years, endDate, TemplateSet.ALL, 0.04, children <= 20_000);
    }
}
