package org.tessera.indexer.extraction.tika;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.tessera.indexer.extraction.ExtractionOutcome.Quarantined;
import org.tessera.indexer.extraction.ExtractionOutcome.Reason;

/**
 * Looks inside a file whose name says it is a zip-based office document (DOCX, XLSX, PPTX, ODT,
 * ODS, ODP) before Tika parses it, from the archive's directory alone: an archive with encrypted
 * entries, one whose entries declare far more bytes than the file holds, or one that lacks the
 * part its type requires (a plain zip renamed {@code .odt}) is quarantined with that reason.
 * Without this Tika reports all three as "corrupt", or parses the renamed zip as an empty
 * document. Pure; thread-safe.
 */
final class ZipContainerCheck {

    /** The entry each type must have. */
    private static final Map<String, String> REQUIRED = Map.of(
            "docx", "[Content_Types].xml", "xlsx", "[Content_Types].xml", "pptx", "[Content_Types].xml",
            "odt", "mimetype", "ods", "mimetype", "odp", "mimetype");

    private ZipContainerCheck() {
    }

    static Optional<Quarantined> check(Path file, String name, long size, long maxCompressionRatio) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String required = REQUIRED.get(extension);
        if (required == null) {
            return Optional.empty();
        }
        boolean encrypted = false;
        boolean hasRequired = false;
        long declared = 0;
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                encrypted |= entry.getGeneralPurposeBit().usesEncryption();
                hasRequired |= entry.getName().equals(required);
                if (entry.getSize() > 0) {
                    declared = declared > Long.MAX_VALUE - entry.getSize() ? Long.MAX_VALUE : declared + entry.getSize();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a zip at all (an old binary format renamed, or damaged): Tika decides
            return Optional.empty();
        }
        String as = "named ." + extension;
        if (encrypted) {
            return Optional.of(new Quarantined(name, Reason.ENCRYPTED, "a zip archive with password-protected entries, " + as));
        }
        if (size > 0 && declared / size > maxCompressionRatio) {
            return Optional.of(new Quarantined(name, Reason.ZIP_BOMB, String.format(Locale.ROOT,
                    "a zip archive whose entries expand to %,d bytes from %,d (over %d times), %s", declared, size, maxCompressionRatio, as)));
        }
        if (!hasRequired) {
            return Optional.of(new Quarantined(name, Reason.WRONG_TYPE, "a zip archive without the '" + required
                    + "' every ." + extension + " has, " + as));
        }
        return Optional.empty();
    }
}
