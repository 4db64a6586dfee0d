package archivesearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One real OpenSearch node in this JVM, its modules given as classes (what a distribution
 * loads from its modules/ folder). Arguments are node settings, {@code key=value}; the node
 * binds to 127.0.0.1 only. Once HTTP answers, the process id is written to the file named
 * by {@code -Dpidfile=...} (removed again on a clean stop).
 */
public final class LocalNode {
    private static final List<Class<? extends Plugin>> MODULES = List.of(
            Netty4Plugin.class,
            CommonAnalysisPlugin.class,
            ReindexPlugin.class,
            MapperExtrasPlugin.class);

    /** Node's plugin-taking constructor is protected: the distribution's Bootstrap uses it. */
    private static final class ModulesNode extends Node {
        ModulesNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }
    }

    private LocalNode() {}

    static Settings settings(String[] args) {
        Settings.Builder builder = Settings.builder()
                .put("network.host", "127.0.0.1")
                .put("http.type", "netty4")
                .put("transport.type", "netty4")
                // A test cluster on a shared disk: never refuse shards for lack of space.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false);
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("expected key=value, got: " + arg);
            }
            builder.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        // Whatever the arguments say, the node is never reachable from outside this machine.
        return builder.put("network.host", "127.0.0.1").build();
    }

    public static void main(String[] args) throws Exception {
        Settings settings = settings(args);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), null, () -> settings.get("node.name"));
        configureLogging(environment);
        Node node = new ModulesNode(environment, MODULES).start();
        CountDownLatch stopped = new CountDownLatch(1);
        String pidfile = System.getProperty("pidfile");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                if (pidfile != null) {
                    Files.deleteIfExists(Path.of(pidfile));
                }
            } catch (IOException e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "local-node-shutdown"));
        if (pidfile != null) {
            writePid(Path.of(pidfile));
        }
        stopped.await(); // the node's own threads are daemons: this one keeps the JVM up
    }

    /** The distribution's way: log4j2.properties in the node's config folder (ours, on stdout). */
    private static void configureLogging(Environment environment) throws Exception {
        Files.createDirectories(environment.configFile());
        try (InputStream config = LocalNode.class.getResourceAsStream("/log4j2.properties")) {
            Files.copy(config, environment.configFile().resolve("log4j2.properties"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        LogConfigurator.configure(environment);
    }

    private static void writePid(Path pidfile) throws IOException {
        Path partial = pidfile.resolveSibling(pidfile.getFileName() + ".tmp");
        Files.writeString(partial, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, pidfile, StandardCopyOption.ATOMIC_MOVE);
    }
}
