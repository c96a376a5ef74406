package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.BadInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The lab's own record of itself: lab.properties (the spec lab up built), up.done (written when up finished)
 * and cuts.txt (the pair cuts in force). The kernel objects are the truth; these say what they should be.
 */
final class LabState {

    private final LabNames names;

    LabState(LabNames names) {
        this.names = names;
    }

    void save(LabSpec spec) throws IOException {
        StringBuilder sb = new StringBuilder("name=" + spec.name() + "\nsubnet=" + spec.subnet() + "\n");
        for (int i = 0; i < spec.hosts().size(); i++) {
            LabHost h = spec.hosts().get(i);
            sb.append("host.").append(i + 1).append('=').append(h.name()).append(' ').append(h.address()).append('\n');
        }
        Files.writeString(names.specFile(spec.name()), sb.toString());
    }

    /** The lab as lab up last wrote it down. */
    Optional<LabSpec> load(String lab) {
        Path file = names.specFile(lab);
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        List<LabHost> hosts = new ArrayList<>();
        for (int i = 1; p.containsKey("host." + i); i++) {
            String[] f = p.getProperty("host." + i).split(" ");
            hosts.add(new LabHost(f[0], f[1]));
        }
        return Optional.of(new LabSpec(p.getProperty("name"), Subnet.parse(p.getProperty("subnet")), hosts));
    }

    /** The lab's spec, if lab up finished building it. */
    LabSpec require(String lab) {
        LabSpec.checkName(lab);
        return load(lab).filter(s -> Files.exists(names.upDone(lab))).orElseThrow(() -> new BadInput("lab '" + lab + "' is not up",
                "run 'orchestrator lab up --name " + lab + "' first"));
    }

    /** The pair cuts in force, each pair in name order. */
    Set<List<String>> cuts(String lab) {
        Set<List<String>> cuts = new LinkedHashSet<>();
        try {
            if (Files.exists(names.cutsFile(lab))) {
                Files.readAllLines(names.cutsFile(lab)).stream().filter(l -> !l.isBlank()).map(l -> l.split(" "))
                        .forEach(f -> cuts.add(List.of(f[0], f[1])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cuts;
    }

    void writeCuts(String lab, Set<List<String>> cuts) {
        StringBuilder sb = new StringBuilder();
        cuts.forEach(p -> sb.append(p.get(0)).append(' ').append(p.get(1)).append('\n'));
        try {
            Files.writeString(names.cutsFile(lab), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
