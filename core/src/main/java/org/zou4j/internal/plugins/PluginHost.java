package org.zou4j.internal.plugins;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.ErrorCode;
import org.zou4j.PluginStatus;
import org.zou4j.Session;
import org.zou4j.ZouException;
import org.zou4j.events.Events;
import org.zou4j.plugin.ActionException;
import org.zou4j.plugin.ActionResult;
import org.zou4j.plugin.CustomAction;
import org.zou4j.plugin.DataException;
import org.zou4j.plugin.PluginEnvironment;
import org.zou4j.plugin.Role;
import org.zou4j.plugin.ZouEventListener;
import org.zou4j.plugin.ZouExtension;

/**
 * One engine's plugins: a PF4J manager over the plugins directory, the live actions and event listeners of the
 * plugins that started, and their status. Nothing a plugin does at load, start or run time can stop the engine: each
 * failure is recorded in the plugin's status and logged, and that plugin (or that one call) is isolated.
 *
 * <p>Start, stop and reload are serialized; action runs and event deliveries read an immutable snapshot and never
 * wait for them.
 */
public final class PluginHost {
    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    /** Where in-process actions are run over HTTP; {@code custom_action.url} of their rows starts with it. */
    public static final String RUN_PATH = "/api/actions/plugins/";
    /** Input keys with a meaning for every action: the project and the Kitsu view of the selection. */
    public static final String PROJECT_ID = "project_id";
    public static final String ENTITY_TYPE = "entity_type";

    static final Set<String> ENTITY_TYPES = Set.of("all", "asset", "shot", "sequence", "edit", "episode");

    private final Path directory;
    private final Supplier<Session> systemSession;
    private final Supplier<Events> events;
    private ZouPluginManager manager;
    private volatile Snapshot snapshot = Snapshot.EMPTY;

    /**
     * @param directory     the plugins directory, or {@code null} for none
     * @param systemSession the engine's own session, used to record plugins and their actions in the database
     * @param events        the engine's events, which plugin listeners subscribe to
     */
    public PluginHost(Path directory, Supplier<Session> systemSession, Supplier<Events> events) {
        this.directory = directory;
        this.systemSession = systemSession;
        this.events = events;
    }

    /** Loads and starts every plugin jar of the directory and records them; never throws for a plugin's fault. */
    public synchronized void start() {
        if (directory == null || manager != null) {
            return;
        }
        ZouPluginManager m = new ZouPluginManager(directory);
        manager = m;
        try {
            m.loadPlugins();
            m.startPlugins();
        } catch (RuntimeException | LinkageError e) {
            // e.g. cyclic Plugin-Dependencies: PF4J gives up on the whole directory
            LOG.error("Plugins of {} could not be loaded: {}", directory, ZouPluginManager.describe(e), e);
        }
        Map<String, LoadedPlugin> started = new LinkedHashMap<>();
        List<StatusEntry> entries = new ArrayList<>();
        Set<Path> seen = new java.util.HashSet<>();
        m.loadFailures().forEach((path, message) -> {
            seen.add(path.toAbsolutePath());
            entries.add(new StatusEntry(null, null, path.getFileName().toString(), PluginStatus.State.FAILED,
                    message, null));
        });
        for (PluginWrapper w : m.getPlugins()) {
            seen.add(w.getPluginPath().toAbsolutePath());
            String id = w.getPluginId();
            String version = w.getDescriptor().getVersion();
            String file = w.getPluginPath().getFileName().toString();
            PluginStatus.State state;
            String message = null;
            LoadedPlugin loaded = null;
            if (m.incompatible().containsKey(id)) {
                state = PluginStatus.State.INCOMPATIBLE;
                message = m.incompatible().get(id);
            } else if (w.getPluginState() == PluginState.DISABLED) {
                state = PluginStatus.State.DISABLED;
                message = "Plugin " + id + " is disabled by the disabled.txt or enabled.txt file of " + directory + ".";
            } else if (w.getPluginState() == PluginState.STARTED) {
                try {
                    loaded = activate(m, w);
                    state = PluginStatus.State.STARTED;
                    started.put(id, loaded);
                    if (loaded.extensions.isEmpty() && !hasExtensionIndex(w.getPluginPath())) {
                        state = PluginStatus.State.NO_EXTENSIONS;
                        message = "Plugin " + id + " started but its jar has no PF4J extension index "
                                + "(META-INF/extensions.idx), so none of its @Extension classes were found. Build it "
                                + "with annotation processing on (maven-compiler-plugin <proc>full</proc>, or javac "
                                + "-proc:full: JDK 23 and later run no annotation processor otherwise) and reload.";
                        LOG.warn(message);
                    }
                } catch (ActivationException e) {
                    state = PluginStatus.State.FAILED;
                    message = e.getMessage();
                    LOG.error(message, e.getCause());
                    stopQuietly(m, id);
                }
            } else {
                state = PluginStatus.State.FAILED;
                Throwable failure = w.getFailedException();
                message = "Plugin " + id + " " + version + " failed to start"
                        + (failure == null ? " (state " + w.getPluginState() + ")" : ": "
                        + ZouPluginManager.describe(failure)) + ". Its actions and listeners are not available; "
                        + "fix the plugin and reload.";
                LOG.error(message, failure);
            }
            entries.add(new StatusEntry(id, version, file, state, message, loaded));
        }
        for (Path jar : jarsIn(directory)) {
            if (!seen.contains(jar.toAbsolutePath())) {
                entries.add(new StatusEntry(null, null, jar.getFileName().toString(), PluginStatus.State.FAILED,
                        "The jar " + jar.getFileName() + " was not loaded: its plugin id is already taken by another "
                                + "jar, or its Plugin-Dependencies could not be resolved (see the log).", null));
            }
        }
        snapshot = new Snapshot(Collections.unmodifiableMap(started), List.copyOf(entries));
        LOG.info("Plugins of {}: {}", directory, entries.stream().map(e -> (e.pluginId == null ? e.file : e.pluginId)
                + "=" + e.state).toList());
        try {
            new PluginRows(systemSession.get()).sync(started.values());
        } catch (RuntimeException e) {
            LOG.error("Could not record the plugins and their actions in the database; /data/plugins and "
                    + "/data/custom-actions may be stale: {}", e.getMessage(), e);
        }
    }

    /** Stops every plugin: listeners drain (bounded), extensions close, class loaders are released. */
    public synchronized void stop() {
        if (manager == null) {
            return;
        }
        Snapshot s = snapshot;
        snapshot = Snapshot.EMPTY;
        for (LoadedPlugin p : s.started.values()) {
            p.listeners.forEach(ListenerRunner::close);
            closeExtensions(p);
        }
        try {
            manager.stopPlugins();
            manager.unloadPlugins();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("Stopping plugins failed: {}", ZouPluginManager.describe(e), e);
        }
        manager = null;
    }

    /** Stops, then loads the directory again (new, changed and removed jars, and their settings). */
    public synchronized void reload() {
        stop();
        start();
    }

    /** The status of every jar of the directory, in load order. */
    public List<PluginStatus> statuses() {
        return snapshot.entries.stream().map(StatusEntry::toStatus).toList();
    }

    /** Where a plugin jar keeps the static files of its web frontend (Zou: {@code <plugin>/frontend/dist}). */
    static final String FRONTEND_FOLDER = "frontend/";
    /** Frontend files are small web assets; a bigger entry is refused rather than read into memory. */
    private static final long MAX_FRONTEND_FILE = 32L * 1024 * 1024;

    /**
     * A static file of a started plugin's web frontend: the jar entry {@code frontend/<path>}, {@code index.html} for an
     * empty path or one ending with {@code /}. Empty for an unknown or stopped plugin, an absent entry, a folder, and any
     * path that is not plain (a {@code .} or {@code ..} segment, an empty segment, a backslash or a control character):
     * nothing outside the jar's frontend folder can be read.
     */
    public java.util.Optional<byte[]> frontendFile(String pluginId, String path) {
        LoadedPlugin plugin = pluginId == null ? null : snapshot.started.get(pluginId);
        String name = frontendEntryName(path);
        if (plugin == null || name == null) {
            return java.util.Optional.empty();
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(plugin.path.toFile())) {
            java.util.zip.ZipEntry entry = zip.getEntry(name);
            if (entry == null || entry.isDirectory() || entry.getSize() > MAX_FRONTEND_FILE) {
                return java.util.Optional.empty();
            }
            try (java.io.InputStream in = zip.getInputStream(entry)) {
                return java.util.Optional.of(in.readNBytes((int) MAX_FRONTEND_FILE));
            }
        } catch (IOException e) {
            LOG.warn("Plugin {}: its frontend file {} could not be read: {}", pluginId, name, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /** The jar entry name for a frontend path, or {@code null} when the path is not a plain relative path. */
    static String frontendEntryName(String path) {
        String p = path == null ? "" : path;
        if (p.isEmpty() || p.endsWith("/")) {
            p = p + "index.html";
        }
        if (p.startsWith("/") || p.length() > 512) {
            return null;
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return null;
            }
        }
        for (String segment : p.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return FRONTEND_FOLDER + p;
    }

    /**
     * Runs an action as {@code session}'s caller.
     *
     * @param actionId  {@code <plugin-id>/<action-id>}, or the bare action id when only one plugin has it
     * @param selection selected task or entity ids
     * @param input     extra input; {@link #PROJECT_ID} and {@link #ENTITY_TYPE} name the project and Kitsu view
     * @throws ZouException 404 unknown action, 403 role too low or data refused, 4xx the action's refusal, 500 the
     *                      action failed (logged)
     */
    public ActionResult run(Session session, String actionId, List<String> selection, Map<String, ?> input) {
        Snapshot s = snapshot;
        LoadedPlugin plugin;
        CustomAction action;
        int slash = actionId == null ? -1 : actionId.indexOf('/');
        if (actionId == null || actionId.isBlank()) {
            throw ZouException.wrongParameter("An action id is required: <plugin-id>/<action-id>.");
        } else if (slash >= 0) {
            plugin = s.started.get(actionId.substring(0, slash));
            action = plugin == null ? null : plugin.actions.get(actionId.substring(slash + 1));
        } else {
            List<LoadedPlugin> owners = s.started.values().stream().filter(p -> p.actions.containsKey(actionId))
                    .toList();
            if (owners.size() > 1) {
                throw ZouException.wrongParameter("Action id " + ZouException.echo(actionId) + " is ambiguous: "
                        + owners.stream().map(p -> p.id + "/" + actionId).toList() + "; use <plugin-id>/<action-id>.");
            }
            plugin = owners.isEmpty() ? null : owners.get(0);
            action = plugin == null ? null : plugin.actions.get(actionId);
        }
        if (action == null) {
            throw ZouException.notFound("No running plugin has the action " + ZouException.echo(actionId)
                    + ". Loaded actions: "
                    + s.started.values().stream().flatMap(p -> p.actions.keySet().stream().map(a -> p.id + "/" + a))
                    .toList() + ".");
        }
        Role role = roleOf(session);
        Role required = action.requiredRole();
        if (!role.includes(required)) {
            throw ZouException.forbidden("The action " + plugin.id + "/" + action.id() + " (" + action.label()
                    + ") needs the " + required.code() + " role or higher; you are " + role.code() + ".");
        }
        HostActionContext context = new HostActionContext(session, role, selection == null ? List.of() : selection,
                input == null ? Map.of() : input);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugin.classLoader);
        try {
            ActionResult result = action.execute(context);
            if (result == null) {
                throw new IllegalStateException("execute() returned null");
            }
            return result;
        } catch (DataException e) {
            if (e.getCause() instanceof ZouException z) {
                throw z;
            }
            throw new ZouException(codeFor(e.status()), e.status(), e.getMessage(), body(e.getMessage()));
        } catch (ActionException e) {
            throw new ZouException(codeFor(e.status()), e.status(), e.getMessage(), body(e.getMessage()));
        } catch (ZouException e) {
            throw e;
        } catch (Throwable t) {
            rethrowFatal(t);
            plugin.failures.incrementAndGet();
            String message = "The action " + plugin.id + "/" + action.id() + " failed ("
                    + t.getClass().getSimpleName() + "); the details are in the server log.";
            LOG.error("Plugin {}: action {} failed for {}", plugin.id, action.id(), session, t);
            ZouException e = new ZouException(ErrorCode.INTERNAL, 500, message, body(message));
            e.initCause(t);
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    // ---- activation ------------------------------------------------------------------------------------------------

    private LoadedPlugin activate(ZouPluginManager m, PluginWrapper w) throws ActivationException {
        String id = w.getPluginId();
        String label = "Plugin " + id + " " + w.getDescriptor().getVersion();
        Map<String, String> settings;
        try {
            settings = readSettings(directory.resolve(id + ".properties"));
        } catch (IOException | IllegalArgumentException e) {
            throw new ActivationException(label + ": its settings file " + id + ".properties cannot be read ("
                    + ZouPluginManager.describe(e) + ").", e);
        }
        Environment env = new Environment(id, w.getDescriptor().getVersion(), settings);
        LoadedPlugin p = new LoadedPlugin(id, env.pluginVersion(), w.getPluginPath(), manifestOf(w.getPluginPath()),
                w.getPluginClassLoader(), env);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(p.classLoader);
        String step = "creating its extensions";
        try {
            List<CustomAction> actions = m.getExtensions(CustomAction.class, id);
            List<ZouEventListener> listeners = m.getExtensions(ZouEventListener.class, id);
            for (CustomAction a : actions) {
                step = "initializing action " + a.getClass().getName();
                a.init(env);
                p.extensions.add(a);
                step = "reading action " + a.getClass().getName();
                validate(label, a, p);
                p.actions.put(a.id(), a);
            }
            for (ZouEventListener l : listeners) {
                step = "initializing listener " + l.getClass().getName();
                l.init(env);
                p.extensions.add(l);
                Set<String> events = l.events();
                if (events == null || events.isEmpty()) {
                    LOG.info("{}: listener {} subscribes to no event", label, l.getClass().getName());
                } else {
                    p.listeners.add(new ListenerRunner(p, l, events, this.events.get()));
                }
            }
            return p;
        } catch (ActivationException e) {
            p.listeners.forEach(ListenerRunner::close);
            closeExtensions(p);
            throw e;
        } catch (Throwable t) {
            rethrowFatal(t);
            p.listeners.forEach(ListenerRunner::close);
            closeExtensions(p);
            throw new ActivationException(label + " failed while " + step + ": " + ZouPluginManager.describe(t)
                    + ". The plugin is isolated; fix it and reload.", t);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void validate(String label, CustomAction a, LoadedPlugin p) throws ActivationException {
        String id = a.id();
        String what = label + ": action " + a.getClass().getName();
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,79}")) {
            throw new ActivationException(what + " has the id '" + id + "'; use lower-case letters, digits and "
                    + "dashes (at most 80).", null);
        }
        if (p.actions.containsKey(id)) {
            throw new ActivationException(what + " repeats the action id " + id + ".", null);
        }
        if (a.label() == null || a.label().isBlank()) {
            throw new ActivationException(what + " has no label.", null);
        }
        if (a.requiredRole() == null) {
            throw new ActivationException(what + " requires no role (requiredRole() is null).", null);
        }
        Set<String> types = a.entityTypes();
        if (types == null || types.isEmpty() || !ENTITY_TYPES.containsAll(types)) {
            throw new ActivationException(what + " has entity types " + types + "; use some of "
                    + new java.util.TreeSet<>(ENTITY_TYPES) + ".", null);
        }
    }

    private static void closeExtensions(LoadedPlugin p) {
        for (ZouExtension e : p.extensions) {
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(p.classLoader);
            try {
                e.close();
            } catch (Throwable t) {
                rethrowFatal(t);
                LOG.warn("Plugin {}: closing {} failed: {}", p.id, e.getClass().getName(),
                        ZouPluginManager.describe(t), t);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
        p.extensions.clear();
    }

    private static void stopQuietly(ZouPluginManager m, String id) {
        try {
            m.stopPlugin(id);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Plugin {}: stop after a failed start failed too: {}", id, ZouPluginManager.describe(e));
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** Errors the JVM cannot recover from are not a plugin's fault to isolate (a stack overflow is). */
    static void rethrowFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    private static Role roleOf(Session session) {
        try {
            return Role.ofCode(session.role());
        } catch (IllegalArgumentException e) {
            throw ZouException.forbidden("Your role " + session.role() + " may not run plugin actions.");
        }
    }

    /** Whether a plugin jar holds PF4J's extension index (a plugin directory, not a jar, is assumed to). */
    private static boolean hasExtensionIndex(Path jar) {
        if (!Files.isRegularFile(jar)) {
            return true;
        }
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
            return file.getEntry("META-INF/extensions.idx") != null;
        } catch (java.io.IOException e) {
            return true; // unreadable now: PF4J loaded it, so leave the verdict to what it found
        }
    }

    private static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 429 -> ErrorCode.TOO_MANY_REQUESTS;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.WRONG_PARAMETER;
        };
    }

    private static Map<String, Object> body(String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", true);
        b.put("message", message);
        return b;
    }

    private static Map<String, String> readSettings(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        Map<String, String> m = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> m.put(k, props.getProperty(k)));
        return Collections.unmodifiableMap(m);
    }

    private static Attributes manifestOf(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getManifest() == null ? new Attributes() : f.getManifest().getMainAttributes();
        } catch (IOException e) {
            return new Attributes();
        }
    }

    private static List<Path> jarsIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---- state -----------------------------------------------------------------------------------------------------

    private record Snapshot(Map<String, LoadedPlugin> started, List<StatusEntry> entries) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), List.of());
    }

    private record StatusEntry(String pluginId, String version, String file, PluginStatus.State state,
                               String message, LoadedPlugin loaded) {
        PluginStatus toStatus() {
            List<String> actions = loaded == null ? List.of()
                    : loaded.actions.keySet().stream().map(a -> loaded.id + "/" + a).toList();
            return new PluginStatus(pluginId, version, file, state, message, actions,
                    loaded == null ? 0 : loaded.listeners.size(), loaded == null ? 0 : loaded.failures.get());
        }
    }

    private record Environment(String pluginId, String pluginVersion, Map<String, String> settings)
            implements PluginEnvironment {
    }

    private static final class ActivationException extends Exception {
        private static final long serialVersionUID = 1L;

        ActivationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
