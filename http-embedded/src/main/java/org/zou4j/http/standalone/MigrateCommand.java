package org.zou4j.http.standalone;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.zou4j.storage.StorageCopy;
import org.zou4j.storage.h2.H2Storage;
import org.zou4j.storage.postgres.PostgresStorage;

/**
 * {@code ./zou4j migrate-h2-to-postgres --data-dir DIR --db-url URL [--replace]}: copies the standalone server's H2
 * database into a PostgreSQL database (migrated here if new), then compares the row counts of every table. The
 * server must be stopped (H2 refuses a second process anyway). Exit status 0 when every count matches.
 */
public final class MigrateCommand {
    static final String USAGE = """
            usage: ./zou4j migrate-h2-to-postgres --db-url JDBC_URL [--data-dir DIR] [--replace]
              --db-url URL     jdbc:postgresql://host:port/database (user and password from the URL or
                               ZOU_DB_USER / ZOU_DB_PASSWORD); the database must exist and should be empty
              --data-dir DIR   the stopped standalone server's data directory (default ./zou-data)
              --replace        delete the rows the PostgreSQL database already holds first""";

    private MigrateCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.getenv(), System.out, System.err);
        System.exit(status);
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Path dataDir = Path.of("zou-data");
        String dbUrl = null;
        boolean replace = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data-dir" -> {
                    if (value == null) {
                        return usage(err, "--data-dir needs a value");
                    }
                    dataDir = Path.of(value);
                    i++;
                }
                case "--db-url" -> {
                    if (value == null) {
                        return usage(err, "--db-url needs a value");
                    }
                    dbUrl = value;
                    i++;
                }
                case "--replace" -> replace = true;
                case "-h", "--help" -> {
                    err.println(USAGE);
                    return 0;
                }
                default -> {
                    return usage(err, "unknown option: " + args[i]);
                }
            }
        }
        if (dbUrl == null) {
            return usage(err, "--db-url is required");
        }
        if (!Files.isRegularFile(dataDir.resolve("zou4j.mv.db"))) {
            err.println("zou4j: no H2 database in " + dataDir.toAbsolutePath() + " (expected zou4j.mv.db)");
            return 1;
        }
        StorageCopy.Result result;
        try (H2Storage source = H2Storage.file(dataDir);
                PostgresStorage target = PostgresStorage.fromEnvironment(dbUrl, env)) {
            out.println("copying " + source.description() + " to " + target.description());
            result = StorageCopy.copy(source, target, replace, out::println);
        } catch (RuntimeException e) {
            err.println("zou4j: migration failed: " + e.getMessage());
            return 1;
        }
        if (!result.verified()) {
            for (StorageCopy.TableCount t : result.mismatches()) {
                err.printf("zou4j: %s has %d rows in H2 but %d in PostgreSQL%n", t.table(), t.source(), t.target());
            }
            return 1;
        }
        out.printf("verified: the %d tables hold the same row counts (%,d rows) in both databases (%d ms)%n",
                result.tables().size(), result.rows(), result.took().toMillis());
        out.println("next: start every instance with --db-url and the same ZOU_SECRET_KEY (the standalone server's"
                + " key is in " + dataDir.resolve("secret.key") + " unless ZOU_SECRET_KEY was set)");
        return 0;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("zou4j: " + problem);
        err.println(USAGE);
        return 2;
    }
}
