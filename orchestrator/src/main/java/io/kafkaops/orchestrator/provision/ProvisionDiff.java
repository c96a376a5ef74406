package io.kafkaops.orchestrator.provision;

import io.kafkaops.orchestrator.host.HostFacts;
import io.kafkaops.orchestrator.install.Artifact;

import io.kafkaops.orchestrator.cluster.NodeSettings;
import io.kafkaops.orchestrator.cluster.Role;
import io.kafkaops.orchestrator.install.InstallLayout;
import io.kafkaops.orchestrator.version.ClusterMode;
import io.kafkaops.orchestrator.install.StorageFormat;
import io.kafkaops.orchestrator.plan.HostPlan;
import io.kafkaops.orchestrator.plan.PlannedFile;
import io.kafkaops.orchestrator.plan.SecretMask;
import io.kafkaops.orchestrator.security.LiveSecurity;
import io.kafkaops.orchestrator.security.SecureStages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Facts -> changes, pure: yields a change only where the host differs from the plan, and
 * refuses a host whose data belongs to another broker or whose Kafka is another version.
 */
public final class ProvisionDiff {
    private ProvisionDiff() {}

    /** The releases to install: install dir and its tarball per role. */
    public record Install(String installDir, Artifact artifact) {
        /** The release's install dir and its tarball (with the .sha512 beside it) from the artifact folder. */
        public static Install from(Path artifactFolder, String installDir, String tarballName) {
            return new Install(installDir, Artifact.find(artifactFolder, tarballName, "artifact_dir"));
        }
    }

    /** A host of a ZooKeeper-mode cluster. */
    public static HostChanges of(HostPlan plan, HostFacts facts, Install zookeeper, Install kafka) {
        return of(plan, facts, zookeeper, kafka, Optional.empty());
    }

    /** @param clusterId the KRaft cluster's id (read back from the hosts, the inventory's, or generated); empty in ZooKeeper mode */
    public static HostChanges of(HostPlan plan, HostFacts facts, Install zookeeper, Install kafka, Optional<String> clusterId) {
        NodeSettings node = plan.node();
        List<Change> changes = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        if (facts.java().isEmpty()) {
            refusals.add("no java on " + plan.host() + "; install a JDK 17 (e.g. apt-get install openjdk-17-jre-headless) first");
        }
        if (node.zookeeper()) {
            role(Role.ZOOKEEPER, plan, facts, changes, refusals, node.services().zookeeperUser(), node.services().zookeeperGroup(),
                    InstallLayout.ZOOKEEPER_HOME,
                    InstallLayout.ZOOKEEPER_UNIT, zookeeper, List.of(node.zookeeperDataDir()),
                    "zoo.cfg.j2|myid.j2|zookeeper_jaas.conf.j2|zookeeper-server.service.j2", Optional.empty());
            Integer existing = facts.myids().get(node.zookeeperDataDir());
            if (existing != null && !existing.equals(node.myid())) {
                refusals.add(node.zookeeperDataDir() + "/myid on " + plan.host() + " says " + existing + " but the inventory gives myid "
                        + node.myid() + "; refusing to touch this host - fix the inventory's myid, or move the data away yourself");
            }
            facts.liveZookeeperDataDir().filter(live -> !live.equals(node.zookeeperDataDir()) && facts.dataIn().containsKey(live))
                    .ifPresent(live -> refusals.add(movedData(plan.host(), InstallLayout.zookeeperConfig("zoo.cfg"), "dataDir", live,
                            live, facts.dataIn().get(live), node.zookeeperDataDir(), "zookeeper_data_dir: " + live)));
        }
        if (node.kafka()) {
            Role role = node.broker() ? Role.BROKER : Role.CONTROLLER;
            Optional<Change> format = node.kraft() == null ? Optional.empty()
                    : storage(plan, facts, role, clusterId.orElseThrow(() -> new IllegalStateException("no cluster id")), refusals);
            role(role, plan, facts, changes, refusals, node.services().kafkaUser(), node.services().kafkaGroup(),
                    InstallLayout.KAFKA_HOME,
                    InstallLayout.KAFKA_UNIT, kafka, node.logDirs(),
                    "server.properties.j2|controller.properties.j2|log4j.properties.j2|jmx.j2|kafka_server_jaas.conf.j2"
                            + "|kafka-server.service.j2|tls", format);
            for (String dir : node.logDirs()) {
                Integer owner = facts.metaBrokerIds().get(dir);
                if (node.kraft() == null && owner != null && !owner.equals(node.brokerId())) {
                    refusals.add(dir + "/meta.properties on " + plan.host() + " belongs to broker.id " + owner
                            + " but the inventory gives broker.id " + node.brokerId()
                            + "; refusing to touch this host (a wrong inventory must not wipe or hijack a broker)"
                            + " - fix the inventory's broker id");
                }
            }
            if (node.broker()) securityOfARunningBroker(plan, facts).ifPresent(refusals::add);
            metadataModeChange(plan, facts).ifPresent(refusals::add);
            for (String live : facts.liveLogDirs()) {
                if (node.logDirs().contains(live) || !facts.dataIn().containsKey(live)) continue;
                refusals.add(movedData(plan.host(), InstallLayout.kafkaConfig("server.properties"), "log.dirs",
                        String.join(",", facts.liveLogDirs()), live, facts.dataIn().get(live), String.join(",", node.logDirs()),
                        "kafka_log_dirs: [" + String.join(", ", facts.liveLogDirs()) + "]"));
            }
        }
        return new HostChanges(plan.host(), refusals.isEmpty() ? List.copyOf(changes) : List.of(), List.copyOf(refusals));
    }

    /**
     * A node whose live config is in another metadata mode than the one provision would write: a cluster in the middle of
     * its ZooKeeper -> KRaft migration (provision would put ZooKeeper mode back under a migrating broker), or one whose
     * inventory names the wrong groups. Only `upgrade --mode kraft` moves a node between modes, one gated roll at a time.
     */
    static Optional<String> metadataModeChange(HostPlan plan, HostFacts facts) {
        NodeSettings node = plan.node();
        ClusterMode wanted = node.kraft() == null ? ClusterMode.ZOOKEEPER : node.kraft().mode();
        Optional<ClusterMode> live = facts.kafka().metadataMode();
        if (live.isEmpty() || live.get() == wanted || facts.link(InstallLayout.KAFKA_HOME).isEmpty()) return Optional.empty();
        return Optional.of(plan.host() + " runs in " + live.get().words() + " (its " + node.kafkaProperties() + "), but this provision "
                + "would write " + wanted.words() + " configs; refusing to touch this host - a cluster being migrated goes on with "
                + "`upgrade --to <its version> --mode kraft`, and once every node runs KRaft the inventory's ZooKeeper group is removed");
    }

    private static void role(Role role, HostPlan plan, HostFacts facts, List<Change> changes, List<String> refusals, String user,
                             String group, String home, String unit, Install install, List<String> dataDirs, String templates,
                             Optional<Change> format) {
        if (!facts.userExists(user)) changes.add(new Change.CreateUser(role, user, group));
        for (String dir : dataDirs) {
            if (!facts.dirExists(dir)) changes.add(new Change.CreateDir(role, dir, user));
        }
        Optional<String> current = facts.link(home);
        if ("not-a-link".equals(facts.links().get(home))) {
            refusals.add(home + " on " + plan.host()
                    + " is a real directory, not a symlink; move it aside so the versioned layout can be used");
            return;
        }
        // a stopped broker on another version is what a halted upgrade leaves: re-linking and starting it would skip the gates
        if (current.isPresent() && !current.get().equals(install.installDir()) && (facts.active(unit) || role != Role.ZOOKEEPER)) {
            refusals.add(unit + " on " + plan.host() + (facts.active(unit) ? " runs " : " is stopped on ") + current.get()
                    + ", the inventory asks for " + install.installDir()
                    + "; changing versions of an installed cluster is an upgrade: run orchestrator upgrade (it also resumes a halted one)");
            return;
        }
        if (!facts.installed().containsKey(install.installDir())) {
            if (!facts.staged().containsKey(install.artifact().remotePath())) {
                Artifact a = install.artifact();
                changes.add(new Change.StageArtifact(role, a.tarball(), a.remotePath(), a.sha512()));
            }
            changes.add(new Change.Unpack(role, install.artifact().remotePath(), install.installDir(), user));
        }
        if (current.isEmpty() || !current.get().equals(install.installDir())) {
            changes.add(new Change.Link(role, home, install.installDir(), current.orElse(null)));
        }
        boolean unitChanged = false;
        boolean configChanged = false;
        for (PlannedFile f : plan.files()) {
            if (!f.template().matches(templates)) continue;
            Optional<HostFacts.ExistingFile> existing = facts.file(f.path());
            boolean differs = existing.isEmpty() || !(f.binary() ? existing.get().base64() : existing.get().content()).equals(f.content())
                    || !existing.get().owner().equals(f.owner()) || !normalMode(existing.get().mode()).equals(normalMode(f.mode()));
            if (!differs) continue;
            String diff = existing.isEmpty() || f.secret() ? ""
                    : SecretMask.diff(f.path() + " (on host)", existing.get().content(), f.path() + " (planned)", f.content());
            changes.add(new Change.WriteFile(role, f, diff, existing.isEmpty()));
            if (f.path().endsWith(".service")) unitChanged = true;
            else configChanged = true;
        }
        // after the config it reads, before the first start: Kafka refuses to start on unformatted KRaft dirs
        format.ifPresent(changes::add);
        if (unitChanged) changes.add(new Change.DaemonReload(Change.DaemonReload.EVERY_PHASE));
        if (!facts.enabled(unit)) changes.add(new Change.Enable(role, unit));
        if (!facts.active(unit)) {
            changes.add(new Change.Start(role, unit));
        } else if (unitChanged || configChanged) {
            changes.add(new Change.NeedsRestart(role, unit, "the changed " + (unitChanged ? "unit" : "config")));
        }
    }

    /** A KRaft node's log dirs: formatted when all are empty, left alone when all are this node's, else refused (never reformatted). */
    private static Optional<Change> storage(HostPlan plan, HostFacts facts, Role role, String clusterId, List<String> refusals) {
        NodeSettings node = plan.node();
        List<StorageFormat.DirFacts> dirs = node.logDirs().stream().map(d -> new StorageFormat.DirFacts(d,
                !facts.nonEmptyDirs().contains(d), Optional.ofNullable(facts.metaProperties().get(d)))).toList();
        StorageFormat.Decision decision = StorageFormat.decide(plan.host(), dirs, clusterId, node.kraft().nodeId());
        if (decision instanceof StorageFormat.Refuse r) {
            refusals.add(r.reason() + "; refusing to touch this host - " + r.hint());
            return Optional.empty();
        }
        if (!(decision instanceof StorageFormat.Format f)) return Optional.empty();
        return Optional.of(new Change.FormatStorage(role, f.dirs(), StorageFormat.formatArgs(InstallLayout.KAFKA_HOME, clusterId,
                InstallLayout.kafkaConfig(node.kafkaProperties())), node.services().kafkaUser()));
    }

    /**
     * A running broker whose listeners, inter-broker listener or authorizer the plan changes: a restart would put it on its
     * own beside brokers that cannot talk to it (or cut clients off), so the switch goes through `orchestrator secure`.
     */
    static Optional<String> securityOfARunningBroker(HostPlan plan, HostFacts facts) {
        String path = InstallLayout.kafkaConfig("server.properties");
        Optional<HostFacts.ExistingFile> live = facts.file(path);
        Optional<PlannedFile> planned = plan.files().stream().filter(f -> f.path().equals(path)).findFirst();
        if (!facts.active(InstallLayout.KAFKA_UNIT) || live.isEmpty() || planned.isEmpty()) return Optional.empty();
        LiveSecurity now = LiveSecurity.parse(live.get().content());
        LiveSecurity next = LiveSecurity.parse(planned.get().content());
        if (SecureStages.Shape.of(now).equals(SecureStages.Shape.of(next))) return Optional.empty();
        return Optional.of("the broker on " + plan.host() + " runs listeners " + names(now) + " (brokers over " + now.interBrokerListener()
                + (now.authorizer().isPresent() ? ", authorizer on" : "") + "), the inventory asks for " + names(next) + " (brokers over "
                + next.interBrokerListener() + (next.authorizer().isPresent() ? ", authorizer on" : "")
                + "); changing the security of a running cluster takes gated rolls in order: run orchestrator secure");
    }

    private static String names(LiveSecurity s) {
        return s.listeners().stream().map(l -> l.name() + ":" + l.port()).toList().toString();
    }

    /** A planned data dir that is not the live one, while the live one holds data: the service would start empty. */
    private static String movedData(String host, String config, String key, String liveValue, String liveDir, String evidence,
                                    String planned, String fix) {
        return config + " on " + host + " has " + key + "=" + liveValue + " and " + liveDir + " holds data (" + evidence
                + "), but the inventory plans " + key + "=" + planned + "; the service would start on empty dirs - set " + fix
                + " in the inventory, or move the data to " + planned + " yourself";
    }

    private static String normalMode(String mode) {
        return mode.replaceFirst("^0+(?=\\d)", "");
    }

}
