package org.zou4j.http.internal.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zou4j.ZouEngine;
import org.zou4j.http.internal.Call;
import org.zou4j.http.internal.Route;
import org.zou4j.http.transport.HttpResponse;

/**
 * Zou's index routes (zou-auth.md §7): {@code /}, {@code /status}, {@code /status.txt}, {@code /config},
 * {@code /status/influx}, {@code /status/resources}, {@code /status/test-event} (public, as in Zou), {@code /stats}
 * (admins), and the admin blueprint's {@code /admin/config/check}.
 */
public final class IndexRoutes {
    /** The Zou API version this server speaks. */
    public static final String ZOU_VERSION = "1.0.67";

    public List<Route> routes(ZouEngine engine) {
        return List.of(
                Route.of("GET", "/", false, this::index),
                Route.of("GET", "/status", false, this::status),
                Route.of("GET", "/status.txt", false, this::statusText),
                Route.of("GET", "/config", false, this::config),
                Route.of("GET", "/status/influx", false, this::influx),
                Route.of("GET", "/status/resources", false, this::resources),
                Route.of("GET", "/status/test-event", false, this::testEvent),
                Route.of("GET", "/stats", true, call -> call.json().ok(call.engine().mainStats(call.session()))),
                Route.of("GET", "/admin/config/check", false, this::configCheck));
    }

    /** Zou's {@code /status/influx}: the status flags as 0/1 and the time (epoch seconds), for an InfluxDB probe. */
    private HttpResponse influx(Call call) {
        Map<String, Object> body = new LinkedHashMap<>();
        statusBody(call).forEach((k, v) -> {
            if (v instanceof Boolean b) {
                body.put(k, b ? 1 : 0);
            }
        });
        // seconds with milliseconds, written plainly as Python writes its float (1796529277.242, not 1.79E9)
        body.put("time", java.math.BigDecimal.valueOf(System.currentTimeMillis(), 3));
        return call.json().ok(body);
    }

    /**
     * Zou's {@code /status/resources}: the machine's CPU and memory in Zou's field names (psutil's there), from the
     * JVM's view of the operating system; {@code running_jobs} is 0, this server having no job queue. Unlike Zou, it
     * does not block a second to sample the CPU: {@code percent} holds the recent system CPU load, once per CPU.
     */
    private HttpResponse resources(Call call) {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        int cpus = os.getAvailableProcessors();
        double load = os.getSystemLoadAverage();
        double cpuPercent = -1;
        long total = -1;
        long free = -1;
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            cpuPercent = sun.getCpuLoad() * 100.0;
            total = sun.getTotalMemorySize();
            free = sun.getFreeMemorySize();
        }
        Map<String, Object> cpu = new LinkedHashMap<>();
        List<Double> percent = new java.util.ArrayList<>();
        for (int i = 0; i < cpus; i++) {
            percent.add(cpuPercent < 0 ? 0.0 : Math.round(cpuPercent * 10) / 10.0);
        }
        cpu.put("percent", percent);
        Map<String, Object> loadavg = new LinkedHashMap<>();
        // the JVM only knows the one-minute average
        loadavg.put("last 1 min", Math.max(load, 0));
        loadavg.put("last 5 min", Math.max(load, 0));
        loadavg.put("last 10 min", Math.max(load, 0));
        cpu.put("loadavg", loadavg);
        Map<String, Object> memory = new LinkedHashMap<>();
        Runtime rt = Runtime.getRuntime();
        if (total < 0) {
            total = rt.maxMemory();
            free = rt.freeMemory() + (rt.maxMemory() - rt.totalMemory());
        }
        memory.put("total", total);
        memory.put("used", total - free);
        memory.put("available", free);
        memory.put("percent", total <= 0 ? 0.0 : Math.round((total - free) * 1000.0 / total) / 10.0);
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("heap_max", rt.maxMemory());
        jvm.put("heap_used", rt.totalMemory() - rt.freeMemory());
        jvm.put("threads", java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount());
        Map<String, Object> jobs = new LinkedHashMap<>();
        jobs.put("running_jobs", 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", java.time.LocalDateTime.now().toString());
        body.put("cpu", cpu);
        body.put("memory", memory);
        body.put("jobs", jobs);
        body.put("jvm", jvm);
        return call.json().ok(body);
    }

    /** Zou's {@code /status/test-event}: emits {@code main:test} and answers {@code {"success": true}}. */
    private HttpResponse testEvent(Call call) {
        call.engine().emitTestEvent();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        return call.json().ok(body);
    }

    /** Zou's admin blueprint: opened by the static {@code ADMIN_TOKEN} as a bearer token, not by a login. */
    private HttpResponse configCheck(Call call) {
        String header = call.request().header("Authorization").orElse("");
        String token = header.startsWith("Bearer ") ? header.substring(7) : null;
        return call.json().ok(call.engine().configCheck(token));
    }

    private HttpResponse index(Call call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("api", "Zou");
        body.put("version", ZOU_VERSION);
        return call.json().ok(body);
    }

    private Map<String, Object> statusBody(Call call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Zou");
        body.put("version", ZOU_VERSION);
        body.put("database-up", call.engine().isStorageUp());
        body.put("key-value-store-up", true);
        body.put("event-stream-up", true);
        body.put("job-queue-up", true);
        body.put("indexer-up", false);
        return body;
    }

    private HttpResponse status(Call call) {
        return call.json().ok(statusBody(call));
    }

    private HttpResponse statusText(Call call) {
        StringBuilder text = new StringBuilder();
        statusBody(call).forEach((k, v) -> text.append(k).append(": ")
                .append(v instanceof Boolean b ? (b ? "up" : "down") : v).append('\n'));
        return HttpResponse.bytes(200, "text/plain; charset=utf-8",
                text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private HttpResponse config(Call call) {
        return call.json().ok(call.engine().publicConfig());
    }
}
