package io.kafkaops.orchestrator.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real Ansible reaches every host of inventory/lab.yml, host-key checking on. */
@ExtendWith(LabExtension.class)
class LabAnsibleIT {

    @Test
    void ansiblePingsEveryHostOfTheCommittedLabInventory(RunningLab lab) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ansible")), "ansible-core is not installed");
        ProcessBuilder pb = new ProcessBuilder("ansible", "-i", LabExtension.INVENTORY.toString(), "all", "-m", "ping", "-o")
                .redirectErrorStream(true);
        pb.environment().put("ANSIBLE_HOST_KEY_CHECKING", "True");
        pb.environment().put("ANSIBLE_NOCOLOR", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        for (LabHost h : lab.hosts()) {
            assertThat(out).contains(h.name() + " | SUCCESS");
        }
    }
}
