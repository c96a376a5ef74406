package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.testkit.LabCluster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;

/**
 * One lab per test JVM, shared by every class that uses {@code @ExtendWith(LabExtension.class)}:
 * the hosts of inventory/lab.yml (3 ZooKeeper + 3 Kafka), brought up on first use and torn down
 * (then checked for leftovers) when the JVM's tests are done. Test methods and constructors get
 * it as a {@link RunningLab} parameter, or call {@link #lab(ExtensionContext)}. Skipped (not
 * failed) where the lab cannot run: not Linux, or not root.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {

    public static final Path INVENTORY = Path.of("inventory/lab.yml");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        lab(context);
    }

    public static RunningLab lab(ExtensionContext context) {
        Assumptions.assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"), "the lab needs Linux");
        Assumptions.assumeTrue(LabCluster.runningAsRoot(), "the lab needs root");
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningLab.class, k -> RunningLab.up(LabSpec.of(LabSpec.DEFAULT_NAME,
                        Subnet.parse(Subnet.DEFAULT), LabInventoryReader.hosts(INVENTORY))), RunningLab.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == RunningLab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return lab(extension);
    }
}
