package io.kafkaops.orchestrator.ssh;

/** What to do with a host key that is not in known_hosts: refuse (default), or accept it on first contact when asked. */
public enum HostKeyPolicy { STRICT, ACCEPT_NEW }
