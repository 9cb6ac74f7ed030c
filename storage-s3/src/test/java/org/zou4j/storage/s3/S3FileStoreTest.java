package org.zou4j.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.zou4j.files.FileStore;
import org.zou4j.files.FileStore.Bucket;
import org.zou4j.files.FileStoreContractTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@link FileStoreContractTest} on {@link S3FileStore} against a real S3-compatible server: Adobe's S3Mock
 * ({@code target/s3mock/s3mock-exec.jar}, copied by the build from Maven Central) started as a separate process, or the
 * server named by {@code ZOU_TEST_S3_ENDPOINT} (with {@code ZOU_TEST_S3_ACCESS_KEY}/{@code ZOU_TEST_S3_SECRET_KEY}).
 * Skipped, with the reason printed, when neither can be had. Also checks Zou's S3 layout (bucket
 * {@code <prefix>files}, key {@code working-<id>}) with a plain S3 client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3FileStoreTest extends FileStoreContractTest {
    private Process server;
    private Path storeRoot;
    private URI endpoint;
    private String accessKey = "zou4j";
    private String secretKey = "zou4j-secret";
    private S3FileStore store;
    private final String prefix = "zt" + UUID.randomUUID().toString().substring(0, 6) + "-";

    @BeforeAll
    void startServer() throws Exception {
        String external = System.getenv("ZOU_TEST_S3_ENDPOINT");
        if (external != null && !external.isBlank()) {
            endpoint = URI.create(external);
            accessKey = System.getenv().getOrDefault("ZOU_TEST_S3_ACCESS_KEY", accessKey);
            secretKey = System.getenv().getOrDefault("ZOU_TEST_S3_SECRET_KEY", secretKey);
        } else {
            Path jar = Path.of("target", "s3mock", "s3mock-exec.jar");
            if (!Files.isRegularFile(jar)) {
                skip("no S3-compatible server: " + jar.toAbsolutePath() + " is missing (set ZOU_TEST_S3_ENDPOINT)");
            }
            int httpPort = freePort();
            int httpsPort = freePort();
            storeRoot = Files.createTempDirectory("zou4j-s3mock-");
            Path log = storeRoot.resolveSibling(storeRoot.getFileName() + ".log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            server = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar",
                    jar.toAbsolutePath().toString(),
                    "--server.port=" + httpsPort,
                    "--com.adobe.testing.s3mock.http-port=" + httpPort,
                    "--com.adobe.testing.s3mock.store.root=" + storeRoot,
                    "--com.adobe.testing.s3mock.store.retain-files-on-exit=false",
                    "--spring.main.banner-mode=off"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            endpoint = URI.create("http://127.0.0.1:" + httpPort);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!answers(endpoint)) {
                if (!server.isAlive()) {
                    skip("S3Mock did not start (exit " + server.exitValue() + "), see " + log);
                }
                if (System.nanoTime() > deadline) {
                    server.destroyForcibly();
                    skip("S3Mock did not answer within 2 minutes, see " + log);
                }
                Thread.sleep(250);
            }
        }
        store = S3FileStore.fromEnvironment(Map.of("FS_S3_ENDPOINT", endpoint.toString(),
                "FS_S3_REGION", "us-east-1", "FS_S3_ACCESS_KEY", accessKey, "FS_S3_SECRET_KEY", secretKey,
                "FS_BUCKET_PREFIX", prefix, "FS_S3_CREATE_BUCKET", "true"));
    }

    private static void skip(String reason) {
        System.out.println("S3FileStoreTest skipped: " + reason);
        Assumptions.abort(reason);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean answers(URI endpoint) {
        try {
            HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code > 0;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterAll
    void stopServer() throws Exception {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        if (storeRoot != null && Files.exists(storeRoot)) {
            try (var paths = Files.walk(storeRoot)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    protected FileStore store() {
        return store;
    }

    @Test
    void keepsZouS3LayoutBucketPerKindAndPrefixDashIdKeys() throws IOException {
        String id = UUID.randomUUID().toString();
        store.put(Bucket.FILES, "working", id, "bytes".getBytes(StandardCharsets.UTF_8));
        assertThat(store.bucketName(Bucket.FILES)).isEqualTo(prefix + "files");
        try (S3Client plain = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.US_EAST_1).endpointOverride(endpoint).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey,
                        secretKey))).build()) {
            byte[] raw = plain.getObjectAsBytes(r -> r.bucket(prefix + "files").key("working-" + id)).asByteArray();
            assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo("bytes");
        }
    }
}
