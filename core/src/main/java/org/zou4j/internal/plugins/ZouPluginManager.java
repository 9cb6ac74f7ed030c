package org.zou4j.internal.plugins;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.DefaultPluginManager;
import org.pf4j.DefaultPluginStatusProvider;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRepository;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.JarPluginRepository;
import org.pf4j.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zou4j.plugin.PluginApi;

/**
 * PF4J's manager as one engine uses it: jars of one directory only, deployment mode whatever the JVM's system
 * properties say, the plugin API always from the engine (a plugin cannot shadow it), and every load failure or
 * version refusal recorded with a message instead of only logged.
 */
final class ZouPluginManager extends DefaultPluginManager {
    private static final Logger LOG = LoggerFactory.getLogger(ZouPluginManager.class);
    private static final String API_PACKAGE = "org.zou4j.plugin.";

    /** Load failures by jar path: the jar could not be read as a plugin at all. */
    private final Map<Path, String> loadFailures = new LinkedHashMap<>();
    /** Version refusals by plugin id. */
    private final Map<String, String> incompatible = new LinkedHashMap<>();

    ZouPluginManager(Path directory) {
        super(directory);
        setSystemVersion(PluginApi.VERSION);
        // a plugin with missing or wrong dependencies is left out; the others still load
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    Map<Path, String> loadFailures() {
        return loadFailures;
    }

    Map<String, String> incompatible() {
        return incompatible;
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    @Override
    protected PluginRepository createPluginRepository() {
        return new JarPluginRepository(getPluginsRoots());
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new DefaultPluginStatusProvider(getPluginsRoots().get(0));
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new PluginLoader() {
            @Override
            public boolean isApplicable(Path pluginPath) {
                return FileUtils.isJarFile(pluginPath);
            }

            @Override
            public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
                PluginClassLoader loader = new ApiFirstClassLoader(ZouPluginManager.this, descriptor,
                        ZouPluginManager.class.getClassLoader());
                loader.addFile(pluginPath.toFile());
                return loader;
            }
        };
    }

    @Override
    protected PluginWrapper loadPluginFromPath(Path pluginPath) {
        try {
            return super.loadPluginFromPath(pluginPath);
        } catch (RuntimeException | LinkageError e) {
            String message = "The jar " + pluginPath.getFileName() + " is not a loadable zou4j plugin: "
                    + describe(e) + ". Check its manifest (Plugin-Id, Plugin-Version) or remove it from the plugins "
                    + "directory.";
            LOG.error(message, e);
            loadFailures.put(pluginPath, message);
            return null;
        }
    }

    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        PluginDescriptor d = plugin.getDescriptor();
        String requires = d.getRequires() == null ? "*" : d.getRequires().trim();
        if (requires.isEmpty()) {
            requires = "*";
        }
        // An exact version means "built against this version": any later version of the same major will do.
        if (requires.matches("\\d+\\.\\d+\\.\\d+")) {
            requires = ">=" + requires + " & <" + (Integer.parseInt(requires.substring(0, requires.indexOf('.'))) + 1)
                    + ".0.0";
        }
        boolean ok;
        try {
            ok = getVersionManager().checkVersionConstraint(PluginApi.VERSION, requires);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) {
            String message = "Plugin " + d.getPluginId() + " " + d.getVersion() + " requires zou4j plugin API "
                    + d.getRequires() + " (Plugin-Requires), but this engine provides plugin API " + PluginApi.VERSION
                    + ": rebuild the plugin against zou4j-plugin-api " + PluginApi.VERSION
                    + " or use a zou4j version that provides the API it needs.";
            LOG.error(message);
            incompatible.put(d.getPluginId(), message);
        }
        return ok;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + firstLine(m) + ")");
    }

    private static String firstLine(String m) {
        int nl = m.indexOf('\n');
        String line = nl < 0 ? m : m.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** Plugin-first class loading, except the plugin API, which always comes from the engine. */
    private static final class ApiFirstClassLoader extends PluginClassLoader {
        private final ClassLoader engineLoader;

        ApiFirstClassLoader(ZouPluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
            super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
            this.engineLoader = parent;
        }

        @Override
        public Class<?> loadClass(String className) throws ClassNotFoundException {
            if (className.startsWith(API_PACKAGE)) {
                return engineLoader.loadClass(className);
            }
            return super.loadClass(className);
        }
    }
}
