package io.kafkaops.orchestrator.plan;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTest {
    @Test
    void secretFilesAreSummarisedAndPasswordsStarred() {
        PlannedFile jaas = new PlannedFile("/x/jaas.conf", "kafka", "0600", "password=\"hunter2\";", true, "jaas.j2");
        assertThat(SecretMask.content(jaas)).doesNotContain("hunter2").contains("secret");
        PlannedFile props = new PlannedFile("/x/p", "kafka", "0644",
                "sasl.jaas.config=org.ScramLoginModule required username=\"admin\" password=\"hunter2\";\nssl.keystore.password=s3cret\n", false, "p.j2");
        assertThat(SecretMask.content(props)).doesNotContain("hunter2").doesNotContain("s3cret").contains("username=\"admin\"");
    }
}
