import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.util.*;
import org.tessera.indexer.linkage.BlockingKeys;
import org.tessera.indexer.linkage.PersonOccurrence;

/** Measurement tool: a KeysDump file with each record's blocking_keys cut to its raw keys (no refinements). */
public class RawOnly {
    public static void main(String[] a) throws Exception {
        ObjectMapper m = new ObjectMapper();
        Method from = Class.forName("org.tessera.indexer.ingest.pipeline.RecordJson").getDeclaredMethod("fromJson", JsonNode.class);
        from.setAccessible(true);
        try (var in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(a[0]));
             var out = java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(a[1]))) {
            String action;
            while ((action = in.readLine()) != null && !action.isBlank()) {
                ObjectNode doc = (ObjectNode) m.readTree(in.readLine());
                var record = (org.tessera.indexer.ingest.SourceRecord) from.invoke(null, doc.path("record"));
                Set<String> raw = new TreeSet<>();
                for (Set<String> keys : BlockingKeys.of(PersonOccurrence.of(record))) raw.addAll(BlockingKeys.stored(keys));
                var arr = doc.putArray("blocking_keys");
                raw.forEach(arr::add);
                out.write(action); out.write('\n'); out.write(m.writeValueAsString(doc)); out.write('\n');
            }
        }
    }
}
