package org.tessera.indexer.cli;

import org.tessera.indexer.synthetic.GeneratorSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GenerateCommandTest {
    @Test
    void presetsNameDemoCountyOrAChildCount() {
        assertThat(GeneratorSettings.childrenForPreset("demo")).isEqualTo(2_000);
        assertThat(GeneratorSettings.childrenForPreset("county")).isEqualTo(150_000);
        assertThat(GeneratorSettings.childrenForPreset("500-children")).isEqualTo(500);
        assertThatThrownBy(() -> GeneratorSettings.childrenForPreset("huge")).hasMessageContaining("huge");
    }

    @Test
    void generateCommandWritesDataAndGroundTruthAndPrintsBenchFigures(@TempDir Path out) {
        StringWriter text = new StringWriter();
        CommandLine cli = new CommandLine(new GenerateCommand());
        cli.setOut(new PrintWriter(text));
        int code = cli.execute("--preset", "80-children", "--seed", "7", "--years", "2", "--end-date", "2025-12-31",
                "--out", out.toString(), "--bench");
        assertThat(code).isZero();
        assertThat(text.toString()).containsPattern("8\\d children").contains("records_per_s=").contains("peak_heap_mib=");
        assertThat(Files.exists(out.resolve("data/education_attendance.csv"))).isTrue();
        assertThat(Files.exists(out.resolve("ground-truth/summary.json"))).isTrue();
        // A second run into the same directory would mix two counties: refused.
        assertThat(cli.execute("--preset", "80-children", "--out", out.toString())).isNotZero();
    }
}
