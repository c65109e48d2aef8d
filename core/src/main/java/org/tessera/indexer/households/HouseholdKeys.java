package org.tessera.indexer.households;

import java.util.Locale;
import java.util.Optional;
import org.tessera.indexer.ingest.Ids;
import org.tessera.indexer.normalise.UkPostcode;

/**
 * A household is the people living at one address at the same time. Agencies spell an address
 * differently ("Flat 2, 14 Mill Rd" / "2/14 Mill Road"), but the postcode plus the house and flat
 * numbers are what they agree on, so the key is built from those alone.
 */
public final class HouseholdKeys {

    private HouseholdKeys() {
    }

    /** The household id for an address, or empty when the postcode is missing or not a UK postcode. */
    public static Optional<String> of(String address, String postcode) {
        Optional<UkPostcode> parsed = postcode == null ? Optional.empty() : UkPostcode.parse(postcode);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("h-" + Ids.sha256Hex(parsed.get().formatted() + "|" + numbers(address)).substring(0, 16));
    }

    /** The digits groups of the address in order ("Flat 2, 14 Mill Rd" gives "2 14"). */
    static String numbers(String address) {
        if (address == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String token : address.toLowerCase(Locale.ROOT).split("[^0-9a-z]+")) {
            if (!token.isEmpty() && Character.isDigit(token.charAt(0))) {
                if (!out.isEmpty()) {
                    out.append(' ');
                }
                out.append(token);
            }
        }
        return out.toString();
    }
}
