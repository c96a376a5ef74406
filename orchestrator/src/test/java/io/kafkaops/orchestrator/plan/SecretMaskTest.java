package io.kafkaops.orchestrator.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one masking rule, on the hard cases of the review (values with blanks, ';', quotes, '=', keys that only say token). */
class SecretMaskTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ssl.key.password=ss;word                          | ssl.key.password=********                           | ss;word
            ssl.keystore.password = a b c                     | ssl.keystore.password = ********                    | a b c
            my.api.token=TokenValue3                          | my.api.token=********                               | TokenValue3
            password.encoder.secret=x=y=z                     | password.encoder.secret=********                    | x=y=z
            ssl.keystore.key=-----BEGIN KEY----- abc          | ssl.keystore.key=********                           | abc
            delegation.token.secret.key: Hm4c                 | delegation.token.secret.key: ********               | Hm4c
            ssl.truststore.password  Tr0st me                 | ssl.truststore.password  ********                   | me
            #ssl.key.password=OldOne                          | #ssl.key.password=********                          | OldOne
            zookeeper.ssl.keyStore.password=Zk1               | zookeeper.ssl.keyStore.password=********            | Zk1
            sasl.oauthbearer.clientSecret=Oa1                 | sasl.oauthbearer.clientSecret=********              | Oa1
            sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="x";  | sasl.jaas.config=******** | password
            listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=o.ScramLoginModule required password="Pw;2"; | listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config=******** | Pw;2
            '    password="Pw;2";'                            | '    password=********'                             | Pw;2
            '    username="x" password="a b;c";'              | '    username="x" password="********";'             | a b;c
            '    username="x" password="q\\"uo te";'          | '    username="x" password="********";'             | uo te
            '    user_admin="Adm1n" user_bob="B0b";'          | '    user_admin=********'                           | B0b
            '    username="x" user_alice="Al1ce";'            | '    username="x" user_alice="********";'           | Al1ce
            '    username="x" password="unterminated rest'    | '    username="x" password="********"'              | rest
            Environment="KAFKA_OPTS=-Djavax.net.ssl.keyStorePassword=Jvm1 -Xmx1g" | Environment="KAFKA_OPTS=-Djavax.net.ssl.keyStorePassword=******** -Xmx1g" | Jvm1
            ssl.keystore.location=/etc/kafka/ks.jks           | ssl.keystore.location=/etc/kafka/ks.jks            | -
            sasl.enabled.mechanisms=SCRAM-SHA-512             | sasl.enabled.mechanisms=SCRAM-SHA-512              | -
            password.encoder.key.length=128                   | password.encoder.key.length=128                    | -
            """)
    void aSecretValueIsMaskedWhole(String line, String shown, String clear) {
        String masked = SecretMask.text(line);
        assertThat(masked).isEqualTo(shown);
        if (!clear.equals("-")) assertThat(masked).doesNotContain(clear);
    }

    @Test
    void continuationLinesOfASecretValueAreMaskedWithIt() {
        String props = "a=1\nsasl.jaas.config=o.PlainLoginModule required \\\n    username=\"u\" \\\n    password=\"Cont1\";\nb=2\n";
        assertThat(SecretMask.text(props)).isEqualTo("a=1\nsasl.jaas.config=********\nb=2\n");
    }

    @Test
    void secretFilesAreSummarisedWithoutTheirSize() {
        PlannedFile jaas = new PlannedFile("/x/jaas.conf", "kafka", "0600", "password=\"hunter2\";", true, "jaas.j2");
        assertThat(SecretMask.content(jaas)).isEqualTo("(secret file, not shown)\n");
        PlannedFile longer = new PlannedFile("/x/jaas.conf", "kafka", "0600", "password=\"hunter2-and-much-longer\";", true, "jaas.j2");
        assertThat(SecretMask.content(longer)).isEqualTo(SecretMask.content(jaas));
    }

    @Test
    void aDiffMasksBothSidesAndShowsAChangedSecretAsAChangedLine() {
        String host = "broker.id=1\nssl.key.password=Old;Pw 1\nssl.keystore.password=Same1\nsasl.jaas.config=x password=\"OldJ\";\n";
        String planned = "broker.id=2\nssl.key.password=New;Pw 2\nssl.keystore.password=Same1\nsasl.jaas.config=x password=\"NewJ\";\n";
        String diff = SecretMask.diff("on host", host, "planned", planned);
        assertThat(diff).doesNotContain("Old").doesNotContain("New").doesNotContain("Pw").doesNotContain("Same1").doesNotContain("J\"")
                .contains("\n-ssl.key.password=********\n", "\n+ssl.key.password=******** (changed)\n")
                .contains("\n-sasl.jaas.config=********\n+sasl.jaas.config=******** (changed)\n")
                .doesNotContain("-ssl.keystore.password").doesNotContain("+ssl.keystore.password");
    }

    @Test
    void aDiffOfTextsThatDifferOnlyInASecretStillShowsTheChange() {
        String diff = SecretMask.diff("a", "    username=\"u\" password=\"p1\";\n", "b", "    username=\"u\" password=\"p2\";\n");
        assertThat(diff).contains("-    username=\"u\" password=\"********\";\n+    username=\"u\" password=\"******** (changed)\";\n")
                .doesNotContain("p1").doesNotContain("p2");
        assertThat(SecretMask.diff("a", "ssl.key.password=p1\n", "b", "ssl.key.password=p1\n")).isEmpty();
    }

    @Test
    void theRuleReadsTheLastSegmentOfTheKey() {
        assertThat(SecretMask.isSecretKey("sasl.jaas.config")).isTrue();
        assertThat(SecretMask.isSecretKey("ssl.key.password")).isTrue();
        assertThat(SecretMask.isSecretKey("my_api_token")).isTrue();
        assertThat(SecretMask.isSecretKey("zk-credentials")).isTrue();
        assertThat(SecretMask.isSecretKey("password.encoder.iterations")).isFalse();
        assertThat(SecretMask.isSecretKey("delegation.token.max.lifetime.ms")).isFalse();
        assertThat(SecretMask.isSecretKey("ssl.keystore.type")).isFalse();
    }
}
