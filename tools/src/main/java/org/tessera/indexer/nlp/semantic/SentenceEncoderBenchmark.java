package org.tessera.indexer.nlp.semantic;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tessera.indexer.opensearch.EngineJson;

/**
 * Prints CPU time a sentence of both MiniLM variants on one thread, one sentence a call, five (a note's
 * worth) and a full batch, over the text of a JSON Lines corpus (the development split), with the
 * model's load time and the host load.
 * {@code java -cp ... SentenceEncoderBenchmark nlp-models/eval/concerns-dev.jsonl [rounds [sentences]]}.
 */
public final class SentenceEncoderBenchmark {

    private SentenceEncoderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> sentences = read(Path.of(args.length > 0 ? args[0] : "nlp-models/eval/concerns-dev.jsonl"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        if (args.length > 2) {
            sentences = sentences.subList(0, Math.min(sentences.size(), Integer.parseInt(args[2])));
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.printf("%d sentences (mean %.0f chars), load %.2f; CPU time of the calling thread (ONNX runs on it)%n", sentences.size(),
                sentences.stream().mapToInt(String::length).average().orElse(0),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (MiniLmSentenceEncoder.Variant variant : MiniLmSentenceEncoder.Variant.values()) {
            MiniLmSentenceEncoder encoder = new MiniLmSentenceEncoder(variant);
            long t0 = System.nanoTime();
            encoder.encode(List.of("warm up"));
            System.out.printf("%-28s load %5.0f ms%n", encoder.name(), (System.nanoTime() - t0) / 1e6);
            for (int r = 0; r < rounds; r++) {
                for (int batch : new int[] {1, 5, 32}) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    for (int from = 0; from < sentences.size(); from += batch) {
                        encoder.encode(sentences.subList(from, Math.min(sentences.size(), from + batch)));
                    }
                    double cpuMs = (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / sentences.size();
                    System.out.printf("%-28s %2d a call: %.2f ms CPU a sentence (%.0f/s a core)   load %.2f%n", encoder.name(), batch, cpuMs,
                            1000 / cpuMs, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                }
            }
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
