package io.kafkaops.orchestrator.lab;

/** One lab host: its inventory name (also its hostname) and its address in the lab subnet. */
public record LabHost(String name, String address) {}
