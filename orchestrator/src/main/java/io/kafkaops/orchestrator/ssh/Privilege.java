package io.kafkaops.orchestrator.ssh;

/** Who a remote command runs as: root (through {@code sudo -n} when the inventory asks for become), or the SSH user. */
public enum Privilege {
    /** Installs, units, systemctl: root, via sudo when the SSH user is not root and {@code ansible_become} is set. */
    ROOT,
    /** Reads that need no root: run as the SSH user, never through sudo. */
    SSH_USER
}
