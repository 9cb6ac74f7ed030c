package org.zou4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.flywaydb.core.Flyway;
import org.zou4j.ZouEngine;
import org.zou4j.storage.h2.H2Storage;

/**
 * The benchmark's production, generated deterministically (fixed seeds, fixed clock, seeded UUIDs) with batched JDBC
 * inserts into a database the engine has migrated: the same schema and value shapes the engine writes (UUID ids, UTC
 * timestamps with microseconds, JSON columns as JSON). At scale 1: an asset project of 5,000 assets and 75,000 tasks,
 * a shot project of 2,000 shots (40 sequences) and 40,000 tasks, 109 persons, 35 task types, 8 task statuses, about
 * 140,000 comments and 100,000 time spents.
 *
 * <p>The database is cached under {@code target/bench-data/scale-S/} and reused while the generator version and the
 * engine's migrations are unchanged; each run works on a fresh copy, so writes made by a run never leak into the next.
 */
final class BenchData {
    /** Bump when the generated content changes. */
    static final int GENERATOR_VERSION = 2;
    static final String ADMIN_EMAIL = "admin@bench.zou4j.org";
    static final String ADMIN_PASSWORD = "bench-admin-password";
    /** Artists who can log in (the login burst), with this password; their e-mails are {@code login.N} in the ids. */
    static final int LOGIN_USERS = 16;
    static final String USER_PASSWORD = "bench-user-password";
    static final String SECRET = "zou4j-bench-secret-key-0123456789abcdef";
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 8, 9, 0, 0);
    private static final int BATCH = 1000;

    static final String[] STATUS_NAMES = {"Todo", "Work In Progress", "Waiting For Approval", "Retake", "Done",
        "Ready To Start", "On Hold", "Approved"};
    static final String[] STATUS_SHORT = {"todo", "wip", "wfa", "retake", "done", "ready", "hold", "appr"};
    private static final String[] STATUS_COLORS = {"#f5f5f5", "#3273dc", "#ab26ff", "#ff3860", "#22d160", "#fbc02d",
        "#9e9e9e", "#00bcd4"};
    /** Cumulative distribution of task statuses (done 40%, wip 20%, todo 15%, wfa 10%, retake 5%, ...). */
    private static final double[] STATUS_CDF = {0.15, 0.35, 0.45, 0.50, 0.90, 0.95, 0.97, 1.0};
    private static final String[] ASSET_TASK_TYPES = {"Concept", "Modeling", "Sculpting", "Retopology", "UV",
        "Texturing", "Shading", "Rigging", "Grooming", "Cloth Setup", "Lookdev", "FX Setup", "Blendshapes",
        "Turntable", "Asset Review"};
    private static final String[] SHOT_TASK_TYPES = {"Storyboard", "Animatic", "Layout", "Blocking", "Animation",
        "Facial", "Secondary Animation", "Crowd", "Cloth Sim", "Hair Sim", "FX", "Matte Painting", "Set Dressing",
        "Lighting", "Rendering", "Compositing", "Roto", "Paint", "Color Grading", "Shot Review"};
    private static final String[] ASSET_TYPES = {"Character", "Prop", "Environment", "FX", "Vehicle"};
    private static final String[] DEPARTMENTS = {"Modeling", "Animation", "Lighting", "FX", "Compositing"};
    private static final String[] FIRST = {"Ada", "Bruno", "Chloé", "Dmitri", "Eva", "Farid", "Greta", "Hiro", "Inès",
        "Jonas", "Kofi", "Lena", "Mateo", "Nora", "Oskar", "Paula", "Quentin", "Rosa", "Sven", "Tara"};
    private static final String[] LAST = {"Martin", "Bernard", "Dubois", "Tanaka", "Novak", "Silva", "Kowalski",
        "Rossi", "Müller", "García", "Okafor", "Lindqvist", "Moreau", "Petit", "Nakamura"};
    private static final String[] WORDS = ("the silhouette reads well but the shoulders need more weight please check "
        + "the reference from last review and fix the texture seams on the left arm lighting is too warm in this shot "
        + "keep the rim light push the contrast add motion blur on the fast moves timing feels rushed at frame hold "
        + "longer before the turn great progress approved for next step").split(" ");

    /** Where the database of a scale lives, and its key ids. */
    record Layout(Path dir, double scale, Properties ids) {
        UUID id(String key) {
            return UUID.fromString(ids.getProperty(key));
        }

        int count(String key) {
            return Integer.parseInt(ids.getProperty(key));
        }
    }

    private final Random random = new Random(20240108L);
    private final double scale;

    private BenchData(double scale) {
        this.scale = scale;
    }

    /**
     * The cached database for {@code scale} under {@code root}, generated if missing or stale, copied to a fresh run
     * directory.
     */
    static Layout prepare(Path root, double scale, PrintStream log) throws Exception {
        Path cache = root.resolve("scale-" + scale);
        Path manifest = cache.resolve("manifest.properties");
        Properties ids = new Properties();
        if (Files.exists(manifest)) {
            try (InputStream in = Files.newInputStream(manifest)) {
                ids.load(in);
            }
        }
        String reason = staleness(cache, ids, scale);
        if (reason != null) {
            log.println("bench: generating the data set at scale " + scale + " (" + reason + ")...");
            deleteTree(cache);
            long t0 = System.nanoTime();
            ids = new BenchData(scale).generate(cache, log);
            try (OutputStream out = Files.newOutputStream(manifest)) {
                ids.store(out, "zou4j bench data set");
            }
            log.printf("bench: data set generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        } else {
            log.println("bench: reusing the cached data set " + cache);
        }
        Path run = root.resolve("run-" + scale);
        deleteTree(run);
        Files.createDirectories(run);
        try (Stream<Path> files = Files.list(cache)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(".mv.db")) {
                    Files.copy(f, run.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return new Layout(run, scale, ids);
    }

    /** Why the cache cannot be used, or null when it can. */
    private static String staleness(Path cache, Properties ids, double scale) {
        if (!Files.exists(cache.resolve("zou4j.mv.db")) || ids.isEmpty()) {
            return "no cached data set";
        }
        if (!String.valueOf(GENERATOR_VERSION).equals(ids.getProperty("generator_version"))
                || !String.valueOf(scale).equals(ids.getProperty("scale"))) {
            return "generator changed";
        }
        try (H2Storage storage = H2Storage.file(cache)) {
            Flyway flyway = Flyway.configure(BenchData.class.getClassLoader())
                    .dataSource(storage.dataSource())
                    .locations("classpath:db/migration")
                    .placeholders(storage.migrationPlaceholders())
                    .loggers("slf4j")
                    .load();
            if (flyway.info().pending().length > 0 || !flyway.validateWithResult().validationSuccessful) {
                return "the engine's migrations changed";
            }
        } catch (RuntimeException e) {
            return "cached database unreadable: " + e.getMessage();
        }
        return null;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- generation --------------------------------------------------------------------------------------------------

    private UUID uuid() {
        long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    /** A deterministic UTC timestamp {@code days} after the epoch, with microseconds as the engine writes them. */
    private LocalDateTime at(double days) {
        long micros = (long) (days * 86_400_000_000L) + random.nextInt(1_000_000);
        return EPOCH.plusNanos(micros * 1000);
    }

    private int scaled(int n) {
        return Math.max(1, (int) Math.round(n * scale));
    }

    private String words(int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb.append('.').toString();
    }

    private Properties generate(Path dir, PrintStream log) throws Exception {
        Files.createDirectories(dir);
        Properties ids = new Properties();
        H2Storage storage = H2Storage.file(dir);
        // Building the engine migrates the database: the schema is exactly the engine's.
        try (ZouEngine engine = ZouEngine.builder().storage(storage).secretKey(SECRET).build();
             Connection c = storage.dataSource().getConnection()) {
            c.setAutoCommit(false);
            generate(c, ids, log);
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            c.commit();
            c.setAutoCommit(true);
            Sanity.checkGenerated(engine, ids);
        }
        ids.setProperty("generator_version", String.valueOf(GENERATOR_VERSION));
        ids.setProperty("scale", String.valueOf(scale));
        return ids;
    }

    private void generate(Connection c, Properties ids, PrintStream log) throws SQLException {
        LocalDateTime setup = at(0);
        // Reference data.
        UUID[] departments = new UUID[DEPARTMENTS.length];
        try (Batch b = new Batch(c, "INSERT INTO department (id, created_at, updated_at, name, color) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < DEPARTMENTS.length; i++) {
                departments[i] = uuid();
                b.add(departments[i], setup, setup, DEPARTMENTS[i], "#" + String.format("%06x", random.nextInt(1 << 24)));
            }
        }
        UUID openStatus = uuid();
        try (Batch b = new Batch(c, "INSERT INTO project_status (id, created_at, updated_at, name, color) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            b.add(openStatus, setup, setup, "Open", "#000000");
            b.add(uuid(), setup, setup, "Closed", "#ff0000");
        }
        UUID[] statuses = new UUID[STATUS_NAMES.length];
        try (Batch b = new Batch(c, "INSERT INTO task_status (id, created_at, updated_at, name, short_name, color, "
                + "priority, is_done, is_retake, is_feedback_request, is_default, is_wip, is_artist_allowed, "
                + "is_client_allowed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < statuses.length; i++) {
                statuses[i] = uuid();
                String s = STATUS_SHORT[i];
                b.add(statuses[i], setup, setup, STATUS_NAMES[i], s, STATUS_COLORS[i], i + 1, s.equals("done"),
                        s.equals("retake"), s.equals("wfa"), s.equals("todo"), s.equals("wip"), !s.equals("appr"),
                        true);
            }
        }
        for (int i = 0; i < statuses.length; i++) {
            ids.setProperty("status." + STATUS_SHORT[i], statuses[i].toString());
        }
        UUID[] assetTypes = new UUID[ASSET_TYPES.length];
        UUID sequenceType = uuid();
        UUID shotType = uuid();
        try (Batch b = new Batch(c, "INSERT INTO entity_type (id, created_at, updated_at, name, short_name) "
                + "VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < assetTypes.length; i++) {
                assetTypes[i] = uuid();
                b.add(assetTypes[i], setup, setup, ASSET_TYPES[i], ASSET_TYPES[i].substring(0, Math.min(3, ASSET_TYPES[i].length())).toLowerCase());
            }
            b.add(sequenceType, setup, setup, "Sequence", "seq");
            b.add(shotType, setup, setup, "Shot", "sh");
        }
        UUID[] assetTaskTypes = new UUID[ASSET_TASK_TYPES.length];
        UUID[] shotTaskTypes = new UUID[SHOT_TASK_TYPES.length];
        try (Batch b = new Batch(c, "INSERT INTO task_type (id, created_at, updated_at, name, short_name, color, "
                + "priority, for_entity, department_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < assetTaskTypes.length; i++) {
                assetTaskTypes[i] = uuid();
                b.add(assetTaskTypes[i], setup, setup, ASSET_TASK_TYPES[i], "a" + i, "#" + String.format("%06x",
                        random.nextInt(1 << 24)), i + 1, "Asset", departments[i % departments.length]);
            }
            for (int i = 0; i < shotTaskTypes.length; i++) {
                shotTaskTypes[i] = uuid();
                b.add(shotTaskTypes[i], setup, setup, SHOT_TASK_TYPES[i], "s" + i, "#" + String.format("%06x",
                        random.nextInt(1 << 24)), i + 1, "Shot", departments[i % departments.length]);
            }
        }
        ids.setProperty("task_type.scratch", assetTaskTypes[0].toString());

        // People: one admin (who logs in), 3 managers, 5 supervisors, 100 artists.
        List<UUID> artists = new ArrayList<>();
        List<UUID> supervisors = new ArrayList<>();
        List<UUID> everyone = new ArrayList<>();
        UUID admin = uuid();
        String adminHash = OpenBSDBCrypt.generate("2b", ADMIN_PASSWORD.getBytes(StandardCharsets.UTF_8),
                randomBytes(16), 12);
        String userHash = OpenBSDBCrypt.generate("2b", USER_PASSWORD.getBytes(StandardCharsets.UTF_8),
                randomBytes(16), 12);
        try (Batch b = new Batch(c, "INSERT INTO person (id, created_at, updated_at, first_name, last_name, email, "
                + "password, role, position, seniority, daily_salary, desktop_login, data) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FORMAT JSON)")) {
            b.add(admin, setup, setup, "Bench", "Admin", ADMIN_EMAIL, adminHash, "admin", "supervisor", "senior", 0,
                    "bench-admin", null);
            everyone.add(admin);
            for (int i = 0; i < 108; i++) {
                UUID id = uuid();
                String role = i < 3 ? "manager" : i < 8 ? "supervisor" : "user";
                String first = FIRST[i % FIRST.length];
                String last = LAST[(i / FIRST.length + i) % LAST.length];
                String email = (first + "." + last + "." + i + "@studio.example").toLowerCase();
                boolean canLogIn = i >= 8 && i < 8 + LOGIN_USERS;
                if (canLogIn) {
                    ids.setProperty("login." + (i - 8), email);
                }
                b.add(id, setup, setup, first, last, email, canLogIn ? userHash : null, role,
                        i < 8 ? "supervisor" : "artist",
                        i % 3 == 0 ? "senior" : i % 3 == 1 ? "mid" : "junior", 300 + 10 * (i % 20), "u" + i,
                        i % 4 == 0 ? "{\"badge\":" + (1000 + i) + ",\"desk\":\"B" + (i % 40) + "\"}" : null);
                everyone.add(id);
                (role.equals("user") ? artists : supervisors).add(id);
            }
        }
        ids.setProperty("person.admin", admin.toString());
        try (Batch b = new Batch(c, "INSERT INTO department_link (person_id, department_id) VALUES (?, ?)")) {
            for (int i = 0; i < artists.size(); i++) {
                b.add(artists.get(i), departments[i % departments.length]);
            }
        }

        // Projects.
        UUID assetProject = uuid();
        UUID shotProject = uuid();
        UUID scratchProject = uuid();
        try (Batch b = new Batch(c, "INSERT INTO project (id, created_at, updated_at, name, code, description, fps, "
                + "ratio, resolution, production_type, production_style, start_date, end_date, project_status_id, "
                + "data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FORMAT JSON)")) {
            b.add(assetProject, setup, setup, "Bench Feature Assets", "BFA", "Asset-heavy feature production.", "24",
                    "2.39:1", "4096x1716", "featurefilm", "3d", LocalDate.of(2024, 1, 8), LocalDate.of(2025, 6, 30),
                    openStatus, "{\"budget_code\":\"BFA-24\"}");
            b.add(shotProject, setup, setup, "Bench Feature Shots", "BFS", "Shot-heavy feature production.", "24",
                    "2.39:1", "4096x1716", "featurefilm", "3d", LocalDate.of(2024, 1, 8), LocalDate.of(2025, 6, 30),
                    openStatus, null);
            b.add(scratchProject, setup, setup, "Bench Scratch", "BSC", "Writes made by the benchmark.", "25",
                    "16:9", "1920x1080", "short", "2d3d", null, null, openStatus, null);
        }
        ids.setProperty("project.assets", assetProject.toString());
        ids.setProperty("project.shots", shotProject.toString());
        ids.setProperty("project.scratch", scratchProject.toString());
        try (Batch b = new Batch(c, "INSERT INTO project_person_link (project_id, person_id) VALUES (?, ?)")) {
            for (UUID p : List.of(assetProject, shotProject, scratchProject)) {
                for (UUID person : everyone) {
                    b.add(p, person);
                }
            }
        }
        try (Batch types = new Batch(c, "INSERT INTO project_task_type_link (id, created_at, updated_at, project_id, "
                + "task_type_id, priority) VALUES (?, ?, ?, ?, ?, ?)");
             Batch sts = new Batch(c, "INSERT INTO project_task_status_link (id, created_at, updated_at, project_id, "
                     + "task_status_id, priority, roles_for_board) VALUES (?, ?, ?, ?, ?, ?, ? FORMAT JSON)");
             Batch ats = new Batch(c, "INSERT INTO project_asset_type_link (project_id, asset_type_id) VALUES (?, ?)")) {
            for (UUID p : List.of(assetProject, shotProject, scratchProject)) {
                UUID[] tts = p.equals(shotProject) ? shotTaskTypes : assetTaskTypes;
                for (int i = 0; i < tts.length; i++) {
                    types.add(uuid(), setup, setup, p, tts[i], i + 1);
                }
                for (int i = 0; i < statuses.length; i++) {
                    sts.add(uuid(), setup, setup, p, statuses[i], i + 1,
                            "[\"user\",\"admin\",\"supervisor\",\"manager\",\"vendor\"]");
                }
                for (UUID at : assetTypes) {
                    ats.add(p, at);
                }
            }
        }

        // Entities: assets, then sequences and shots, then the scratch asset.
        int nbAssets = scaled(5000);
        List<UUID> assets = new ArrayList<>(nbAssets);
        List<UUID> shots = new ArrayList<>();
        UUID scratchAsset = uuid();
        int nbShots = scaled(2000);
        int nbSequences = Math.max(1, (int) Math.round(nbShots / 50.0));
        try (Batch b = new Batch(c, "INSERT INTO entity (id, created_at, updated_at, name, code, description, "
                + "nb_frames, status, project_id, entity_type_id, parent_id, data, created_by, is_casting_standby) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FORMAT JSON, ?, ?)")) {
            for (int i = 0; i < nbAssets; i++) {
                UUID id = uuid();
                int type = i % assetTypes.length;
                LocalDateTime created = at(random.nextDouble() * 60);
                b.add(id, created, at(60 + random.nextDouble() * 240), ASSET_TYPES[type] + " " + String.format("%04d", i),
                        null, random.nextInt(3) == 0 ? null : words(4, 16), null, "running", assetProject,
                        assetTypes[type], null, random.nextBoolean()
                                ? "{\"complexity\":\"" + (i % 3 == 0 ? "high" : "medium") + "\",\"lod\":" + (i % 4) + "}"
                                : null, supervisors.get(i % supervisors.size()), false);
                assets.add(id);
            }
            List<UUID> sequences = new ArrayList<>();
            for (int s = 0; s < nbSequences; s++) {
                UUID id = uuid();
                LocalDateTime created = at(random.nextDouble() * 30);
                b.add(id, created, created, "SQ" + String.format("%03d", (s + 1) * 10), null, words(3, 8), null,
                        "running", shotProject, sequenceType, null, null, supervisors.get(s % supervisors.size()),
                        false);
                sequences.add(id);
            }
            for (int i = 0; i < nbShots; i++) {
                UUID id = uuid();
                int frames = 24 + random.nextInt(200);
                LocalDateTime created = at(random.nextDouble() * 60);
                b.add(id, created, at(60 + random.nextDouble() * 240), "SH" + String.format("%04d", (i % 50 + 1) * 10),
                        null, random.nextInt(2) == 0 ? null : words(4, 12), frames, "running", shotProject,
                        shotType, sequences.get(i / 50 % sequences.size()),
                        "{\"frame_in\":1001,\"frame_out\":" + (1001 + frames) + ",\"fps\":\"24\"}",
                        supervisors.get(i % supervisors.size()), false);
                shots.add(id);
            }
            b.add(scratchAsset, setup, setup, "Scratch Asset", null, null, null, "running", scratchProject,
                    assetTypes[0], null, null, admin, false);
        }
        ids.setProperty("entity.scratch", scratchAsset.toString());
        log.printf("bench:   %d assets, %d sequences, %d shots%n", nbAssets, nbSequences, nbShots);

        // Tasks, assignments, comments, time spents.
        long[] counts = new long[4];
        try (Batch tasks = new Batch(c, "INSERT INTO task (id, created_at, updated_at, name, description, priority, "
                + "difficulty, duration, estimation, completion_rate, retake_count, sort_order, start_date, due_date, "
                + "real_start_date, end_date, done_date, last_comment_date, nb_assets_ready, data, nb_drawings, "
                + "project_id, task_type_id, task_status_id, entity_id, assigner_id) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FORMAT JSON, ?, ?, ?, ?, ?, ?)",
                false);
             Batch links = new Batch(c, "INSERT INTO task_person_link (task_id, person_id) VALUES (?, ?)", false);
             Batch comments = new Batch(c, "INSERT INTO comment (id, created_at, updated_at, object_id, object_type, "
                     + "text, data, replies, checklist, pinned, for_client, links, task_status_id, person_id) "
                     + "VALUES (?, ?, ?, ?, ?, ?, ? FORMAT JSON, ? FORMAT JSON, ? FORMAT JSON, ?, ?, ? FORMAT JSON, "
                     + "?, ?)", false);
             Batch spents = new Batch(c, "INSERT INTO time_spent (id, created_at, updated_at, duration, date, task_id, "
                     + "person_id) VALUES (?, ?, ?, ?, ?, ?, ?)", false)) {
            TaskWriter w = new TaskWriter(tasks, links, comments, spents, statuses, artists, supervisors, counts);
            for (UUID asset : assets) {
                for (UUID type : assetTaskTypes) {
                    w.task(assetProject, type, asset);
                }
            }
            for (UUID shot : shots) {
                for (UUID type : shotTaskTypes) {
                    w.task(shotProject, type, shot);
                }
            }
            tasks.flush(); // in reference order, before the batches close (in reverse order)
            links.flush();
            comments.flush();
            spents.flush();
        }
        log.printf("bench:   %d tasks, %d assignments, %d comments, %d time spents%n", counts[0], counts[1],
                counts[2], counts[3]);
        ids.setProperty("count.assets", String.valueOf(nbAssets));
        ids.setProperty("count.shots", String.valueOf(nbShots));
        ids.setProperty("count.asset_tasks", String.valueOf(nbAssets * assetTaskTypes.length));
        ids.setProperty("count.shot_tasks", String.valueOf(nbShots * shotTaskTypes.length));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM task WHERE project_id = ? AND task_status_id = ?")) {
            ps.setObject(1, assetProject);
            ps.setObject(2, statuses[1]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                ids.setProperty("count.asset_tasks_wip", String.valueOf(rs.getLong(1)));
            }
        }
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** Writes one task and what hangs off it. */
    private final class TaskWriter {
        private final Batch tasks;
        private final Batch links;
        private final Batch comments;
        private final Batch spents;
        private final UUID[] statuses;
        private final List<UUID> artists;
        private final List<UUID> supervisors;
        private final long[] counts;

        TaskWriter(Batch tasks, Batch links, Batch comments, Batch spents, UUID[] statuses, List<UUID> artists,
                   List<UUID> supervisors, long[] counts) {
            this.tasks = tasks;
            this.links = links;
            this.comments = comments;
            this.spents = spents;
            this.statuses = statuses;
            this.artists = artists;
            this.supervisors = supervisors;
            this.counts = counts;
        }

        void task(UUID project, UUID type, UUID entity) throws SQLException {
            UUID id = uuid();
            double u = random.nextDouble();
            int s = 0;
            while (u > STATUS_CDF[s]) {
                s++;
            }
            String status = STATUS_SHORT[s];
            boolean started = !status.equals("todo") && !status.equals("ready");
            boolean done = status.equals("done") || status.equals("appr");
            double createdDay = random.nextDouble() * 90;
            double startDay = createdDay + 5 + random.nextDouble() * 100;
            double estimation = 1 + random.nextInt(20);
            double duration = started ? Math.round(estimation * (0.3 + random.nextDouble()) * 2) / 2.0 : 0.0;
            LocalDateTime lastComment = null;
            UUID assignee = artists.get(random.nextInt(artists.size()));
            boolean assigned = random.nextDouble() < 0.9;
            // comments: 0..3, more for started tasks
            int nbComments = started ? 1 + random.nextInt(3) : random.nextInt(2);
            List<Object[]> commentRows = new ArrayList<>(nbComments);
            for (int i = 0; i < nbComments; i++) {
                LocalDateTime when = at(createdDay + 1 + random.nextDouble() * 200);
                if (lastComment == null || when.isAfter(lastComment)) {
                    lastComment = when;
                }
                boolean byArtist = assigned && random.nextBoolean();
                commentRows.add(new Object[] {uuid(), when, when, id, "Task", words(3, 30), null, "[]", null,
                    false, false, "[]", statuses[i == nbComments - 1 ? s : random.nextInt(statuses.length)],
                    byArtist ? assignee : supervisors.get(random.nextInt(supervisors.size()))});
            }
            LocalDateTime updated = lastComment != null ? lastComment : at(createdDay);
            tasks.add(id, at(createdDay), updated, "main", random.nextInt(4) == 0 ? words(3, 12) : null,
                    random.nextInt(4), 1 + random.nextInt(5), duration, estimation, done ? 100 : started ? 10 * random.nextInt(10) : 0,
                    status.equals("retake") ? 1 + random.nextInt(3) : 0, 0, at(startDay), at(startDay + estimation * 1.4),
                    started ? at(startDay + random.nextDouble() * 3) : null, done ? at(startDay + estimation * 1.5) : null,
                    done ? at(startDay + estimation * 1.5) : null, lastComment, 0,
                    random.nextInt(10) < 3 ? "{\"review_round\":" + random.nextInt(5) + ",\"outsourced\":"
                            + random.nextBoolean() + "}" : null,
                    0, project, type, statuses[s], entity, supervisors.get(random.nextInt(supervisors.size())));
            counts[0]++;
            if (counts[0] % 500 == 0) {
                tasks.flush();
                links.flush();
                comments.flush();
                spents.flush();
                if (counts[0] % 10_000 == 0) {
                    tasks.c.commit();
                }
            }
            if (assigned) {
                links.add(id, assignee);
                counts[1]++;
                if (random.nextDouble() < 0.05) {
                    UUID second = artists.get(random.nextInt(artists.size()));
                    if (!second.equals(assignee)) {
                        links.add(id, second);
                        counts[1]++;
                    }
                }
            }
            for (Object[] row : commentRows) {
                comments.add(row);
                counts[2]++;
            }
            if (started && assigned) {
                int nb = 1 + random.nextInt(3);
                for (int d = 0; d < nb; d++) {
                    LocalDate day = EPOCH.toLocalDate().plusDays((long) startDay + d);
                    LocalDateTime when = at(startDay + d + 0.4);
                    spents.add(uuid(), when, when, Math.round((1 + random.nextDouble() * 7) * 4) / 4.0, day, id,
                            assignee);
                    counts[3]++;
                }
            }
        }
    }

    /** A batched prepared statement, executed every {@link #BATCH} rows and on close. */
    private static final class Batch implements AutoCloseable {
        private final PreparedStatement ps;
        private final Connection c;
        private final boolean autoFlush;
        private int pending;
        private long total;

        Batch(Connection c, String sql) throws SQLException {
            this(c, sql, true);
        }

        Batch(Connection c, String sql, boolean autoFlush) throws SQLException {
            this.c = c;
            this.ps = c.prepareStatement(sql);
            this.autoFlush = autoFlush;
        }

        void add(Object... values) throws SQLException {
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                if (v == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else if (v instanceof LocalDate d) {
                    ps.setObject(i + 1, d);
                } else {
                    ps.setObject(i + 1, v);
                }
            }
            ps.addBatch();
            if (++pending == BATCH && autoFlush) {
                flush();
            }
        }

        /** Executes the pending rows (a batch that others reference is flushed before theirs). */
        void flush() throws SQLException {
            if (pending > 0) {
                ps.executeBatch();
                total += pending;
                pending = 0;
                if (autoFlush && total % 20_000 == 0) {
                    c.commit();
                }
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                flush();
            } finally {
                ps.close();
            }
        }
    }
}
