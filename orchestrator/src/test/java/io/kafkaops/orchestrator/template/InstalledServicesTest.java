package io.kafkaops.orchestrator.template;

import io.kafkaops.orchestrator.Workspace;
import io.kafkaops.orchestrator.cli.CliRun;
import io.kafkaops.orchestrator.cluster.Finding;
import io.kafkaops.orchestrator.cluster.GroupMapping;
import io.kafkaops.orchestrator.gate.GateSettings;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.plan.ProvisionPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the installed units let happen (a SIGKILL mid-shutdown) and let in (ZooKeeper, JMX), as plan renders and says it. */
class InstalledServicesTest {
    static final Pattern STOP_TIMEOUT = Pattern.compile("(?m)^TimeoutStopSec=(\\S+)$");

    @TempDir
    Path tmp;

    Path inventory(String allVars, String brokerVars) throws IOException {
        return Files.writeString(tmp.resolve("hosts.yml"), String.join("\n",
                "all:",
                "  vars: {" + allVars + "}",
                "  children:",
                "    zookeeper: {hosts: {zk1: {myid: 1}, zk2: {myid: 2}, zk3: {myid: 3}}}",
                "    kafka:",
                "      vars: {" + brokerVars + "}",
                "      hosts: {kafka1: {broker_id: 1}, kafka2: {broker_id: 2}, kafka3: {broker_id: 3}}", ""));
    }

    static ProvisionPlan plan(Path inventory) {
        return Workspace.load(inventory, GroupMapping.none(), Optional.empty()).plan();
    }

    static String file(ProvisionPlan plan, String host, String template) {
        HostPlan h = plan.hosts().stream().filter(x -> x.host().equals(host)).findFirst().orElseThrow();
        return h.files().stream().filter(f -> f.template().equals(template)).map(PlannedFile::content).findFirst().orElseThrow();
    }

    /** systemd SIGKILLs a unit still stopping after TimeoutStopSec; "infinity" never. */
    static void outlastsTheRoll(String unit) {
        Matcher m = STOP_TIMEOUT.matcher(unit);
        assertThat(m.find()).as(unit).isTrue();
        assertThat(unit).doesNotContain("SendSIGKILL=yes");
        long rollWaits = GateSettings.defaults().stopTimeout().toSeconds();
        assertThat(m.group(1).equals("infinity") || Long.parseLong(m.group(1)) > rollWaits)
                .as("TimeoutStopSec=%s outlasts the %d s a roll waits (--stop-timeout)", m.group(1), rollWaits).isTrue();
    }

    @Test
    void systemdNeverKillsABrokerOrZooKeeperTheRollStillWaitsFor() throws IOException {
        ProvisionPlan plan = plan(inventory("", ""));
        outlastsTheRoll(file(plan, "kafka1", "kafka-server.service.j2"));
        outlastsTheRoll(file(plan, "zk1", "zookeeper-server.service.j2"));
        assertThat(plan.warnings()).noneMatch(w -> w.message().contains("SIGKILL"));
    }

    @Test
    void aStopTimeoutTheRollOutwaitsIsHonouredAndSaidOnce() throws IOException {
        ProvisionPlan plan = plan(inventory("", "kafka_stop_timeout_sec: 120"));
        assertThat(file(plan, "kafka1", "kafka-server.service.j2")).contains("\nTimeoutStopSec=120\n");
        assertThat(plan.warnings()).filteredOn(w -> w.message().contains("SIGKILL")).singleElement()
                .extracting(Finding.Warning::message).asString().contains("kafka1, kafka2, kafka3").contains("300 s");
    }

    @Test
    void aStopTimeoutSystemdCouldNotReadIsRefusedWithItsPlace() throws IOException {
        Path inv = inventory("", "kafka_stop_timeout_sec: 5 minutes");
        CliRun run = CliRun.of("plan", inv.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(inv + ":6").contains("kafka_stop_timeout_sec of host kafka1 is '5 minutes'")
                .contains("fix: set kafka_stop_timeout_sec to infinity");
    }

    @Test
    void anOpenZooKeeperIsSaidOnceWithTheVariableThatClosesIt() throws IOException {
        ProvisionPlan plan = plan(inventory("", ""));
        assertThat(plan.warnings()).filteredOn(w -> w.message().contains("ZooKeeper's client port")).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("zk1:2181, zk2:2181, zk3:2181").contains("open to anyone"))
                .satisfies(w -> assertThat(w.fix()).contains("zookeeper_client_authentication_type: digest"));
        assertThat(file(plan, "zk1", "zoo.cfg.j2")).doesNotContain("authProvider");
        assertThat(file(plan, "kafka1", "server.properties.j2")).doesNotContain("zookeeper.set.acl");
        assertThat(plan.hosts()).allSatisfy(h -> assertThat(h.files()).extracting(PlannedFile::template)
                .doesNotContain("kafka_server_jaas.conf.j2", "zookeeper_jaas.conf.j2"));
    }

    @Test
    void digestLoginsCloseZooKeeperAndTheBrokersLogInAndSetAcls() throws IOException {
        // cp-ansible's older name works too
        ProvisionPlan plan = plan(inventory("zookeeper_sasl_protocol: digest, zookeeper_digest_users: {kafka_broker: "
                + "{principal: kafka, password: s3cret}}", ""));
        assertThat(plan.warnings()).noneMatch(w -> w.message().contains("ZooKeeper's client port") || w.message().contains("log in"));
        assertThat(file(plan, "zk1", "zoo.cfg.j2")).contains(
                "authProvider.1=org.apache.zookeeper.server.auth.SASLAuthenticationProvider\n",
                "enforce.auth.enabled=true\n", "enforce.auth.schemes=sasl\n");
        assertThat(file(plan, "zk1", "zookeeper_jaas.conf.j2")).contains("user_kafka=\"s3cret\";");
        assertThat(file(plan, "zk1", "zookeeper-server.service.j2"))
                .contains("-Djava.security.auth.login.config=/usr/local/zookeeper/conf/zookeeper_jaas.conf\"");
        assertThat(file(plan, "kafka1", "server.properties.j2")).contains("\nzookeeper.set.acl=true\n");
        assertThat(file(plan, "kafka1", "kafka_server_jaas.conf.j2")).startsWith("Client {").contains("username=\"kafka\"")
                .doesNotContain("KafkaServer");
        assertThat(file(plan, "kafka1", "kafka-server.service.j2")).contains("KAFKA_OPTS=-Djava.security.auth.login.config=");
        HostPlan zk1 = plan.hosts().stream().filter(h -> h.host().equals("zk1")).findFirst().orElseThrow();
        assertThat(zk1.files()).filteredOn(f -> f.template().equals("zookeeper_jaas.conf.j2")).singleElement()
                .satisfies(f -> assertThat(f.secret()).isTrue()).satisfies(f -> assertThat(f.mode()).isEqualTo("0600"))
                .satisfies(f -> assertThat(f.owner()).isEqualTo("zookeeper"));
    }

    @Test
    void zooKeeperBeforeThreeSevenCannotRefuseAnonymousSessionsAndThePlanSaysSo() throws IOException {
        ProvisionPlan plan = plan(inventory("zookeeper_version: 3.5.9, zookeeper_client_authentication_type: digest, "
                + "zookeeper_digest_users: {kafka_broker: {principal: kafka, password: s3cret}}", ""));
        assertThat(file(plan, "zk1", "zoo.cfg.j2")).contains("authProvider.1=").doesNotContain("enforce.auth");
        assertThat(plan.warnings()).filteredOn(w -> w.message().contains("ZooKeeper 3.5.9 takes sessions that did not log in"))
                .singleElement().extracting(Finding.Warning::fix).asString().contains("3.7");
    }

    @Test
    void digestWithoutTheBrokersLoginIsRefusedBeforeAnyHostIsTouched() throws IOException {
        Path inv = inventory("zookeeper_client_authentication_type: digest, zookeeper_digest_users: {admin: "
                + "{principal: admin, password: x}}", "");
        CliRun run = CliRun.of("plan", inv.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(inv + ":2").contains("zookeeper_digest_users of host kafka1 has no 'kafka_broker' entry")
                .contains("fix: give zookeeper_digest_users as {kafka_broker: {principal: kafka, password: ...}");
    }

    @Test
    void anAuthenticationTheOrchestratorCannotSetUpIsRefused() throws IOException {
        CliRun run = CliRun.of("plan", inventory("zookeeper_client_authentication_type: kerberos", "").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("zookeeper_client_authentication_type of host zk1 is 'kerberos'").contains("digest");
    }

    @Test
    void jmxOnTheNetworkWithoutLoginsIsRefused() throws IOException {
        Path inv = inventory("", "kafka_jmx_host: 0.0.0.0");
        CliRun run = CliRun.of("plan", inv.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(inv + ":6").contains("would open JMX on 0.0.0.0 without a login")
                .contains("kafka_jmx_password_file");
    }

    @Test
    void jmxWithLoginsMayListenOnTheNetwork() throws IOException {
        ProvisionPlan plan = plan(inventory("", "kafka_jmx_host: 0.0.0.0, kafka_jmx_password_file: /etc/kafka/jmx.password, "
                + "kafka_jmx_access_file: /etc/kafka/jmx.access"));
        assertThat(file(plan, "kafka1", "jmx.j2")).contains("jmxremote.host=0.0.0.0 ", "jmxremote.authenticate=true ",
                "jmxremote.password.file=/etc/kafka/jmx.password ", "-Djava.rmi.server.hostname=kafka1 ").doesNotContain("local.only");
        assertThat(file(plan(inventory("", "")), "kafka1", "jmx.j2"))
                .contains("jmxremote.host=127.0.0.1 ", "authenticate=false").doesNotContain("-Dcom.sun.management.jmxremote ");
    }

    @Test
    void theUnitsRunAsTheInventorysUsersAndTheirGroupsDefaultToThem() throws IOException {
        ProvisionPlan plan = plan(inventory("zookeeper_user: svc-zk", "kafka_user: svc-kafka"));
        assertThat(file(plan, "kafka1", "kafka-server.service.j2")).contains("\nUser=svc-kafka\nGroup=svc-kafka\n");
        assertThat(file(plan, "zk1", "zookeeper-server.service.j2")).contains("\nUser=svc-zk\nGroup=svc-zk\n");
        assertThat(plan.steps()).extracting(s -> s.action()).contains("create system user svc-zk and the data dir",
                "create system user svc-kafka and log dirs on every data disk");
        for (HostPlan h : plan.hosts()) {
            assertThat(h.files()).allSatisfy(f -> assertThat(f.owner()).isEqualTo(f.path().endsWith(".service") ? "root"
                    : h.node().broker() ? "svc-kafka" : "svc-zk"));
        }
        assertThat(CliRun.of("plan", inventory("", "kafka_user: 'Kafka Svc'").toString()).err())
                .contains("kafka_user of host kafka1 is 'Kafka Svc', not a user or group name");
    }
}
