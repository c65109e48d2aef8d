package org.tessera.indexer.nlp.semantic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * Prints sentences per second of both MiniLM variants on one and on all cores, over the text
 * of a JSON Lines corpus (the development split), with the model's load time and the host load.
 * {@code java -cp ... SentenceEncoderBenchmark nlp-models/eval/concerns-dev.jsonl [rounds]}.
 */
public final class SentenceEncoderBenchmark {

    private SentenceEncoderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> sentences = read(Path.of(args.length > 0 ? args[0] : "nlp-models/eval/concerns-dev.jsonl"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("%d sentences (mean %.0f chars), %d cores, load %.2f%n", sentences.size(),
                sentences.stream().mapToInt(String::length).average().orElse(0), threads,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (MiniLmSentenceEncoder.Variant variant : MiniLmSentenceEncoder.Variant.values()) {
            MiniLmSentenceEncoder encoder = new MiniLmSentenceEncoder(variant);
            long t0 = System.nanoTime();
            encoder.encode(List.of("warm up"));
            System.out.printf("%-28s load %5.0f ms%n", encoder.name(), (System.nanoTime() - t0) / 1e6);
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                for (String s : sentences) {
                    encoder.encode(List.of(s));
                }
                double one = sentences.size() / ((System.nanoTime() - start) / 1e9);
                double cpuMs = (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e6 / sentences.size();
                double all = parallel(encoder, sentences, threads);
                System.out.printf("%-28s 1 thread %6.0f sentences/s (%.2f ms CPU a sentence = %.0f/s a core)   %d threads %6.0f sentences/s   load %.2f%n",
                        encoder.name(), one, cpuMs, 1000 / cpuMs, threads, all,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
        }
    }

    private static double parallel(SentenceEncoder encoder, List<String> sentences, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int from = t;
                futures.add(pool.submit(() -> {
                    for (int i = from; i < sentences.size(); i += threads) {
                        encoder.encode(List.of(sentences.get(i)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return sentences.size() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static List<String> read(Path corpus) throws IOException {
        ObjectMapper json = EngineJson.MAPPER;
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(corpus)) {
            if (!line.isBlank()) {
                out.add(json.readTree(line).path("text").asText());
            }
        }
        return out;
    }
}
