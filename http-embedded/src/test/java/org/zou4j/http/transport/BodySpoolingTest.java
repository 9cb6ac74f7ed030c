package org.zou4j.http.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large bodies go to an owner-only spool file, not the heap: the handler reads them as streams (whole or a slice),
 * the file is gone once the response is sent or the client gave up, files a killed process left are swept at start,
 * and multipart bodies get their own (larger) limit.
 */
class BodySpoolingTest extends TransportTestBase {

    /** Answers the body's size and SHA-256 and a 5-byte slice from offset 10; records the spool files seen. */
    private static RequestHandler digesting(Path spool, AtomicReference<List<Path>> seen) {
        return r -> {
            seen.set(files(spool));
            try (InputStream in = r.bodyStream(); InputStream slice = r.bodyStream(10, 5)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                }
                return HttpResponse.json(200, "{\"size\":" + r.bodySize() + ",\"sha\":\""
                        + HexFormat.of().formatHex(sha.digest()) + "\",\"slice\":\""
                        + new String(slice.readAllBytes(), StandardCharsets.ISO_8859_1) + "\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(int size) {
        byte[] b = new byte[size];
        new Random(7).nextBytes(b);
        System.arraycopy("0123456789ABCDEFGHIJ".getBytes(StandardCharsets.ISO_8859_1), 0, b, 0, 20);
        return b;
    }

    /** The connection deletes the spool file right after sending the response: allow it a moment. */
    private static void awaitEmpty(Path dir) throws InterruptedException {
        for (int i = 0; i < 200 && !files(dir).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(files(dir)).as("spool files left").isEmpty();
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void aBodyAboveTheThresholdIsSpooledOwnerOnlyReadAsAStreamAndDeletedAfterTheResponse(@TempDir Path tmp)
            throws Exception {
        Path spool = tmp.resolve("spool");
        AtomicReference<List<Path>> seen = new AtomicReference<>();
        HttpTransport transport = start(b -> b.spoolDirectory(spool).spoolThreshold(64 * 1024),
                r -> {
                    List<Path> now = files(spool);
                    if (!now.isEmpty()) {
                        try {
                            assertThat(Files.getPosixFilePermissions(now.get(0))).containsExactlyInAnyOrder(
                                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return digesting(spool, seen).handle(r);
                });
        byte[] data = body(3 * 1024 * 1024);
        RawHttp raw = raw(transport);
        raw.send(("POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: " + data.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        raw.send(data);
        assertThat(raw.read().bodyText()).isEqualTo("{\"size\":" + data.length + ",\"sha\":\"" + sha(data)
                + "\",\"slice\":\"ABCDE\"}");
        assertThat(seen.get()).as("spooled while the handler ran").hasSize(1);
        awaitEmpty(spool);

        // chunked: memory first, then the file once past the threshold
        StringBuilder head = new StringBuilder("POST /up HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n");
        raw.send(head.toString());
        for (int off = 0; off < data.length; off += 100_000) {
            int n = Math.min(100_000, data.length - off);
            raw.send((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            raw.send(java.util.Arrays.copyOfRange(data, off, off + n));
            raw.send("\r\n");
        }
        raw.send("0\r\n\r\n");
        assertThat(raw.read().bodyText()).contains("\"sha\":\"" + sha(data) + "\"");
        assertThat(seen.get()).hasSize(1);
        awaitEmpty(spool);

        // a small body stays in memory
        raw.send("POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 20\r\n\r\n0123456789ABCDEFGHIJ");
        assertThat(raw.read().bodyText()).contains("\"size\":20").contains("\"slice\":\"ABCDE\"");
        assertThat(seen.get()).isEmpty();
    }

    @Test
    void aBodyTheClientAbandonsLeavesNoSpoolFile(@TempDir Path tmp) throws Exception {
        Path spool = tmp.resolve("spool");
        HttpTransport transport = start(b -> b.spoolDirectory(spool).spoolThreshold(1024),
                r -> HttpResponse.json(200, "{}"));
        try (RawHttp raw = new RawHttp(transport.port())) {
            raw.send("POST /up HTTP/1.1\r\nHost: test\r\nContent-Length: 10000000\r\n\r\n");
            raw.send(new byte[500_000]);
            for (int i = 0; i < 200 && files(spool).isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertThat(files(spool)).hasSize(1);
        }
        awaitEmpty(spool);
    }

    @Test
    void spoolFilesOfAKilledProcessAreSweptAtStartOthersAreKept(@TempDir Path tmp) throws Exception {
        Path spool = Files.createDirectories(tmp.resolve("spool"));
        Path stale = Files.write(spool.resolve("body-123.tmp"), new byte[10]);
        Path other = Files.write(spool.resolve("notes.txt"), new byte[1]);
        start(b -> b.spoolDirectory(spool), r -> HttpResponse.json(200, "{}"));
        assertThat(stale).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void multipartBodiesHaveTheUploadLimitOthersTheBodyLimit() throws Exception {
        HttpTransport transport = start(b -> b.maxBodySize(1024).maxUploadSize(8192).spoolThreshold(512),
                r -> HttpResponse.json(200, "{\"length\":" + r.bodySize() + "}"));
        String multipart = "Content-Type: multipart/form-data; boundary=x\r\n";
        RawHttp raw = raw(transport);
        raw.send("POST /up HTTP/1.1\r\nHost: test\r\n" + multipart + "Content-Length: 4096\r\n\r\n" + "z".repeat(4096));
        assertThat(raw.read().bodyText()).isEqualTo("{\"length\":4096}");
        raw.send("POST /up HTTP/1.1\r\nHost: test\r\n" + multipart + "Content-Length: 9000\r\n\r\n");
        RawHttp.Response tooLarge = raw.read();
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.bodyText()).isEqualTo(
                "{\"error\":true,\"message\":\"The data value transmitted exceeds the capacity limit.\"}");
        RawHttp json = raw(transport);
        json.send("POST /up HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n");
        assertThat(json.read().status()).isEqualTo(413);
        RawHttp chunked = raw(transport);
        chunked.send("POST /up HTTP/1.1\r\nHost: test\r\n" + multipart + "Transfer-Encoding: chunked\r\n\r\n"
                + "1000\r\n" + "z".repeat(4096) + "\r\n1000\r\n" + "z".repeat(4096) + "\r\n1\r\nz\r\n0\r\n\r\n");
        assertThat(chunked.read().status()).isEqualTo(413);
    }
}
