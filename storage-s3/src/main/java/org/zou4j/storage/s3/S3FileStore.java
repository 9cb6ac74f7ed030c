package org.zou4j.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.zou4j.files.FileStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A {@link FileStore} on an S3-compatible object store (AWS S3, MinIO, Ceph RGW, ...), in Zou's S3 layout
 * ({@code zou/app/stores/file_store.py} with {@code FS_BACKEND=s3}): one bucket per Zou bucket named
 * {@code <FS_BUCKET_PREFIX><pictures|movies|files>}, objects keyed {@code <prefix>-<id>} (e.g.
 * {@code thumbnails-<uuid>}), so a zou4j server and a Zou server can share the same buckets.
 *
 * <p>Writes are atomic as S3 PUTs are: an upload is first spooled to a temporary file (memory stays bounded whatever
 * the size), then sent with its length; a reader sees the previous object or the new one. Thread-safe.
 */
public final class S3FileStore implements FileStore, AutoCloseable {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

    private final S3Client s3;
    private final String bucketPrefix;
    private final boolean createBuckets;
    private final Set<String> readyBuckets = ConcurrentHashMap.newKeySet();

    private S3FileStore(Builder b) {
        S3ClientBuilder cb = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(b.region == null || b.region.isBlank() ? "us-east-1" : b.region))
                // S3-compatible servers do not all know the SDK's newer default checksums
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (b.accessKey != null && b.secretKey != null) {
            cb.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(b.accessKey, b.secretKey)));
        } else {
            cb.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        if (b.endpoint != null) {
            cb.endpointOverride(b.endpoint).forcePathStyle(true);
        }
        this.s3 = cb.build();
        this.bucketPrefix = b.bucketPrefix == null ? "" : b.bucketPrefix;
        this.createBuckets = b.createBuckets;
    }

    /** A builder; every setting is optional (AWS defaults apply to what is not set). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A store configured as Zou configures its S3 backend, from variables named as Zou names them:
     * {@code FS_S3_ENDPOINT}, {@code FS_S3_REGION}, {@code FS_S3_ACCESS_KEY}, {@code FS_S3_SECRET_KEY},
     * {@code FS_BUCKET_PREFIX}, {@code FS_S3_CREATE_BUCKET} ({@code true}/{@code 1} creates missing buckets).
     */
    public static S3FileStore fromEnvironment(Map<String, String> env) {
        Builder b = builder();
        String endpoint = env.get("FS_S3_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            b.endpoint(URI.create(endpoint.trim()));
        }
        b.region(env.get("FS_S3_REGION"));
        String access = env.get("FS_S3_ACCESS_KEY");
        String secret = env.get("FS_S3_SECRET_KEY");
        if (access != null && secret != null) {
            b.credentials(access, secret);
        }
        b.bucketPrefix(env.getOrDefault("FS_BUCKET_PREFIX", ""));
        String create = env.getOrDefault("FS_S3_CREATE_BUCKET", "false").trim().toLowerCase(java.util.Locale.ROOT);
        b.createBuckets(create.equals("true") || create.equals("1") || create.equals("yes"));
        return b.build();
    }

    /** The object-store bucket of a Zou bucket ({@code FS_BUCKET_PREFIX} + its name). */
    public String bucketName(Bucket bucket) {
        return bucketPrefix + bucket.folder();
    }

    /** The object key of {@code prefix}/{@code id}: Zou's {@code make_key}, {@code <prefix>-<id>}. */
    static String key(String prefix, String id) {
        if (!SAFE.matcher(prefix).matches() || !SAFE.matcher(id).matches() || id.startsWith(".")
                || prefix.startsWith(".")) {
            throw new IllegalArgumentException("Unsafe file key: " + prefix + "/" + id);
        }
        return prefix + "-" + id;
    }

    private String bucket(Bucket bucket) {
        String name = bucketName(bucket);
        if (createBuckets && readyBuckets.add(name)) {
            try {
                s3.createBucket(r -> r.bucket(name));
            } catch (BucketAlreadyOwnedByYouException e) {
                // already there
            } catch (S3Exception e) {
                if (e.statusCode() != 409) {
                    readyBuckets.remove(name);
                    throw new UncheckedIOException(new IOException("Cannot create the bucket " + name + ": "
                            + e.getMessage(), e));
                }
            }
        }
        return name;
    }

    @Override
    public void put(Bucket bucket, String prefix, String id, InputStream content) {
        String key = key(prefix, id);
        Path tmp = null;
        try {
            tmp = Files.createTempFile("zou4j-s3-", ".upload");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.transferTo(out);
            }
            String name = bucket(bucket);
            s3.putObject(r -> r.bucket(name).key(key).contentType("application/octet-stream"),
                    RequestBody.fromFile(tmp));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + key, e);
        } catch (S3Exception e) {
            throw new UncheckedIOException(new IOException("Cannot store " + key + ": " + e.getMessage(), e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }

    @Override
    public Optional<StoredFile> open(Bucket bucket, String prefix, String id) {
        String key = key(prefix, id);
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket(bucket)).key(key));
            Long length = in.response().contentLength();
            return Optional.of(new StoredFile(in, length == null ? -1 : length));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new UncheckedIOException(new IOException("Cannot read " + key + ": " + e.getMessage(), e));
        }
    }

    @Override
    public boolean exists(Bucket bucket, String prefix, String id) {
        String key = key(prefix, id);
        try {
            s3.headObject(r -> r.bucket(bucket(bucket)).key(key));
            return true;
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new UncheckedIOException(new IOException("Cannot check " + key + ": " + e.getMessage(), e));
        }
    }

    @Override
    public void delete(Bucket bucket, String prefix, String id) {
        String key = key(prefix, id);
        try {
            s3.deleteObject(r -> r.bucket(bucket(bucket)).key(key));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            // nothing to forget
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw new UncheckedIOException(new IOException("Cannot delete " + key + ": " + e.getMessage(), e));
            }
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    @Override
    public String toString() {
        return "S3FileStore[buckets " + bucketPrefix + "{pictures,movies,files}]";
    }

    /** Settings of an {@link S3FileStore}. */
    public static final class Builder {
        private URI endpoint;
        private String region;
        private String accessKey;
        private String secretKey;
        private String bucketPrefix = "";
        private boolean createBuckets;

        private Builder() {
        }

        /** An S3-compatible endpoint ({@code http://minio:9000}); path-style addressing is then used. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The region ({@code us-east-1} when unset). */
        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** Static credentials (else the AWS default chain: environment, profile, instance role...). */
        public Builder credentials(String accessKey, String secretKey) {
            this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
            this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
            return this;
        }

        /** Zou's {@code FS_BUCKET_PREFIX}: buckets are {@code <prefix>pictures}, {@code <prefix>movies}... */
        public Builder bucketPrefix(String prefix) {
            this.bucketPrefix = prefix == null ? "" : prefix;
            return this;
        }

        /** Zou's {@code FS_S3_CREATE_BUCKET}: create a missing bucket on first use. */
        public Builder createBuckets(boolean create) {
            this.createBuckets = create;
            return this;
        }

        public S3FileStore build() {
            return new S3FileStore(this);
        }
    }
}
