package org.zou4j.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.zou4j.Entry;
import org.zou4j.Session;
import org.zou4j.ZouEngine;
import org.zou4j.ZouException;
import org.zou4j.contract.ContractBase;
import org.zou4j.storage.postgres.PostgresStorage;

/**
 * Child process of {@link MultiInstanceTest}: one engine instance on the shared database. Prints {@code ready}, waits
 * for {@code go} on stdin, then writes from several threads and prints one line per outcome:
 * {@code ack <id>} for each created row, {@code won <name>} / {@code lost <name> <code>} for each raced unique name,
 * {@code tick <n>} for each time spent added; then {@code done}.
 *
 * <p>Arguments: JDBC URL, instance name, rows per thread, task id (or "-"), person id (or "-"), race names...
 */
public final class MultiInstanceWriter {
    private static final int THREADS = 4;

    private MultiInstanceWriter() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String instance = args[1];
        int perThread = Integer.parseInt(args[2]);
        String taskId = args[3];
        String personId = args[4];
        List<String> raceNames = List.of(args).subList(5, args.length);
        try (ZouEngine engine = ZouEngine.builder().storage(PostgresStorage.builder(url).maximumPoolSize(THREADS + 1)
                .applicationName("zou4j-" + instance).build()).secretKey(ContractBase.SECRET).build()) {
            Session admin = engine.systemSession();
            say("ready");
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Entry e = admin.data("custom-actions").create(Map.of("name", instance + "-" + thread + "-" + i,
                                "url", "multi-instance"));
                        say("ack " + e.id());
                    }
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                for (String name : raceNames) {
                    try {
                        admin.data("departments").create(Map.of("name", name, "color", "#000000"));
                        say("won " + name);
                    } catch (ZouException e) {
                        say("lost " + name + " " + e.code());
                    }
                }
                return null;
            }));
            if (!taskId.equals("-")) {
                futures.add(pool.submit(() -> {
                    for (int d = 1; d <= 20; d++) {
                        admin.data("time-spents").create(Map.of("task_id", taskId, "person_id", personId,
                                "date", (instance.equals("A") ? "2024-03-" : "2024-04-") + (d < 10 ? "0" + d : d),
                                "duration", 1.5));
                        say("tick " + d);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            say("done");
        }
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
