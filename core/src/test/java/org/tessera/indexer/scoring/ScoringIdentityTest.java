package org.tessera.indexer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The scorer's output, bit for bit, on a generated population scored from an {@link EventLedger}:
 * every child's score, earlier score, velocity, band and contributions at three dates, as a SHA-256
 * recorded before the scorer's work was shared between the two scores of an assessment and
 * histories were merged from runs in order. A change meant to be only faster must leave it equal;
 * a change to the model changes it on purpose, and the digest with it.
 *
 * <p>Digest history: 9a517872... -> 1c4c4429... (issue #20) when {@link Contribution} gained
 * {@code contextFactor}: this population's hits carry no context labels, so every factor is 1.0 and
 * every score is unchanged; the digest of the lines with ", contextFactor=1.0" removed was checked
 * to still be 9a517872....
 */
class ScoringIdentityTest {

    private static final String DIGEST = "1c4c4429e05aa9132a64e2eddb01a85612bd91405b617fa3ddca01344bb80dd2";

    @Test
    void assessmentsFromTheLedgerAreUnchanged() throws Exception {
        List<ObjectNode> docs = ScoringBenchmark.generate(3_000, new Random(42));
        ScoringParameters parameters = ScoringParameters.defaults();
        RiskScorer scorer = new RiskScorer(parameters, Map.of());
        EventLedger ledger = new EventLedger(parameters);
        docs.forEach(ledger::record);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int assessed = 0;
        LocalDate end = LocalDate.parse("2025-12-31");
        // the third date ages the population's events past the limit at one of an assessment's two days
        for (LocalDate asOf : List.of(end, LocalDate.parse("2025-06-14"), end.plusDays(parameters.maxAgeDays() - 200))) {
            TreeSet<String> children = new TreeSet<>(ledger.childrenReachedBetween(asOf.minusDays(parameters.maxAgeDays()), asOf));
            for (var entry : new TreeMap<>(ledger.load(children, asOf)).entrySet()) {
                RiskAssessment a = scorer.assess(entry.getValue(), asOf);
                RiskScore now = a.now();
                String line = entry.getKey() + '|' + Double.doubleToLongBits(now.score()) + '|' + Double.doubleToLongBits(a.earlier())
                        + '|' + Double.doubleToLongBits(a.velocity()) + '|' + now.band() + '|' + new TreeSet<>(now.agencies()) + '|'
                        + new TreeMap<>(now.concernPoints()) + '|' + now.breadthMultiplier() + '|' + now.contributions() + '\n';
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                assessed++;
            }
        }
        assertThat(assessed).isGreaterThan(2_000);
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(DIGEST);
    }
}
