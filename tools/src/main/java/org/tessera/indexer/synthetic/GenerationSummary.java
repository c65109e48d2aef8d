package org.tessera.indexer.synthetic;

import java.util.Map;

/** Figures of one generation run. */
public record GenerationSummary(long households, long children, long adults, Map<String, Long> recordsPerSource,
                                long records, long documents, long personOccurrences, long noisyOccurrences,
                                Map<String, Long> trajectoryChildrenByKind, double seconds) {
    public GenerationSummary {
        recordsPerSource = Map.copyOf(recordsPerSource);
        trajectoryChildrenByKind = Map.copyOf(trajectoryChildrenByKind);
    }

    public String toJson() {
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"households\": ").append(households).append(",\n");
        b.append("  \"children\": ").append(children).append(",\n");
        b.append("  \"adults\": ").append(adults).append(",\n");
        b.append("  \"records\": ").append(records).append(",\n");
        b.append("  \"documents\": ").append(documents).append(",\n");
        b.append("  \"person_occurrences\": ").append(personOccurrences).append(",\n");
        b.append("  \"noisy_occurrences\": ").append(noisyOccurrences).append(",\n");
        b.append("  \"records_per_source\": {");
        new java.util.TreeMap<>(recordsPerSource).forEach((k, v) -> b.append("\n    \"").append(k).append("\": ")
                .append(v).append(","));
        b.setLength(b.length() - 1);
        b.append("\n  },\n  \"trajectory_children\": {");
        new java.util.TreeMap<>(trajectoryChildrenByKind).forEach((k, v) -> b.append("\n    \"").append(k)
                .append("\": ").append(v).append(","));
        if (!trajectoryChildrenByKind.isEmpty()) {
            b.setLength(b.length() - 1);
        }
        b.append("\n  }\n}\n");
        return b.toString();
    }
}
