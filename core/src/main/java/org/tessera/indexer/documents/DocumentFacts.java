package org.tessera.indexer.documents;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.tessera.indexer.ingest.InvolvedPerson;

/**
 * What a document says about itself when it comes without a sidecar: the people it is about and
 * around (subjects first), its own date and who wrote it.
 *
 * @param people       involved people in slot order; every {@code subject} comes before the others
 * @param date         the document's own date, or null
 * @param dateSource   where the date was read: {@code letter_date}, {@code date_line},
 *                     {@code email_header}, {@code metadata}, or null
 * @param organisation the author's organisation as written (letterhead, sender domain, signature), or null
 * @param agency       the author's agency (one of {@link org.tessera.indexer.ingest.Vocabulary#AGENCIES})
 */
public record DocumentFacts(List<InvolvedPerson> people, LocalDate date, String dateSource, String organisation,
                            String agency) {
    public DocumentFacts {
        people = List.copyOf(people);
        Objects.requireNonNull(agency, "agency");
    }

    /** The people the document is about. */
    public List<InvolvedPerson> subjects() {
        return people.stream().filter(p -> p.role().equals("subject")).toList();
    }
}
