package org.tessera.indexer.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the OpenSearch distribution from Maven Central as a single loopback node: unpacks it once
 * under {@code home}, writes its configuration, starts it as a daemon, waits for a healthy cluster
 * and stops it again. A server already answering on the port is reused; a pid file left by a
 * crashed server is recovered from. When this JVM runs as root the server runs as an unprivileged
 * system user, because OpenSearch refuses root.
 *
 * <p>Start and stop serialise on a file lock in {@code home}, so two launchers (say the CLI and a
 * test run) never start two servers. Instances are thread-safe.
 */
public final class EmbeddedOpenSearch {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedOpenSearch.class);
    private static final String CLUSTER_NAME = "tessera";

    private final EmbeddedProperties properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = EngineJson.MAPPER;

    private final boolean preflight;

    public EmbeddedOpenSearch(EmbeddedProperties properties) {
        this(properties, true);
    }

    /** @param preflight check that the ports are free before launching (off only to test the server's own failure) */
    EmbeddedOpenSearch(EmbeddedProperties properties, boolean preflight) {
        this.properties = properties;
        this.preflight = preflight;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + properties.httpPort());
    }

    public Path home() {
        return properties.home();
    }

    /** Starts the server unless one already answers; returns its status once the cluster is healthy. */
    public EngineStatus start() {
        EngineStatus current = status();
        if (current.running()) {
            log.info("OpenSearch already running at {} (pid {}), reusing it", current.url(), current.pid());
            return current;
        }
        try {
            Files.createDirectories(properties.home());
            try (FileChannel channel = FileChannel.open(properties.home().resolve("launcher.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                current = status();
                if (current.running()) {
                    return current;
                }
                recoverStalePid();
                checkPortsFree();
                Path distribution = unpack();
                writeConfiguration(distribution);
                StartFailure.Marks marks = StartFailure.Marks.of(logFiles());
                launch(distribution, marks);
                return awaitHealthy(marks);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded OpenSearch in " + properties.home(), e);
        }
    }

    /**
     * Deletes the stopped server's data (every index), for disposable servers such as the test
     * server, whose leftovers from aborted runs would otherwise pile up shards across builds.
     */
    public void deleteData() {
        if (status().running()) {
            throw new IllegalStateException("will not delete the data of a running server at " + url());
        }
        try {
            deleteRecursively(properties.home().resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + properties.home().resolve("data"), e);
        }
    }

    /** Stops the server this home runs (found by pid file or by asking the node); true if one was stopped. */
    public boolean stop() {
        Optional<ProcessHandle> process = serverProcess();
        if (process.isEmpty()) {
            deletePidFile();
            return false;
        }
        ProcessHandle handle = process.get();
        log.info("Stopping OpenSearch (pid {})", handle.pid());
        handle.destroy();
        try {
            handle.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("OpenSearch did not stop within 60 s; killing pid {}", handle.pid());
            handle.destroyForcibly();
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                throw new IllegalStateException("could not stop OpenSearch pid " + handle.pid());
            }
        }
        deletePidFile();
        return true;
    }

    /** What answers on the configured port now; never throws for a server that is down. */
    public EngineStatus status() {
        String url = url().toString();
        Optional<JsonNode> health = getJson("/_cluster/health");
        if (health.isEmpty()) {
            return EngineStatus.stopped(url);
        }
        Optional<JsonNode> nodes = getJson("/_nodes/_local/plugins,process");
        List<String> modules = new ArrayList<>();
        String version = null;
        long pid = -1;
        if (nodes.isPresent()) {
            for (JsonNode node : nodes.get().path("nodes")) {
                version = node.path("version").asText(null);
                pid = node.path("process").path("id").asLong(-1);
                TreeSet<String> names = new TreeSet<>();
                node.path("modules").forEach(m -> names.add(m.path("name").asText()));
                node.path("plugins").forEach(m -> names.add(m.path("name").asText()));
                modules.addAll(names);
            }
        }
        return new EngineStatus(true, pid, version, health.get().path("status").asText(null), modules, url);
    }

    private Optional<ProcessHandle> serverProcess() {
        EngineStatus status = status();
        if (status.running() && status.pid() > 0) {
            return ProcessHandle.of(status.pid());
        }
        return readPid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    private void recoverStalePid() {
        Optional<Long> pid = readPid();
        if (pid.isPresent() && ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
            // A live process that does not answer is a server still starting or wedged; give it
            // the start timeout, then replace it.
            log.info("OpenSearch pid {} is alive but not answering yet; waiting", pid.get());
            try {
                awaitHealthy(StartFailure.Marks.of(logFiles()));
                return;
            } catch (IllegalStateException e) {
                ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        if (pid.isPresent()) {
            log.info("Removing stale OpenSearch pid file (pid {} is gone)", pid.get());
        }
        deletePidFile();
    }

    private Optional<Long> readPid() {
        Path pidFile = pidFile();
        try {
            if (Files.isRegularFile(pidFile)) {
                String text = Files.readString(pidFile).trim();
                return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("Unreadable pid file {}: {}", pidFile, e.getMessage());
        }
        return Optional.empty();
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", pidFile(), e.getMessage());
        }
    }

    private Path pidFile() {
        return properties.home().resolve("run").resolve("opensearch.pid");
    }

    /** Unpacks the distribution once; a half-finished unpack (crash) is detected by the missing marker and redone. */
    Path unpack() throws IOException {
        Path target = properties.home().resolve("opensearch-" + EmbeddedProperties.OPENSEARCH_VERSION);
        Path marker = target.resolve(".tessera-unpacked");
        if (Files.exists(marker)) {
            return target;
        }
        Path zip = locateDistribution();
        log.info("Unpacking {} into {}", zip, properties.home());
        Path staging = Files.createTempDirectory(properties.home(), "unpack-");
        try (InputStream in = Files.newInputStream(zip); ZipInputStream zin = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zin.getNextEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("zip entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(zin, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path unpackedRoot;
        try (Stream<Path> children = Files.list(staging)) {
            List<Path> roots = children.toList();
            if (roots.size() != 1) {
                throw new IOException("unexpected distribution layout in " + zip);
            }
            unpackedRoot = roots.getFirst();
        }
        // Zip entries lose their execute bits; the launch scripts and native tools need them back.
        for (String dir : List.of("bin", "jdk/bin", "lib/tools")) {
            Path binaries = unpackedRoot.resolve(dir);
            if (Files.isDirectory(binaries)) {
                try (Stream<Path> files = Files.walk(binaries)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
        }
        deleteRecursively(target);
        Files.move(unpackedRoot, target);
        deleteRecursively(staging);
        Files.writeString(marker, Instant.now().toString());
        return target;
    }

    private Path locateDistribution() {
        List<Path> candidates = new ArrayList<>();
        if (properties.distribution() != null) {
            candidates.add(properties.distribution());
        }
        String repo = System.getProperty("tessera.repo");
        if (repo != null) {
            candidates.add(Path.of(repo, "core", "target", "opensearch", "opensearch.zip"));
        }
        candidates.add(Path.of("target", "opensearch", "opensearch.zip"));
        candidates.add(Path.of("core", "target", "opensearch", "opensearch.zip"));
        candidates.add(Path.of("..", "core", "target", "opensearch", "opensearch.zip"));
        String v = EmbeddedProperties.OPENSEARCH_VERSION;
        candidates.add(Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "opensearch",
                "distribution", "integ-test-zip", "opensearch", v, "opensearch-" + v + ".zip"));
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "OpenSearch " + v + " distribution not found; looked at " + candidates
                                + ". Run 'mvn -pl core generate-resources' or set tessera.opensearch.embedded.distribution"));
    }

    private void writeConfiguration(Path distribution) throws IOException {
        Path data = properties.home().resolve("data");
        Path logs = properties.home().resolve("logs");
        Files.createDirectories(data);
        Files.createDirectories(logs);
        Files.createDirectories(pidFile().getParent());
        List<String> lines = new ArrayList<>(List.of(
                "# Written by Tessera's launcher at every start; edit tessera.opensearch.* settings instead.",
                "cluster.name: " + CLUSTER_NAME,
                "path.data: " + data.toAbsolutePath(),
                "path.logs: " + logs.toAbsolutePath(),
                "network.host: 127.0.0.1",
                "http.port: " + properties.httpPort(),
                "transport.port: " + properties.transportPort(),
                // Development disks are often fuller than a production node's; never turn indices read-only for it.
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "action.destructive_requires_name: true"));
        lines.addAll(properties.topology().configuration());
        String config = String.join("\n", lines) + "\n";
        Files.writeString(distribution.resolve("config").resolve("opensearch.yml"), config, StandardCharsets.UTF_8);
        String jvmOptions = Files.readString(distribution.resolve("config").resolve("jvm.options"));
        jvmOptions = jvmOptions.replaceAll("(?m)^-Xms\\S+$", "-Xms" + properties.heap())
                .replaceAll("(?m)^-Xmx\\S+$", "-Xmx" + properties.heap());
        Files.writeString(distribution.resolve("config").resolve("jvm.options"), jvmOptions);
    }

    /**
     * Fails at once, naming the port and its setting, when something that is not this server
     * holds the HTTP or transport port (OpenSearch would otherwise start, fail to bind and exit).
     */
    void checkPortsFree() {
        if (!preflight) {
            return;
        }
        if (!portFree(properties.httpPort())) {
            throw new IllegalStateException("cannot start OpenSearch: HTTP port " + properties.httpPort()
                    + " on 127.0.0.1 is in use by a program that is not an OpenSearch server of this home; "
                    + "set tessera.opensearch.embedded.port to a free port");
        }
        if (!portFree(properties.transportPort())) {
            throw new IllegalStateException("cannot start OpenSearch: transport port " + properties.transportPort()
                    + " on 127.0.0.1 is in use by another program; set tessera.opensearch.embedded.transport-port"
                    + " to a free port (default: the HTTP port + 100)");
        }
    }

    /**
     * Whether a server could listen on {@code port}: bound as OpenSearch binds (address reuse on, so
     * connections of a stopped server still in TIME_WAIT do not count), and given a few seconds when
     * taken, for a killed process that is still releasing it.
     */
    static boolean portFree(int port) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
                return true;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The server's own log and the launcher's capture of its console. */
    private List<Path> logFiles() {
        Path logs = properties.home().resolve("logs");
        return List.of(logs.resolve(CLUSTER_NAME + ".log"), logs.resolve("launch.log"));
    }

    private IllegalStateException exitedDuringStart(String what, StartFailure.Marks marks) {
        String reason = StartFailure.read(marks).map(StartFailure::message)
                .orElse("it wrote no reason; see " + properties.home().resolve("logs"));
        return new IllegalStateException("OpenSearch " + what + ": " + reason);
    }

    private void launch(Path distribution, StartFailure.Marks marks) throws IOException {
        List<String> command = new ArrayList<>();
        boolean root = ProcessUser.isRoot();
        if (root) {
            ensureSystemUser(properties.runAsUser());
            run(List.of("chown", "-R", properties.runAsUser() + ":", properties.home().toString()));
            openParents(properties.home());
            command.addAll(List.of("runuser", "-u", properties.runAsUser(), "--"));
        }
        command.addAll(List.of("env", "OPENSEARCH_JAVA_HOME=" + System.getProperty("java.home"),
                "OPENSEARCH_PATH_CONF=" + distribution.resolve("config").toAbsolutePath(),
                distribution.resolve("bin").resolve("opensearch").toAbsolutePath().toString(),
                "-d", "-p", pidFile().toAbsolutePath().toString()));
        log.info("Starting OpenSearch {} on {} (heap {}{})", EmbeddedProperties.OPENSEARCH_VERSION, url(),
                properties.heap(), root ? ", as user " + properties.runAsUser() : "");
        Path launchLog = properties.home().resolve("logs").resolve("launch.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launchLog.toFile()))
                .start();
        try {
            int exit = process.waitFor();
            if (exit != 0) {
                throw exitedDuringStart("exited during start (launcher exit code " + exit + ")", marks);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting OpenSearch", e);
        }
    }

    /**
     * Waits for a green or yellow cluster. The server deletes its pid file when it exits, so a
     * server that dies during start (a port taken, no memory, no permission) is noticed by its
     * process being gone, and reported at once with the reason from its log.
     */
    private EngineStatus awaitHealthy(StartFailure.Marks marks) {
        Instant started = Instant.now();
        Instant deadline = started.plus(properties.startTimeout());
        Long seenPid = null;
        while (Instant.now().isBefore(deadline)) {
            EngineStatus status = status();
            if (status.running() && ("green".equals(status.health()) || "yellow".equals(status.health()))) {
                log.info("OpenSearch {} is {} at {} (pid {})", status.version(), status.health(), status.url(), status.pid());
                return status;
            }
            Optional<Long> pid = readPid();
            if (pid.isPresent()) {
                seenPid = pid.get();
            }
            boolean alive = (seenPid != null && ProcessHandle.of(seenPid).map(ProcessHandle::isAlive).orElse(false))
                    || serverProcessOfThisHome().isPresent();
            // The daemon writes its pid file a moment after the launcher returns: allow it that moment.
            if (!alive && (seenPid != null || Duration.between(started, Instant.now()).toSeconds() >= 5)) {
                throw exitedDuringStart((seenPid == null ? "" : "(pid " + seenPid + ") ") + "exited during start", marks);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
            }
        }
        // The server is alive but not yet healthy: on a busy machine that is usually slowness, not a
        // fault, so the timeout setting comes first and a log line is quoted as a clue, not the cause.
        throw new IllegalStateException("OpenSearch " + (seenPid == null ? "" : "(pid " + seenPid + ") ")
                + "is still starting after " + properties.startTimeout().toSeconds() + " s and did not become healthy: on a busy "
                + "machine raise tessera.opensearch.embedded.start-timeout-seconds (the server keeps starting; run the "
                + "command again)"
                + StartFailure.read(marks).map(f -> "; a line of its log that may say why: " + f.message()).orElse("")
                + "; see " + properties.home().resolve("logs"));
    }

    /** A running OpenSearch JVM started from this home's distribution, found by its command line. */
    private Optional<ProcessHandle> serverProcessOfThisHome() {
        String home = properties.home().toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String cmd = p.info().commandLine().orElse("");
                    return cmd.contains("org.opensearch.bootstrap.OpenSearch") && cmd.contains(home);
                })
                .findFirst();
    }

    private Optional<JsonNode> getJson(String path) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(url().resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode body = json.readTree(response.body());
            return Optional.of(body);
        } catch (ConnectException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void ensureSystemUser(String user) throws IOException {
        if (runQuietly(List.of("id", "-u", user)) == 0) {
            return;
        }
        log.info("Creating system user '{}' to run OpenSearch (it refuses to run as root)", user);
        run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user));
    }

    /** The server user must be able to walk down to its home; only the execute bit is added. */
    private static void openParents(Path home) throws IOException {
        for (Path dir = home.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            var permissions = Files.getPosixFilePermissions(dir);
            if (!permissions.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(dir, permissions);
            }
        }
    }

    private static void run(List<String> command) throws IOException {
        int exit = runQuietly(command);
        if (exit != 0) {
            throw new IOException("command failed (exit " + exit + "): " + String.join(" ", command));
        }
    }

    private static int runQuietly(List<String> command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
