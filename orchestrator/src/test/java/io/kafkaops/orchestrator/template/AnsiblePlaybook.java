package io.kafkaops.orchestrator.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs real ansible-playbook (ansible-core 2.14) for parity tests; output goes to a file for diagnosis. */
record AnsiblePlaybook(Path playbook, Path inventory) {

    String run(Path log, Map<String, String> extraVars) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(), playbook.toString(),
                "-e", "ansible_python_interpreter=/usr/bin/python3"));
        extraVars.forEach((k, v) -> { cmd.add("-e"); cmd.add(v.startsWith("@") ? v : k + "=" + v); });
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        pb.environment().put("ANSIBLE_RETRY_FILES_ENABLED", "false");
        pb.environment().put("ANSIBLE_LOCALHOST_WARNING", "false");
        pb.environment().put("ANSIBLE_DEPRECATION_WARNINGS", "false");
        pb.environment().put("ANSIBLE_FORKS", "8");
        pb.environment().put("ANSIBLE_PIPELINING", "true");
        int rc = pb.start().waitFor();
        String out = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        if (rc != 0 && !out.contains("PLAY RECAP")) throw new IllegalStateException("ansible-playbook failed:\n" + out);
        return out;
    }
}
