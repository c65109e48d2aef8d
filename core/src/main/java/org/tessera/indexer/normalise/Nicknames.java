package org.tessera.indexer.normalise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * UK given-name equivalences (formal name and its familiar forms: William ~ Bill ~ Liam), read
 * from {@code uk-nicknames.txt}: one group per line, {@code formal: nick, nick, ...}. Two names
 * are equivalent when they share a group. The one table of the record linker ({@link #uk()}) and
 * the case-note mention linker ({@link #forCaseNotes()}, which also reads the groups after the
 * file's {@code [case notes]} line). Immutable and thread-safe once built.
 */
public final class Nicknames {
    private final Map<String, Set<String>> groupsByName;

    private Nicknames(Map<String, Set<String>> groupsByName) {
        this.groupsByName = groupsByName;
    }

    private static final String CASE_NOTES = "[case notes]";

    /** The table shipped with Tessera, as the record linker reads it (without the case-note forms). */
    public static Nicknames uk() {
        return shipped(false);
    }

    /** The shipped table with the familiar forms written in case notes too (the mention linker's). */
    public static Nicknames forCaseNotes() {
        return shipped(true);
    }

    private static Nicknames shipped(boolean caseNotes) {
        try (InputStream in = Nicknames.class.getResourceAsStream("uk-nicknames.txt")) {
            if (in == null) throw new IllegalStateException("uk-nicknames.txt missing from the classpath");
            return read(in, caseNotes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every group of the stream, those after a {@code [case notes]} line included. */
    public static Nicknames read(InputStream in) throws IOException {
        return read(in, true);
    }

    private static Nicknames read(InputStream in, boolean caseNotes) throws IOException {
        Map<String, Set<String>> m = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.equals(CASE_NOTES)) {
                if (!caseNotes) break;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException("nickname line without ':' : " + line);
            String formal = Names.compact(line.substring(0, colon));
            for (String nick : line.substring(colon + 1).split(",")) {
                String n = Names.compact(nick);
                if (n == null || formal == null) continue;
                String group = formal;
                m.computeIfAbsent(formal, k -> new HashSet<>()).add(group);
                m.computeIfAbsent(n, k -> new HashSet<>()).add(group);
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        m.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return new Nicknames(Map.copyOf(frozen));
    }

    /** True when both names (normalised) are in one equivalence group; not true for equal names alone. */
    public boolean equivalent(String a, String b) {
        if (a == null || b == null) return false;
        Set<String> ga = groupsByName.get(a);
        Set<String> gb = groupsByName.get(b);
        if (ga == null || gb == null) return false;
        for (String g : ga) if (gb.contains(g)) return true;
        return false;
    }

    /** The formal names whose group holds this name (itself included when it is formal). */
    public Set<String> groups(String name) {
        return groupsByName.getOrDefault(name, Set.of());
    }

    public int size() { return groupsByName.size(); }
}
