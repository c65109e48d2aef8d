package org.tessera.indexer.synthetic.notes;

import java.time.LocalDate;

/**
 * Who and what a note may mention. Names are as the practitioner would write them; any may be
 * null when the household has no such person (the slot then falls back to a plain word).
 */
public record NoteContext(String childGiven, String childFamily, boolean childMale, String mumGiven, String mumFamily,
                          String dadGiven, String dadFamily, String partnerGiven, String partnerFamily,
                          String siblingGiven, String workerName, String school, String gp, String hospital,
                          String service, String address, String town, String outOfAreaTown, LocalDate date,
                          int historicalYear) {
}
