package org.tessera.portal.arrivals;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The way in for the day's data ({@code tessera.arrivals.*}, docs/operations.md).
 *
 * @param watchFolder      a drop folder the portal watches; none when unset (the REST endpoint still works)
 * @param settle           how long a file's size and time must stay unchanged before it is read
 * @param pollInterval     how often the drop folder is looked at
 * @param workFolder       where arrivals are staged while applied (emptied after each)
 * @param quarantineFolder where refused arrivals and quarantined rows are kept with their reasons
 * @param maxPayloadBytes  the largest REST payload accepted
 */
@ConfigurationProperties("tessera.arrivals")
public record ArrivalsProperties(Path watchFolder, Duration settle, Duration pollInterval, Path workFolder, Path quarantineFolder,
                                 Long maxPayloadBytes) {

    public ArrivalsProperties {
        settle = settle == null ? Duration.ofSeconds(2) : settle;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        workFolder = workFolder == null ? Path.of(System.getProperty("java.io.tmpdir"), "tessera-arrivals") : workFolder;
        quarantineFolder = quarantineFolder == null ? Path.of(System.getProperty("user.home"), ".tessera", "quarantine") : quarantineFolder;
        maxPayloadBytes = maxPayloadBytes == null ? 50L << 20 : maxPayloadBytes;
        if (settle.isNegative() || pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("tessera.arrivals.settle must not be negative and tessera.arrivals.poll-interval must be positive");
        }
        if (maxPayloadBytes < 1) {
            throw new IllegalArgumentException("tessera.arrivals.max-payload-bytes must be positive");
        }
    }
}
