package io.kafkaops.orchestrator.cluster;

import io.kafkaops.orchestrator.testkit.FakeInventory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kafkaops.orchestrator.cluster.ClusterReaderTest.messages;
import static io.kafkaops.orchestrator.cluster.ClusterReaderTest.read;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterRulesTest {

    static FakeInventory cluster(int zk, int brokers) {
        var inv = new FakeInventory();
        inv.group("zookeeper", java.util.stream.IntStream.rangeClosed(1, zk).mapToObj(i -> "zk" + i).toArray(String[]::new));
        inv.group("kafka", java.util.stream.IntStream.rangeClosed(1, brokers).mapToObj(i -> "kafka" + i).toArray(String[]::new));
        return inv;
    }

    static List<String> problems(FakeInventory inv) {
        return messages(ClusterRules.check(read(inv)), Finding.Problem.class);
    }

    static List<String> warnings(FakeInventory inv) {
        return messages(ClusterRules.check(read(inv)), Finding.Warning.class);
    }

    @Test
    void aHealthyThreeByThreeHasNoProblems() {
        assertThat(problems(cluster(3, 3))).isEmpty();
        assertThat(problems(cluster(5, 6))).isEmpty();
    }

    @Test
    void evenZooKeeperCountIsAProblem() {
        assertThat(problems(cluster(4, 3))).singleElement().asString().contains("even count").contains("4 nodes");
    }

    @Test
    void singleZooKeeperOnlyInTheLab() {
        assertThat(problems(cluster(1, 3))).singleElement().asString().contains("at least 3");
        var lab = cluster(1, 3).varAll("hardware_profile", "lab");
        assertThat(problems(lab)).isEmpty();
        assertThat(warnings(lab)).anyMatch(w -> w.contains("single ZooKeeper"));
    }

    @Test
    void twoBrokersNeedAReplicationFactorBelowThree() {
        assertThat(problems(cluster(3, 2))).anyMatch(p -> p.contains("cannot hold default_replication_factor 3")
                || p.contains("replication factor 3 needs at least 3"));
        var lowRf = cluster(3, 2).varAll("default_replication_factor", 2).varAll("min_insync_replicas", 1);
        assertThat(problems(lowRf)).isEmpty();
    }

    @Test
    void duplicateAndOutOfRangeIds() {
        var dup = cluster(3, 3).var("kafka1", "broker_id", 5).var("kafka2", "broker_id", 5);
        assertThat(problems(dup)).anyMatch(p -> p.contains("broker.id 5 is used by kafka1") && p.contains("kafka2"));
        var badMyid = cluster(3, 3).var("zk1", "myid", 0);
        assertThat(problems(badMyid)).anyMatch(p -> p.contains("ZooKeeper myid 0") && p.contains("outside 1..255"));
        var negative = cluster(3, 3).var("kafka3", "broker_id", -1);
        assertThat(problems(negative)).anyMatch(p -> p.contains("broker.id -1"));
    }

    @Test
    void productionSizingWarningsCarryTheReason() {
        var inv = cluster(3, 3);
        List<String> w = warnings(inv);
        assertThat(w).anyMatch(s -> s.contains("not spread over 2 or more racks/AZs"));
        var nas = cluster(3, 3).varAll("hardware_profile", "zookeeper");
        assertThat(warnings(nas)).anyMatch(s -> s.contains("8 GB RAM") && s.contains("page cache"))
                .anyMatch(s -> s.contains("1 GbE"));
    }

    @Test
    void racksSilenceTheSpreadWarning() {
        var inv = cluster(3, 3);
        for (int i = 1; i <= 3; i++) {
            inv.var("kafka" + i, "broker_rack", "az" + i).var("zk" + i, "rack", "az" + i);
        }
        assertThat(warnings(inv)).noneMatch(s -> s.contains("racks/AZs"));
    }

    @Test
    void minIsrEqualToRfWarnsAndAboveIsAProblem() {
        assertThat(warnings(cluster(3, 3).varAll("min_insync_replicas", 3))).anyMatch(s -> s.contains("block whenever one broker restarts"));
        assertThat(problems(cluster(3, 3).varAll("min_insync_replicas", 4))).anyMatch(s -> s.contains("no acks=all write"));
    }

    @Test
    void coLocatedRolesWarn() {
        var inv = new FakeInventory().group("zookeeper", "n1", "n2", "n3").group("kafka", "n1", "n2", "n3");
        assertThat(problems(inv)).isEmpty();
        assertThat(warnings(inv)).anyMatch(s -> s.contains("n1 runs both ZooKeeper and a broker"));
    }

    @Test
    void sharedAnsibleHostWarns() {
        var inv = cluster(3, 3).var("kafka1", "ansible_host", "10.0.0.5").var("kafka2", "ansible_host", "10.0.0.5");
        assertThat(warnings(inv)).anyMatch(s -> s.contains("kafka1 and kafka2 share the address 10.0.0.5"));
    }
}
