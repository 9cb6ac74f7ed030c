package org.zou4j.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server under test in its own JVM (e.g. {@code ./zou4j serve}): launch, first 200, resident memory, stop. */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final long launchedAt;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, long launchedAt, int port, Path log) {
        this.process = process;
        this.launchedAt = launchedAt;
        this.port = port;
        this.log = log;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code command} (which must listen on {@code port}); output goes to {@code log}. */
    static ServerProcess launch(List<String> command, Map<String, String> env, int port, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        return new ServerProcess(pb.start(), t0, port, log);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Polls {@code GET path} until it answers 200; returns the time since launch in ms.
     *
     * @throws IOException if the process dies or the timeout passes
     */
    double awaitFirst200(String path, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("server exited with " + process.exitValue() + "; see " + log);
            }
            try (MiniHttp http = new MiniHttp("127.0.0.1", port)) {
                if (http.get(path, null, false, false).status() == 200) {
                    return (System.nanoTime() - launchedAt) / 1e6;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IOException("server did not answer 200 on " + path + " within " + timeoutMs + " ms; see " + log);
    }

    /** VmRSS of the process (and of its descendants: the launcher script execs java, so it is one process), in MB. */
    double rssMb() throws IOException {
        double kb = rssKb(process.toHandle().pid());
        for (ProcessHandle h : process.descendants().toList()) {
            kb += rssKb(h.pid());
        }
        return kb / 1024.0;
    }

    private static double rssKb(long pid) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return 0;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Double.parseDouble(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (the server closes cleanly), then SIGKILL after 30 s. */
    @Override
    public void close() {
        for (ProcessHandle h : process.descendants().toList()) {
            h.destroy();
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
