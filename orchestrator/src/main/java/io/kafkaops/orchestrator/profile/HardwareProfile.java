package io.kafkaops.orchestrator.profile;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A hardware profile from hardware-profiles/NAME.yml. Heaps are derived unless pinned here. */
public record HardwareProfile(
        String name,
        String description,
        int memoryGb,
        int cores,
        int nicGbps,
        List<Disk> disks,
        Optional<Integer> kafkaHeapMb,
        Optional<Integer> zookeeperHeapMb,
        Path source) {}
