package io.kafkaops.orchestrator.security;

import org.apache.kafka.common.security.scram.internals.ScramCredentialUtils;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The credential maths checked against kafka-clients' own ScramFormatter (what a broker computes a login against). */
class ScramCredentialTest {
    static final String PASSWORD = "pä\"ss\\wörd 1";

    /** A "random" that hands out a known salt, so Kafka's formatter can be given the same one. */
    static final class KnownSalt extends SecureRandom {
        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) (31 * i + 7);
        }
    }

    static ScramMechanism kafkas(ScramCredential.Hash hash) {
        return ScramMechanism.forMechanismName(hash.mechanism());
    }

    @ParameterizedTest
    @EnumSource(ScramCredential.Hash.class)
    void theSameSaltAndIterationsGiveKafkasOwnStoredForm(ScramCredential.Hash hash) throws Exception {
        for (int iterations : new int[] {4096, 8192}) {
            ScramCredential ours = ScramCredential.create(PASSWORD, hash, iterations, new KnownSalt());
            byte[] salt = Base64.getDecoder().decode(ours.stored().replaceAll("^salt=([^,]*),.*", "$1"));
            ScramFormatter formatter = new ScramFormatter(kafkas(hash));
            String theirs = ScramCredentialUtils.credentialToString(
                    formatter.generateCredential(salt, formatter.saltedPassword(PASSWORD, salt, iterations), iterations));
            assertThat(ours.stored()).isEqualTo(theirs);
        }
    }

    @ParameterizedTest
    @EnumSource(ScramCredential.Hash.class)
    void aCredentialKafkaMadeMatchesItsPasswordAndNoOther(ScramCredential.Hash hash) throws Exception {
        String stored = ScramCredentialUtils.credentialToString(new ScramFormatter(kafkas(hash)).generateCredential(PASSWORD, 4096));
        assertThat(ScramCredential.matches(hash, stored, PASSWORD)).isTrue();
        assertThat(ScramCredential.matches(hash, stored, PASSWORD + "x")).isFalse();
        assertThat(ScramCredential.matches(hash, stored, "")).isFalse();
        ScramCredential.Hash other = hash == ScramCredential.Hash.SHA_256 ? ScramCredential.Hash.SHA_512 : ScramCredential.Hash.SHA_256;
        assertThat(ScramCredential.matches(other, stored, PASSWORD)).as("the other hash").isFalse();
        assertThat(ScramCredential.parse(hash, stored).stored()).isEqualTo(stored);
    }

    @Test
    void freshSaltsDifferAndKafkaReadsTheStoredForm() {
        ScramCredential a = ScramCredential.create(PASSWORD, ScramCredential.Hash.SHA_512, new SecureRandom());
        ScramCredential b = ScramCredential.create(PASSWORD, ScramCredential.Hash.SHA_512, new SecureRandom());
        assertThat(a.stored()).isNotEqualTo(b.stored());
        assertThat(a.iterations()).isEqualTo(4096);
        org.apache.kafka.common.security.scram.ScramCredential read = ScramCredentialUtils.credentialFromString(a.stored());
        assertThat(read.iterations()).isEqualTo(4096);
        assertThat(ScramCredential.matches(ScramCredential.Hash.SHA_512, a.stored(), PASSWORD)).isTrue();
        assertThat(a.matches(PASSWORD)).isTrue();
    }

    @Test
    void iterationsOutsideKafkasBoundsAreRefused() {
        assertThatThrownBy(() -> ScramCredential.create(PASSWORD, ScramCredential.Hash.SHA_256, 4095, new SecureRandom()))
                .hasMessageContaining("4096..16384");
        assertThatThrownBy(() -> ScramCredential.create(PASSWORD, ScramCredential.Hash.SHA_256, 16385, new SecureRandom()))
                .hasMessageContaining("4096..16384");
    }

    @Test
    void neitherThePasswordNorTheStoredFormPrints() {
        ScramCredential c = ScramCredential.create(PASSWORD, ScramCredential.Hash.SHA_512, new KnownSalt());
        assertThat(c.toString()).doesNotContain(PASSWORD).doesNotContain(c.stored().substring(5, 20)).contains("SCRAM-SHA-512");
        String broken = c.stored().replace("iterations=4096", "iterations=lots");
        assertThatThrownBy(() -> ScramCredential.parse(ScramCredential.Hash.SHA_512, broken))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(broken.substring(5, 20)).doesNotContain("lots"));
        assertThat(Arrays.stream(ScramCredential.Hash.values()).map(ScramCredential.Hash::mechanism)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-512");
        assertThat(ScramCredential.Hash.forMechanism("scram-sha-512")).contains(ScramCredential.Hash.SHA_512);
    }
}
