package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.dist.Distribution;
import io.kafkaops.orchestrator.dist.Distributions;
import io.kafkaops.orchestrator.dist.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

@Command(name = "dist", mixinStandardHelpOptions = true,
        description = {"Build Kafka and ZooKeeper tarballs with Apache's names and layout from Maven Central "
                + "(recipes: distributions.yml), cached in ~/.cache/orchestrator/dist or $ORCHESTRATOR_DIST_CACHE.",
                "Prints one line per distribution: path, size in bytes, sha512."})
public final class DistCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--kafka", paramLabel = "VERSION", description = "a Kafka version to build (repeatable)")
    List<String> kafka = new ArrayList<>();

    @Option(names = "--zookeeper", paramLabel = "VERSION", description = "a ZooKeeper version to build (repeatable)")
    List<String> zookeeper = new ArrayList<>();

    @Override
    public void run() {
        List<Distribution> built = new ArrayList<>();
        if (kafka.isEmpty() && zookeeper.isEmpty()) {
            built.addAll(Distributions.buildAll());
        } else {
            // look every version up before building any, so a typo fails fast
            kafka.forEach(v -> Distributions.recipe(Product.KAFKA, v));
            zookeeper.forEach(v -> Distributions.recipe(Product.ZOOKEEPER, v));
            kafka.forEach(v -> built.add(Distributions.build(Product.KAFKA, v)));
            zookeeper.forEach(v -> built.add(Distributions.build(Product.ZOOKEEPER, v)));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Distribution d : built) {
            out.println(d.tarball() + "  " + d.size() + "  " + d.sha512Hex());
        }
        out.flush();
    }
}
