package org.tessera.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal runs on core only: its runtime class path (as Maven resolves it, written by the build
 * to {@code target/runtime-classpath.txt}, plus the portal's own classes) holds no tooling class
 * (generator, training, benchmarks, evaluation, cluster check) and no command line. The test class
 * path has tools (for PortalBenchIT), so the check loads classes through a loader of the runtime
 * path alone (docs/adr/0008-modules-by-who-runs-them.md).
 */
class PortalClasspathTest {

    private static URLClassLoader runtime;
    private static List<String> entries;

    @BeforeAll
    static void loadTheRuntimeClassPath() throws Exception {
        Path file = Path.of("target", "runtime-classpath.txt");
        assertThat(file).as("written by the build (maven-dependency-plugin build-classpath)").exists();
        entries = new ArrayList<>(List.of(Files.readString(file).strip().split(File.pathSeparator)));
        entries.add(Path.of("target", "classes").toAbsolutePath().toString());
        List<URL> urls = new ArrayList<>();
        for (String entry : entries) {
            urls.add(url(entry));
        }
        runtime = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    @AfterAll
    static void close() throws Exception {
        runtime.close();
    }

    @Test
    void theProductLibraryAndThePortalLoad() throws Exception {
        assertThat(Class.forName("org.tessera.indexer.scoring.RiskScorer", false, runtime)).isNotNull();
        assertThat(Class.forName("org.tessera.indexer.indicators.EventPercolator", false, runtime)).isNotNull();
        assertThat(Class.forName("org.tessera.portal.PortalApplication", false, runtime)).isNotNull();
    }

    @Test
    void noToolingOrCommandLineClassIsOnTheRuntimeClassPath() {
        for (String tool : List.of(
                "org.tessera.indexer.synthetic.CountyGenerator",
                "org.tessera.indexer.nlp.training.NerModelTrainer",
                "org.tessera.indexer.bench.IngestBenchmark",
                "org.tessera.indexer.bench.PortalLoadBenchmark",
                "org.tessera.indexer.evaluation.RiskEvaluation",
                "org.tessera.indexer.indicators.evaluation.ConcernEvaluation",
                "org.tessera.indexer.cluster.ClusterCheck",
                "org.tessera.indexer.cli.TesseraCli")) {
            assertThatThrownBy(() -> Class.forName(tool, false, runtime)).as(tool).isInstanceOf(ClassNotFoundException.class);
        }
    }

    @Test
    void noToolsOrCliArtifactIsOnTheRuntimeClassPath() {
        assertThat(entries).noneMatch(e -> e.contains("tessera-tools") || e.contains("tessera-cli")
                || e.replace('\\', '/').matches(".*/(tools|cli)/target/.*"));
        assertThat(entries).anyMatch(e -> e.contains("tessera-core") || e.replace('\\', '/').matches(".*/core/target/classes"));
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
