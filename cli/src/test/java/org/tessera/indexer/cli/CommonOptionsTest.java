package org.tessera.indexer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A settings file named with {@code --config} that does not exist stops the command with a usage
 * error before any connection is made: a mistyped path used to fall back silently to the default
 * embedded server (its home and port, and the data in it).
 */
class CommonOptionsTest {

    @Test
    void aMissingConfigFileIsAUsageErrorNamingTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("no-such.properties");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TesseraCli());
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("--config", missing.toString(), "opensearch", "status");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--config " + missing + ": no such settings file");
    }

    @Test
    void anExistingConfigFileIsRead(@TempDir Path dir) throws Exception {
        // a port nothing listens on: status reports the server of this file as not running (exit 3), starting nothing
        Path file = Files.writeString(dir.resolve("t.properties"),
                "tessera.opensearch.embedded.port=9399\ntessera.opensearch.embedded.home=" + dir.resolve("os") + "\n");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new TesseraCli()).execute("--config", file.toString(), "opensearch", "status");
        } finally {
            System.setOut(before);
        }
        assertThat(exit).isEqualTo(3);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("not running").contains(":9399");
    }
}
