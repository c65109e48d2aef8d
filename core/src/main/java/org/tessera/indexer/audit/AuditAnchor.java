package org.tessera.indexer.audit;

import java.nio.file.Path;
import org.tessera.indexer.config.SettingsSource;
import org.tessera.indexer.opensearch.OpenSearchSettings;

/**
 * What ties the audit chain to the world outside OpenSearch: the {@link AuditKey} every record is
 * sealed with and the {@link AuditCheckpoint} that remembers the chain's head (docs/adr/0004).
 *
 * <p>Settings: {@code tessera.audit.key} (the secret itself, at least 32 characters) or
 * {@code tessera.audit.key-file} (default {@code ~/.tessera/audit/audit.key}, or
 * {@code /var/lib/tessera/audit/audit.key} for root), and {@code tessera.audit.checkpoint-file}
 * (default beside the key file: {@code audit.checkpoint} for the default index prefix,
 * {@code audit-PREFIX.checkpoint} for another, so that two sets of indices sharing a key directory
 * never anchor their chains in one file).
 */
public record AuditAnchor(AuditKey key, AuditCheckpoint checkpoint) {

    /** For a writer (the portal): the key file is created when there is none. */
    public static AuditAnchor forWriter(SettingsSource settings) {
        return from(settings, true);
    }

    /** For the verifier: a missing key is an error, never a fresh key that would call every record forged. */
    public static AuditAnchor forVerifier(SettingsSource settings) {
        return from(settings, false);
    }

    private static AuditAnchor from(SettingsSource settings, boolean create) {
        Path keyFile = settings.get("tessera.audit.key-file").map(Path::of).orElseGet(() -> defaultDirectory().resolve("audit.key"));
        AuditKey key = settings.get("tessera.audit.key").map(AuditKey::of)
                .orElseGet(() -> create ? AuditKey.loadOrCreate(keyFile) : AuditKey.load(keyFile));
        Path checkpoint = settings.get("tessera.audit.checkpoint-file").map(Path::of)
                .orElseGet(() -> keyFile.toAbsolutePath().resolveSibling(defaultCheckpointName(settings)));
        return new AuditAnchor(key, new AuditCheckpoint(checkpoint, key));
    }

    /** The checkpoint's file name beside the key: one per index prefix (the chain lives in that prefix's audit index). */
    static String defaultCheckpointName(SettingsSource settings) {
        String prefix = settings.get("tessera.opensearch.index-prefix", OpenSearchSettings.DEFAULT_INDEX_PREFIX);
        return prefix.equals(OpenSearchSettings.DEFAULT_INDEX_PREFIX) ? "audit.checkpoint" : "audit-" + prefix + ".checkpoint";
    }

    /** Where the key and checkpoint live by default: beside the embedded server's home, never inside it. */
    public static Path defaultDirectory() {
        return OpenSearchSettings.defaultHome().toAbsolutePath().getParent().resolve("audit");
    }
}
