package io.kafkaops.orchestrator.cli;

import io.kafkaops.orchestrator.secure.ClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "client-config", mixinStandardHelpOptions = true,
        description = "Write the client properties a user of the inventory connects with (bootstrap.servers of the client listener, "
                + "security.protocol, the SASL login, the truststore): the stock console tools (--producer.config, "
                + "--consumer.config, --command-config) and any Java client take the file as is. The file is 0600; it holds "
                + "the user's password.")
public final class ClientConfigCommand implements Callable<Integer> {
    @Mixin InventoryOptions inventory;

    @Option(names = "--user", required = true, paramLabel = "NAME",
            description = "the user's key or principal in sasl_scram_users / sasl_scram256_users / sasl_plain_users")
    String user;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write it (0600); without it, standard output")
    Path outFile;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ClientConfig.write(inventory.workspace(), user, Optional.ofNullable(outFile), spec.commandLine().getOut());
    }
}
