package org.tessera.indexer.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.opensearch.OpenSearchConnection;
import org.tessera.indexer.scoring.EventQueries;

/**
 * Were the ingested documents linked to the child they are about? Reads what an ingest
 * concluded (the {@code events} and {@code linkage} indices) and compares it with a truth file of
 * {@code path,...,subject_person_id} rows (the generator's {@code documents.csv}, or a held-out
 * set's). A document counts as linked right when its subject's person gathers records of the
 * true child and of no one else in majority; pairwise precision is over the pairs (document
 * subject, other occurrence of the same person) whose other side has a known truth.
 */
public final class DocumentEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param documents      documents of the truth file found in the index
     * @param missing        documents of the truth file not found in the index (quarantined or not ingested)
     * @param linkedRight    subject's person is the true child
     * @param linkedWrong    subject's person is mostly someone else: the error that must not happen
     * @param inReview       the linker was unsure; the document's pairs are in the review queue
     * @param reviewWithTrue of those, the queue holds a pair with a record of the true child
     * @param newPerson      subject matched nobody (a person known from the document alone)
     * @param noSubject      no subject could be read
     * @param sidecar        linked through a sidecar (not the reader's work)
     * @param pairs          (document subject, other occurrence) pairs with a known truth
     * @param rightPairs     of those, the same true person
     * @param byFormat       format (file extension) to {documents, linked right}
     */
    public record Result(int documents, int missing, int linkedRight, int linkedWrong, int inReview, int reviewWithTrue,
                         int newPerson, int noSubject, int sidecar, long pairs, long rightPairs,
                         Map<String, int[]> byFormat, List<String> wrong) {

        public double linkedShare() {
            return documents == 0 ? 0 : linkedRight / (double) documents;
        }

        public double pairwisePrecision() {
            return pairs == 0 ? 1 : rightPairs / (double) pairs;
        }

        public String summary(String label) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%s: %d documents (%d in the truth file not in the index)%n", label, documents, missing));
            b.append(String.format(Locale.ROOT, "  linked to the child they are about  %4d  %.1f %%%n", linkedRight, 100 * linkedShare()));
            b.append(String.format(Locale.ROOT, "  linked to someone else              %4d%n", linkedWrong));
            b.append(String.format(Locale.ROOT, "  in the review queue                 %4d  (%d with a record of the true child among the candidates)%n",
                    inReview, reviewWithTrue));
            b.append(String.format(Locale.ROOT, "  matched nobody (new person)         %4d%n", newPerson));
            b.append(String.format(Locale.ROOT, "  no subject read                     %4d%n", noSubject));
            b.append(String.format(Locale.ROOT, "  (of all: through a sidecar          %4d)%n", sidecar));
            b.append(String.format(Locale.ROOT, "  pairwise precision                  %.4f  (%d of %d pairs)%n", pairwisePrecision(), rightPairs, pairs));
            byFormat.forEach((format, n) -> b.append(String.format(Locale.ROOT, "  %-5s %4d documents, %4d linked right%n", format, n[0], n[1])));
            wrong.stream().limit(20).forEach(w -> b.append("  wrong: ").append(w).append('\n'));
            return b.toString();
        }
    }

    /** One occurrence as the index holds it. */
    private record Seen(String personId, String truth, boolean document) {}

    private final OpenSearchConnection connection;

    public DocumentEvaluation(OpenSearchConnection connection) {
        this.connection = connection;
    }

    /** Reads the truth file: file name to true subject person id. */
    public static Map<String, String> readTruth(Path file) {
        Map<String, String> truth = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); var parser = format.parse(reader)) {
            for (CSVRecord r : parser) {
                String path = r.get("path");
                truth.put(path.substring(path.lastIndexOf('/') + 1), r.get("subject_person_id"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return truth;
    }

    public Result evaluate(GroundTruth groundTruth, Map<String, String> documentTruth) {
        EventQueries queries = new EventQueries(connection);
        Map<String, Seen> occurrences = new HashMap<>();
        Map<String, List<String>> members = new HashMap<>();
        Map<String, JsonNode> documents = new HashMap<>();
        queries.scroll(connection.alias("events"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                List.of("event_id", "source", "record_id", "people.slot", "people.person_id", "people.role", "document"), (id, source) -> {
                    String fileName = source.path("document").path("file_name").asText(null);
                    boolean document = fileName != null;
                    if (document && documentTruth.containsKey(fileName)) {
                        documents.put(fileName, source);
                    }
                    for (JsonNode p : source.path("people")) {
                        int slot = p.path("slot").asInt();
                        String occurrence = Ids.occurrenceId(source.path("event_id").asText(), slot);
                        String truth = document && documentTruth.containsKey(fileName) && "subject".equals(p.path("role").asText())
                                ? null : groundTruth.personAt(source.path("source").asText(), source.path("record_id").asText(), slot);
                        String person = p.path("person_id").asText();
                        occurrences.put(occurrence, new Seen(person, truth, document));
                        members.computeIfAbsent(person, k -> new ArrayList<>()).add(occurrence);
                    }
                });
        Map<String, Set<String>> reviewPartners = reviewPartners(queries);

        int right = 0, wrong = 0, review = 0, reviewTrue = 0, fresh = 0, none = 0, sidecar = 0;
        long pairs = 0, rightPairs = 0;
        Map<String, int[]> byFormat = new java.util.TreeMap<>();
        List<String> wrongOnes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> d : documents.entrySet()) {
            String child = documentTruth.get(d.getKey());
            JsonNode event = d.getValue();
            String link = event.path("document").path("subject_link").asText("");
            String format = d.getKey().substring(d.getKey().lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            int[] f = byFormat.computeIfAbsent(format, k -> new int[2]);
            f[0]++;
            if (link.equals("sidecar")) {
                sidecar++;
            }
            // The subject slot whose person holds records of the true child, else the first subject.
            String chosen = null;
            String chosenPerson = null;
            for (JsonNode p : event.path("people")) {
                if (!"subject".equals(p.path("role").asText())) {
                    continue;
                }
                String occurrence = Ids.occurrenceId(event.path("event_id").asText(), p.path("slot").asInt());
                String person = p.path("person_id").asText();
                if (chosen == null || majority(members.get(person), occurrences, occurrence).equals(child)) {
                    chosen = occurrence;
                    chosenPerson = person;
                }
            }
            if (chosen == null) {
                none++;
                continue;
            }
            String majority = majority(members.get(chosenPerson), occurrences, chosen);
            for (String other : members.get(chosenPerson)) {
                String truth = occurrences.get(other).truth();
                if (!other.equals(chosen) && truth != null) {
                    pairs++;
                    if (truth.equals(child)) {
                        rightPairs++;
                    }
                }
            }
            if (majority.equals(child)) {
                right++;
                f[1]++;
            } else if (!majority.isEmpty()) {
                wrong++;
                wrongOnes.add(d.getKey() + " (true " + child + ", linked to a person mostly " + majority + ")");
            } else if (link.equals("review") || reviewPartners.containsKey(chosen)) {
                review++;
                for (String partner : reviewPartners.getOrDefault(chosen, Set.of())) {
                    Seen seen = occurrences.get(partner);
                    if (seen != null && child.equals(seen.truth())) {
                        reviewTrue++;
                        break;
                    }
                }
            } else {
                fresh++;
            }
        }
        return new Result(documents.size(), documentTruth.size() - documents.size(), right, wrong, review, reviewTrue, fresh, none,
                sidecar, pairs, rightPairs, byFormat, wrongOnes);
    }

    /** The true person most of a person's other occurrences belong to ("" when none has a known truth). */
    private static String majority(List<String> cluster, Map<String, Seen> occurrences, String except) {
        Map<String, Integer> votes = new HashMap<>();
        for (String o : cluster) {
            String truth = occurrences.get(o).truth();
            if (!o.equals(except) && truth != null) {
                votes.merge(truth, 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).orElse("");
    }

    /** Occurrence to the occurrences it is paired with in the open review queue. */
    private Map<String, Set<String>> reviewPartners(EventQueries queries) {
        Map<String, Set<String>> partners = new HashMap<>();
        queries.scroll(connection.alias("linkage"), JSON.createObjectNode().set("match_all", JSON.createObjectNode()),
                List.of("occurrence_a", "occurrence_b", "status"), (id, source) -> {
                    if (!"open".equals(source.path("status").asText())) {
                        return;
                    }
                    String a = source.path("occurrence_a").asText();
                    String b = source.path("occurrence_b").asText();
                    partners.computeIfAbsent(a, k -> new HashSet<>()).add(b);
                    partners.computeIfAbsent(b, k -> new HashSet<>()).add(a);
                });
        return partners;
    }
}
