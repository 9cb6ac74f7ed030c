package org.zou4j.bench;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.zou4j.ZouEngine;
import org.zou4j.http.transport.HttpServerConfig;
import org.zou4j.http.transport.HttpTransport;
import org.zou4j.storage.h2.H2Storage;

/**
 * Separate-JVM stand-in for {@code ./zou4j serve} while auth has not landed: the same engine on the same database
 * and the same transport, serving {@link BenchRoutes}. Args: {@code --data-dir DIR --port N}.
 */
public final class NoAuthServer {
    private NoAuthServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = null;
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dir = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        ZouEngine engine = ZouEngine.builder().storage(H2Storage.file(dir)).secretKey(BenchData.SECRET).build();
        HttpTransport transport = new HttpTransport(HttpServerConfig.builder().port(port).build(),
                new BenchRoutes(engine)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            transport.close();
            engine.close();
            stopped.countDown();
        }));
        System.out.println("zou4j (bench, no auth) listening on http://127.0.0.1:" + transport.port());
        System.out.flush();
        stopped.await();
    }
}
