package io.kafkaops.orchestrator.lab;

import io.kafkaops.orchestrator.BadInput;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabSpecTest {

    private static final Subnet NET = Subnet.parse(Subnet.DEFAULT);

    @Test
    void numberedHostsGetAddressesFromTen() {
        LabSpec spec = LabSpec.numbered("lab", NET, 3);
        assertThat(spec.hosts()).containsExactly(new LabHost("host1", "10.213.77.10"),
                new LabHost("host2", "10.213.77.11"), new LabHost("host3", "10.213.77.12"));
        assertThat(NET.gateway()).isEqualTo("10.213.77.1");
    }

    @Test
    void inventoryAddressesInsideTheSubnetAreKeptOthersAssigned() {
        Map<String, Optional<String>> wanted = new LinkedHashMap<>();
        wanted.put("a", Optional.of("10.213.77.10"));
        wanted.put("b", Optional.of("192.168.1.5"));
        wanted.put("c", Optional.empty());
        LabSpec spec = LabSpec.of("lab", NET, wanted);
        assertThat(spec.hosts()).containsExactly(new LabHost("a", "10.213.77.10"),
                new LabHost("b", "10.213.77.11"), new LabHost("c", "10.213.77.12"));
    }

    @Test
    void committedLabInventoryGivesExactlyItsHostsAndAddresses() {
        LabSpec spec = LabSpec.of("lab", NET, LabInventoryReader.hosts(Path.of("inventory/lab.yml")));
        assertThat(spec.hosts()).containsExactly(
                new LabHost("zk1", "10.213.77.11"), new LabHost("zk2", "10.213.77.12"), new LabHost("zk3", "10.213.77.13"),
                new LabHost("kafka1", "10.213.77.21"), new LabHost("kafka2", "10.213.77.22"), new LabHost("kafka3", "10.213.77.23"));
    }

    @Test
    void duplicateAddressesAndBadNamesAreBadInput() {
        Map<String, Optional<String>> wanted = new LinkedHashMap<>();
        wanted.put("a", Optional.of("10.213.77.20"));
        wanted.put("b", Optional.of("10.213.77.20"));
        assertThatThrownBy(() -> LabSpec.of("lab", NET, wanted)).isInstanceOf(BadInput.class).hasMessageContaining("share the address");
        assertThatThrownBy(() -> LabSpec.numbered("Lab-1", NET, 1)).isInstanceOf(BadInput.class);
        assertThatThrownBy(() -> LabSpec.numbered("toolongname", NET, 1)).isInstanceOf(BadInput.class);
    }

    @Test
    void subnetsParseAndRejectNonsense() {
        assertThat(Subnet.parse("10.213.78.0/24").contains("10.213.78.200")).isTrue();
        assertThat(Subnet.parse("10.213.78.0/24").contains("10.213.77.200")).isFalse();
        for (String bad : List.of("10.213.78.1/24", "10.213.78.0", "10.213.78.0/8", "300.1.1.0/24")) {
            assertThatThrownBy(() -> Subnet.parse(bad)).as(bad).isInstanceOf(BadInput.class);
        }
    }

    @Test
    void hostsBlockIsReplacedAndRemovedLeavingTheRestIntact() {
        String original = "127.0.0.1 localhost\n# mine\n";
        String once = HostsBlock.with(original, "lab", List.of(new LabHost("zk1", "10.213.77.11")));
        String twice = HostsBlock.with(once, "lab", List.of(new LabHost("zk1", "10.213.77.11")));
        String other = HostsBlock.with(twice, "lab2", List.of(new LabHost("x", "10.213.78.10")));
        assertThat(twice).isEqualTo(once).contains("10.213.77.11 zk1\n");
        assertThat(HostsBlock.without(HostsBlock.without(other, "lab"), "lab2")).isEqualTo(original);
    }
}
