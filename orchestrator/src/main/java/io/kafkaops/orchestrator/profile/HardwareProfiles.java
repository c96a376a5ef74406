package io.kafkaops.orchestrator.profile;

import io.kafkaops.orchestrator.BadInput;
import io.kafkaops.orchestrator.DataFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The profiles in hardware-profiles/: loaded once, looked up by name. */
public final class HardwareProfiles {
    /** Most real inventories name no profile; they get this one (the notes' /data layout). */
    public static final String DEFAULT = "small";

    private final Path folder;
    private final Map<String, HardwareProfile> byName;

    private HardwareProfiles(Path folder, Map<String, HardwareProfile> byName) {
        this.folder = folder;
        this.byName = byName;
    }

    public static HardwareProfiles load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new BadInput(folder, null, "hardware profile folder not found",
                    "set ORCHESTRATOR_HOME to the repository root, which holds hardware-profiles/");
        }
        Map<String, HardwareProfile> profiles = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
                HardwareProfile p = parse(f);
                profiles.put(p.name(), p);
            }
        } catch (IOException e) {
            throw new BadInput(folder, null, "cannot read hardware profiles: " + e.getMessage(), "check the folder's permissions");
        }
        return new HardwareProfiles(folder, profiles);
    }

    public Optional<HardwareProfile> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Path folder() {
        return folder;
    }

    static HardwareProfile parse(Path file) {
        Object doc = DataFile.readYaml(file);
        if (!(doc instanceof Map<?, ?> raw)) {
            throw new BadInput(file, 1, "a hardware profile must be a YAML mapping", "see hardware-profiles/small.yml for the shape");
        }
        @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) raw;
        String fileName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = String.valueOf(m.getOrDefault("name", fileName));
        if (!name.equals(fileName)) {
            throw new BadInput(file, null, "profile name '" + name + "' differs from its file name",
                    "name the file " + name + ".yml or set name: " + fileName);
        }
        List<Disk> disks = new ArrayList<>();
        Object rawDisks = m.get("disks");
        if (!(rawDisks instanceof List<?> list) || list.isEmpty()) {
            throw new BadInput(file, null, "profile '" + name + "' lists no data disks",
                    "add disks: [{mount: /data, size_gb: 4000, type: sata}]");
        }
        for (Object d : list) {
            if (!(d instanceof Map<?, ?> rawDisk) || !(rawDisk.get("mount") instanceof String mount) || !mount.startsWith("/")) {
                throw new BadInput(file, null, "disk entry " + d + " needs an absolute mount",
                        "write each disk as {mount: /data1, size_gb: 4000, type: sata}");
            }
            @SuppressWarnings("unchecked") Map<String, Object> dm = (Map<String, Object>) rawDisk;
            String type = String.valueOf(dm.getOrDefault("type", "sata")).toUpperCase(Locale.ROOT);
            DiskType t;
            try {
                t = DiskType.valueOf(type);
            } catch (IllegalArgumentException e) {
                throw new BadInput(file, null, "disk " + mount + " has unknown type '" + dm.get("type") + "'",
                        "use one of ssd, nvme, sata, sas, nas, ebs");
            }
            disks.add(new Disk(mount, positiveInt(file, name, dm, "size_gb"), t));
        }
        return new HardwareProfile(name, String.valueOf(m.getOrDefault("description", "")),
                positiveInt(file, name, m, "memory_gb"), positiveInt(file, name, m, "cores"),
                positiveInt(file, name, m, "nic_gbps"), List.copyOf(disks),
                optionalInt(file, name, m, "kafka_heap_mb"), optionalInt(file, name, m, "zookeeper_heap_mb"), file);
    }

    private static int positiveInt(Path file, String profile, Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (v instanceof Integer i && i > 0) return i;
        throw new BadInput(file, null, "profile '" + profile + "': " + key + " must be a positive integer, got " + v,
                "set " + key + ": <number> in " + file.getFileName());
    }

    private static Optional<Integer> optionalInt(Path file, String profile, Map<?, ?> m, String key) {
        return m.containsKey(key) ? Optional.of(positiveInt(file, profile, m, key)) : Optional.empty();
    }
}
