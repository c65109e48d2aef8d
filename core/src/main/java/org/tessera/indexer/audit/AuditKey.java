package org.tessera.indexer.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that seals the audit chain (HMAC-SHA256). It is held outside OpenSearch (a file on
 * the portal's host, or a setting), so an administrator of the search engine can delete or edit
 * records but cannot compute the hash a genuine record would carry. Immutable and thread-safe.
 */
public final class AuditKey {

    /** At least 32 bytes of secret: the HMAC's own block of strength. */
    static final int MIN_BYTES = 32;

    private final SecretKeySpec secret;

    private AuditKey(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("the audit key must hold at least " + MIN_BYTES + " bytes, had " + secret.length);
        }
        this.secret = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** A key from its text (a setting): at least 32 characters, used as UTF-8 bytes. */
    public static AuditKey of(String text) {
        return new AuditKey(text.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The key in {@code file}; fails with the file's name when it is missing or too short. */
    public static AuditKey load(Path file) {
        try {
            return of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit key " + file + " (tessera.audit.key-file): " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("audit key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key in {@code file}, created first (64 random hex characters, readable by its owner only)
     * when there is none. Only a writer of the trail creates a key; the verifier only loads one.
     */
    public static AuditKey loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            byte[] random = new byte[MIN_BYTES];
            new SecureRandom().nextBytes(random);
            try {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                Files.writeString(file, HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: the directory's own protection applies
                }
            } catch (FileAlreadyExistsException raced) {
                // another writer created it first: use theirs
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the audit key " + file, e);
            }
        }
        return load(file);
    }

    /** HMAC-SHA256 of {@code text} under this key, as 64 hex characters. */
    public String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
