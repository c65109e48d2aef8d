package org.tessera.indexer.cli;

import picocli.CommandLine;

/**
 * Benchmark entry point: {@code java -Xmx1g -cp ... org.tessera.indexer.synthetic.GenerateBenchmark
 * --preset county --out /tmp/county}. Same options as {@code generate}, always with {@code --bench}.
 */
public final class GenerateBenchmark {
    private GenerateBenchmark() {
    }

    public static void main(String[] args) {
        String[] withBench = java.util.Arrays.copyOf(args, args.length + 1);
        withBench[args.length] = "--bench";
        System.exit(new CommandLine(new GenerateCommand()).execute(withBench));
    }
}
