package org.tessera.indexer.jobs;

/**
 * A row or file set aside with its reason, as recorded on the job.
 *
 * @param file           source file name
 * @param line           1-based line, or 0 for a whole file
 * @param field          the column or field at fault, or null
 * @param reason         what is wrong, for a person to act on
 * @param quarantinePath where the rejected input was copied, or null
 */
public record QuarantineEntry(String file, long line, String field, String reason, String quarantinePath) {
}
