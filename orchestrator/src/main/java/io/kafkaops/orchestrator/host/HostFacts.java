package io.kafkaops.orchestrator.host;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** What is on a host before we change anything (read by provision/facts.sh). */
public record HostFacts(
        String host,
        Optional<String> java,
        Map<String, String> links,
        Map<String, String> installed,
        Map<String, Boolean> users,
        Map<String, String> unitEnabled,
        Map<String, String> unitActive,
        Map<String, Long> unitPid,
        Map<String, ExistingFile> files,
        Map<String, Optional<String>> dirs,
        Map<String, Integer> metaBrokerIds,
        Map<String, Integer> myids,
        Map<String, Long> staged) {

    /** A file on the host: owner, octal mode, content. */
    public record ExistingFile(String owner, String mode, String content) {}

    public Optional<String> link(String path) {
        String v = links.get(path);
        return v == null || v.equals("absent") ? Optional.empty() : Optional.of(v);
    }

    public Optional<ExistingFile> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public boolean dirExists(String path) {
        return dirs.getOrDefault(path, Optional.empty()).isPresent();
    }

    public boolean userExists(String user) {
        return users.getOrDefault(user, false);
    }

    public boolean active(String unit) {
        return "active".equals(unitActive.get(unit));
    }

    public boolean enabled(String unit) {
        return "enabled".equals(unitEnabled.get(unit));
    }

    /** Parses facts.sh output: KIND<TAB>KEY<TAB>VALUE lines. */
    public static HostFacts parse(String host, String output) {
        Optional<String> java = Optional.empty();
        Map<String, String> links = new LinkedHashMap<>(), installed = new LinkedHashMap<>();
        Map<String, Boolean> users = new LinkedHashMap<>();
        Map<String, String> enabled = new LinkedHashMap<>(), active = new LinkedHashMap<>();
        Map<String, Long> pids = new LinkedHashMap<>(), staged = new LinkedHashMap<>();
        Map<String, ExistingFile> files = new LinkedHashMap<>();
        Map<String, Optional<String>> dirs = new LinkedHashMap<>();
        Map<String, Integer> meta = new LinkedHashMap<>(), myids = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] p = line.split("\t", 3);
            if (p.length < 3) continue;
            String key = p[1], value = p[2];
            switch (p[0]) {
                case "java" -> java = value.equals("absent") ? Optional.empty() : Optional.of(value);
                case "link" -> links.put(key, value);
                case "installed" -> installed.put(key, value);
                case "user" -> users.put(key, !value.equals("absent"));
                case "enabled" -> enabled.put(key, value);
                case "active" -> active.put(key, value);
                case "pid" -> pids.put(key, parseLong(value));
                case "file" -> {
                    if (!value.equals("absent")) {
                        String[] f = value.split(" ", 3);
                        String content = f.length < 3 ? "" : new String(Base64.getDecoder().decode(f[2]), StandardCharsets.UTF_8);
                        files.put(key, new ExistingFile(f[0], f[1], content));
                    }
                }
                case "dir" -> dirs.put(key, value.equals("absent") ? Optional.empty() : Optional.of(value));
                case "meta" -> parseInt(value).ifPresent(v -> meta.put(key, v));
                case "myid" -> parseInt(value).ifPresent(v -> myids.put(key, v));
                case "staged" -> staged.put(key, parseLong(value));
                default -> { }
            }
        }
        return new HostFacts(host, java, links, installed, users, enabled, active, pids, files, dirs, meta, myids, staged);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<Integer> parseInt(String s) {
        try {
            return Optional.of(Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
