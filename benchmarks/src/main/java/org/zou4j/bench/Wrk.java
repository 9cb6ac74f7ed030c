package org.zou4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} (HTTP/1.1 keep-alive load, loopback, fixed duration) and reads its figures. */
final class Wrk {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET_ERRORS =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** The figures of one run. */
    record Result(double rps, double p50Ms, double p99Ms, long requests, long errors, String output) {
    }

    private Wrk() {
    }

    static String binary() {
        for (String p : List.of("/usr/bin/wrk", "/usr/local/bin/wrk")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /** wrk, installed with apt-get when missing (the bench script also tries); null when unavailable. */
    static String ensureInstalled() {
        String bin = binary();
        if (bin != null) {
            return bin;
        }
        try {
            Process p = new ProcessBuilder("sh", "-c", "apt-get install -y wrk || (apt-get update && apt-get install -y wrk)")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor(300, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            return null;
        }
        return binary();
    }

    static Result run(String bin, int port, Path script, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(bin, "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency", "--timeout", "10s"));
        if (script != null) {
            cmd.add("-s");
            cmd.add(script.toString());
        }
        cmd.add("http://127.0.0.1:" + port + "/");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("wrk failed: " + out);
        }
        return new Result(find(RPS, out), percentile(out, "50%"), percentile(out, "99%"),
                (long) find(REQUESTS, out), errors(out), out);
    }

    private static long errors(String out) {
        long n = 0;
        Matcher m = NON_2XX.matcher(out);
        if (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        m = SOCKET_ERRORS.matcher(out);
        if (m.find()) {
            for (int g = 1; g <= 4; g++) {
                n += Long.parseLong(m.group(g));
            }
        }
        return n;
    }

    private static double find(Pattern p, String out) {
        Matcher m = p.matcher(out);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** A latency percentile line ({@code 99%  12.34ms}) in ms. */
    private static double percentile(String out, String label) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s|m)\\b").matcher(out);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
    }

    /** A Lua script cycling through {@code paths} with GET (each wrk thread starts at a different offset). */
    static Path getScript(Path dir, String name, List<String> paths, String token) throws IOException {
        StringBuilder lua = new StringBuilder();
        lua.append(headers(token));
        lua.append("local paths = {\n");
        for (String p : paths) {
            lua.append("  \"").append(p).append("\",\n");
        }
        lua.append("}\n");
        lua.append("""
                local i = 0
                local counter = 0
                function setup(thread)
                  thread:set("offset", counter * 97)
                  counter = counter + 1
                end
                function init(args)
                  i = offset or 0
                end
                function request()
                  i = i + 1
                  return wrk.format("GET", paths[(i % #paths) + 1], headers)
                end
                """);
        Path f = dir.resolve(name + ".lua");
        Files.writeString(f, lua);
        return f;
    }

    /** A Lua script POSTing {@code bodyFormat} (a Lua format string with %d for thread and %d for sequence). */
    static Path postScript(Path dir, String name, String path, String bodyFormat, String token) throws IOException {
        String lua = headers(token) + "headers[\"Content-Type\"] = \"application/json\"\n" + """
                local n = 0
                local counter = 0
                function setup(thread)
                  thread:set("tid", counter)
                  counter = counter + 1
                end
                function request()
                  n = n + 1
                  return wrk.format("POST", "%s", headers, string.format('%s', tid, n))
                end
                """.formatted(path, bodyFormat);
        Path f = dir.resolve(name + ".lua");
        Files.writeString(f, lua);
        return f;
    }

    private static String headers(String token) {
        return "headers = {}\n" + (token == null ? "" : "headers[\"Authorization\"] = \"Bearer " + token + "\"\n");
    }
}
