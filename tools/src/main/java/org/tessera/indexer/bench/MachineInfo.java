package org.tessera.indexer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;

/** The machine a figure was measured on, printed at the top of every benchmark. */
public record MachineInfo(int cores, long maxHeapBytes, String cpu, long memoryBytes, String jvm, String os, LocalDate date) {

    public static MachineInfo current() {
        String cpu = "unknown";
        long memory = -1;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
            memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(-1L);
        } catch (IOException | RuntimeException ignored) {
            // not Linux: the JVM's own figures still say enough
        }
        return new MachineInfo(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory(), cpu, memory,
                System.getProperty("java.vm.name") + " " + Runtime.version(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                LocalDate.now());
    }

    /** The 1, 5 and 15 minute load averages: other work on the same cores bends every figure. */
    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    public String describe() {
        return String.format(Locale.ROOT, "machine: %d cores (%s), %.1f GiB RAM, JVM heap max %.2f GiB, %s, %s, %s",
                cores, cpu, memoryBytes / 1073741824.0, maxHeapBytes / 1073741824.0, jvm, os, date);
    }
}
