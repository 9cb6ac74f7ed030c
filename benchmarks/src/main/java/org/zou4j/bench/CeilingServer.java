package org.zou4j.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.zou4j.http.transport.HttpResponse;
import org.zou4j.http.transport.HttpServerConfig;
import org.zou4j.http.transport.HttpTransport;

/**
 * The HTTP ceiling: the server's own transport (NanoHTTPD and our connection handling, same settings as
 * {@code ZouHttpServer}) answering every request with a fixed small JSON body. Args: {@code --port N}.
 */
public final class CeilingServer {
    static final byte[] BODY = "{\"api\":\"Zou\",\"version\":\"1.0.67\"}".getBytes(StandardCharsets.UTF_8);

    private CeilingServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 0;
        HttpTransport transport = new HttpTransport(HttpServerConfig.builder().port(port).build(),
                request -> HttpResponse.json(200, BODY)).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            transport.close();
            stopped.countDown();
        }));
        System.out.println("ceiling listening on http://127.0.0.1:" + transport.port());
        System.out.flush();
        stopped.await();
    }
}
