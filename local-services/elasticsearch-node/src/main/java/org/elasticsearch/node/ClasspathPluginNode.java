package org.elasticsearch.node;

import java.util.Collection;
import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * A real {@link Node} whose plugins are plain classes on the application classpath. The distribution loads plugins
 * from its modules/ directory, which Maven Central does not serve; this class sits in Node's package because
 * {@link NodeServiceProvider#newPluginService} is package-private (the same hook the test framework's MockNode uses).
 */
public final class ClasspathPluginNode extends Node {

    public ClasspathPluginNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        super(NodeConstruction.prepareConstruction(
                environment,
                null,
                new NodeServiceProvider() {
                    @Override
                    PluginsService newPluginService(Environment env, PluginsLoader loader) {
                        return new ClasspathPluginsService(env.settings(), env, plugins);
                    }
                },
                true));
    }
}
