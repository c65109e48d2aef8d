package org.tessera.indexer.linkage;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.tessera.indexer.normalise.Names;
import org.tessera.indexer.normalise.UkPostcode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Normalisation of the raw values features are made of, computed once per distinct value of a
 * linkage run: a person's name, postcode and address repeat across their records and a family's,
 * and normalising them (Unicode decomposition, regular expressions, Double Metaphone) was an
 * eighth of a run. Each method is the function it names, so features are the same doubles and
 * strings with or without it. Thread-safe; one per run, dropped when features are built.
 */
final class FeatureMemo {
    private final Map<String, List<String>> nameParts = new ConcurrentHashMap<>();
    private final Map<String, Boolean> placeholders = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> codes = new ConcurrentHashMap<>();
    private final Map<String, String> postcodes = new ConcurrentHashMap<>();
    private final Map<String, Optional<UkPostcode>> ukPostcodes = new ConcurrentHashMap<>();
    private final Map<AddressKey, Set<String>> addressTokens = new ConcurrentHashMap<>();

    private record AddressKey(String address, String postcode) {}

    /** {@link Names#parts}, unmodifiable. */
    List<String> nameParts(String raw) {
        return raw == null ? List.of() : memo(nameParts, raw, r -> List.copyOf(Names.parts(r)));
    }

    /** {@link Names#compact}. */
    String compactName(String raw) {
        List<String> parts = nameParts(raw);
        return parts.isEmpty() ? null : String.join("", parts);
    }

    /** {@link Names#isPlaceholderGivenName}. */
    boolean placeholder(String givenNames) {
        return givenNames != null && memo(placeholders, givenNames, Names::isPlaceholderGivenName);
    }

    /** {@link Features#codes}; the encoder is the caller's (one per thread). */
    Set<String> codes(DoubleMetaphone dm, String name) {
        return name == null ? Set.of() : memo(codes, name, n -> Features.codes(dm, n));
    }

    /** {@link Features#compactPostcode}. */
    String postcode(String raw) {
        if (raw == null) return null;
        String pc = memo(postcodes, raw, r -> {
            String c = Features.compactPostcode(r);
            return c == null ? "" : c;
        });
        return pc.isEmpty() ? null : pc;
    }

    /** {@link UkPostcode#parse} of a compact postcode, or null. */
    UkPostcode ukPostcode(String postcode) {
        return postcode == null ? null : memo(ukPostcodes, postcode, UkPostcode::parse).orElse(null);
    }

    /** {@link Features#addressTokens}. */
    Set<String> addressTokens(String address, String postcode) {
        return address == null ? Set.of() : memo(addressTokens, new AddressKey(address, postcode), k -> Features.addressTokens(k.address(), k.postcode()));
    }

    /**
     * The value for a key, computed on first use. Most calls find the value: a lock-free read
     * first, since {@code computeIfAbsent} may lock the key's bin even when the value is there.
     */
    static <K, V> V memo(Map<K, V> map, K key, Function<? super K, ? extends V> compute) {
        V value = map.get(key);
        return value != null ? value : map.computeIfAbsent(key, compute);
    }
}
