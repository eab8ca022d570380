package org.elasticsearch.plugins;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

/**
 * Instantiates plugin classes straight from the application classpath: no modules/ directory, no
 * plugin-descriptor.properties, no per-plugin class loaders. It sits in this package because {@code LoadedPlugin} and
 * {@code loadPlugin} are package-private.
 */
public final class ClasspathPluginsService extends PluginsService {

    private final List<LoadedPlugin> loaded;

    public ClasspathPluginsService(
            Settings settings, Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(settings, environment.configDir(), new PluginsLoader(Set.of(), Set.of(), Map.of()));
        List<LoadedPlugin> plugins = new ArrayList<>();
        for (Class<? extends Plugin> pluginClass : pluginClasses) {
            Plugin plugin = loadPlugin(pluginClass, settings, environment.configDir());
            PluginDescriptor descriptor = new PluginDescriptor(
                    pluginClass.getName(),
                    "loaded from the classpath",
                    "NA",
                    Build.current().version(),
                    Integer.toString(Runtime.version().feature()),
                    pluginClass.getName(),
                    null,
                    List.of(),
                    false,
                    false,
                    false,
                    false);
            plugins.add(new LoadedPlugin(descriptor, plugin, ClasspathPluginsService.class.getClassLoader()));
        }
        loadExtensions(plugins);
        this.loaded = List.copyOf(plugins);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return loaded;
    }

    @Override
    public PluginsAndModules info() {
        return new PluginsAndModules(
                loaded.stream()
                        .map(LoadedPlugin::descriptor)
                        .map(PluginRuntimeInfo::new)
                        .toList(),
                List.of());
    }

    @Override
    public <T> List<? extends T> loadServiceProviders(Class<T> service) {
        // Every plugin shares the application class loader, so a service lookup finds each provider once per plugin.
        Map<Class<?>, T> unique = new LinkedHashMap<>();
        for (Object provider : super.loadServiceProviders(service)) {
            unique.putIfAbsent(provider.getClass(), service.cast(provider));
        }
        return List.copyOf(unique.values());
    }
}
