import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Measurement tool (not product): the kept pipeline's stored records as the feed store writes them, keys and units included, as _bulk NDJSON. */
public class KeysDump {
    static Object keyingAll;
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    public static void main(String[] a) throws Exception {
        String base = "http://127.0.0.1:" + a[0];
        String index = a[1];
        ObjectMapper m = new ObjectMapper();
        Method from = Class.forName("org.tessera.indexer.ingest.pipeline.RecordJson").getDeclaredMethod("fromJson", JsonNode.class);
        from.setAccessible(true);
        Class<?> sr = Class.forName("org.tessera.indexer.ingest.SourceRecord");
        Class<?> fs = Class.forName("org.tessera.indexer.ingest.pipeline.FeedStore");
        Method doc = fs.getDeclaredMethod("document", sr, String.class, ObjectNode.class);
        doc.setAccessible(true);
        // with a memo kept across records (the writer's way since perf5), when the build has one and "memo" is asked
        Object memo = null;
        Method docMemo = null;
        if (a.length > 3 && a[3].equals("memo")) {
            Class<?> mc = Class.forName("org.tessera.indexer.linkage.StoredKeyMemo");
            Class<?> keying = Class.forName("org.tessera.indexer.ingest.pipeline.FeedStore$Keying");
            memo = mc.getConstructor().newInstance();
            docMemo = fs.getDeclaredMethod("document", sr, String.class, ObjectNode.class, keying, mc);
            docMemo.setAccessible(true);
            keyingAll = keying.getEnumConstants()[2];
        }
        Method json = Class.forName("org.tessera.indexer.ingest.pipeline.FeedStore$Stored").getDeclaredMethod("json");
        json.setAccessible(true);
        HttpClient http = HttpClient.newHttpClient();
        long n = 0, keyNanos = 0;
        Object theMemo = memo;
        if (a[0].endsWith(".ndjson")) for (int pass = 0; pass < 8; pass++) {
            n = 0; keyNanos = 0;
            // alternating in one JVM: even passes without the memo, odd ones with a fresh one
            memo = theMemo == null || pass % 2 == 0 ? null : theMemo.getClass().getConstructor().newInstance();
            // the records from a dump of this tool (each document's record and note), not from the engine
            try (OutputStream out = new BufferedOutputStream(new FileOutputStream(a[2]), 1 << 20);
                 java.io.BufferedReader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(a[0]))) {
                String action;
                while ((action = in.readLine()) != null && !action.isBlank()) {
                    JsonNode source = m.readTree(in.readLine());
                    Object record = from.invoke(null, source.path("record"));
                    ObjectNode note = source.path("document_note") instanceof ObjectNode o ? o : null;
                    long t0 = CPU.getCurrentThreadCpuTime();
                    byte[] bytes = (byte[]) json.invoke(memo == null ? doc.invoke(null, record, "job-1", note)
                            : docMemo.invoke(null, record, "job-1", note, keyingAll, memo));
                    keyNanos += CPU.getCurrentThreadCpuTime() - t0;
                    out.write((action + "\n").getBytes(StandardCharsets.UTF_8));
                    out.write(bytes);
                    out.write('\n');
                    n++;
                }
            }
            System.out.printf("pass %d: %d documents, %.2f s of thread CPU building them (FeedStore.document)%s%n", pass, n, keyNanos / 1e9,
                    memo == null ? "" : " with one memo " + memo.getClass().getMethod("hits").invoke(memo) + " hits " + memo.getClass().getMethod("misses").invoke(memo) + " misses");
            if (pass == 7) return;
        }
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(a[2]), 1 << 20)) {
            String body = "{\"size\":1000,\"_source\":[\"record\",\"document_note\"],\"sort\":[\"_doc\"]}";
            JsonNode page = m.readTree(post(http, base + "/" + index + "/_search?scroll=2m", body));
            while (true) {
                JsonNode hits = page.path("hits").path("hits");
                if (hits.isEmpty()) break;
                for (JsonNode hit : hits) {
                    Object record = from.invoke(null, hit.path("_source").path("record"));
                    ObjectNode note = hit.path("_source").path("document_note") instanceof ObjectNode o ? o : null;
                    long t0 = CPU.getCurrentThreadCpuTime();
                    byte[] bytes = (byte[]) json.invoke(memo == null ? doc.invoke(null, record, "job-1", note)
                            : docMemo.invoke(null, record, "job-1", note, keyingAll, memo));
                    keyNanos += CPU.getCurrentThreadCpuTime() - t0;
                    out.write(("{\"index\":{\"_id\":\"" + hit.path("_id").asText() + "\"}}\n").getBytes(StandardCharsets.UTF_8));
                    out.write(bytes);
                    out.write('\n');
                    n++;
                }
                String id = page.path("_scroll_id").asText();
                page = m.readTree(post(http, base + "/_search/scroll", "{\"scroll\":\"2m\",\"scroll_id\":\"" + id + "\"}"));
            }
        }
        System.out.printf("%d documents, %.2f s of thread CPU building them (FeedStore.document)%n", n, keyNanos / 1e9);
    }

    static String post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
