import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.util.*;
import org.tessera.indexer.linkage.BlockingKeys;
import org.tessera.indexer.linkage.PersonOccurrence;

/** Measurement tool: raw keys per rule, and refinements, of the stored records in a KeysDump file. */
public class KeyRules {
    public static void main(String[] a) throws Exception {
        ObjectMapper m = new ObjectMapper();
        Method from = Class.forName("org.tessera.indexer.ingest.pipeline.RecordJson").getDeclaredMethod("fromJson", JsonNode.class);
        from.setAccessible(true);
        long records = 0, stored = 0, raw = 0;
        long[] perRule = new long[16];
        Map<Integer, Set<String>> distinct = new HashMap<>();
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(a[0]))) {
            String action;
            while ((action = in.readLine()) != null && !action.isBlank()) {
                JsonNode doc = m.readTree(in.readLine());
                var record = (org.tessera.indexer.ingest.SourceRecord) from.invoke(null, doc.path("record"));
                List<PersonOccurrence> occ = PersonOccurrence.of(record);
                Set<String> rawKeys = new HashSet<>();
                for (Set<String> keys : BlockingKeys.of(occ)) rawKeys.addAll(keys);
                for (String k : rawKeys) {
                    int r = BlockingKeys.ruleOf(k);
                    perRule[r]++;
                    if (records % 4 == 0) distinct.computeIfAbsent(r, x -> new HashSet<>()).add(k);
                }
                raw += rawKeys.size();
                stored += doc.path("blocking_keys").size();
                records++;
            }
        }
        System.out.printf("%d records: %.1f stored keys a record, of them %.1f raw (distinct in the record) and %.1f refinements%n",
                records, stored / (double) records, raw / (double) records, (stored - raw) / (double) records);
        for (int r = 0; r < 16; r++) if (perRule[r] > 0)
            System.out.printf("rule %2d: %.2f raw keys a record, %d distinct in a quarter of the records%n", r, perRule[r] / (double) records,
                    distinct.getOrDefault(r, Set.of()).size());
    }
}
