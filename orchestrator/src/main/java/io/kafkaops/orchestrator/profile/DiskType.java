package io.kafkaops.orchestrator.profile;

/** Kinds of data disk the sizing rules tell apart. */
public enum DiskType { SSD, NVME, SATA, SAS, NAS, EBS }
