package org.tessera.indexer.synthetic.population;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A household over the whole window: members (with arrival and departure dates) and the
 * address history. Immutable.
 */
public record Household(String id, long index, List<Person> members, List<AddressSpell> addresses, String gpPractice) {
    public Household {
        members = List.copyOf(members);
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("household needs an address");
        }
    }

    public AddressSpell spellOn(LocalDate date) {
        AddressSpell current = addresses.getFirst();
        for (AddressSpell s : addresses) {
            if (!s.from().isAfter(date)) {
                current = s;
            }
        }
        return current;
    }

    public Address addressOn(LocalDate date) {
        return spellOn(date).address();
    }

    public List<Person> children() {
        return members.stream().filter(Person::isChild).toList();
    }

    public List<Person> adults() {
        return members.stream().filter(p -> !p.isChild()).toList();
    }

    public Optional<Person> withRole(HouseholdRole role) {
        return members.stream().filter(p -> p.role() == role).findFirst();
    }

    /** The mother figure, else any adult present. */
    public Optional<Person> mainCarer() {
        return withRole(HouseholdRole.MOTHER).or(() -> withRole(HouseholdRole.GRANDPARENT))
                .or(() -> withRole(HouseholdRole.FATHER));
    }

    public List<Person> siblingsOf(Person child) {
        return children().stream().filter(c -> !c.id().equals(child.id())).toList();
    }
}
