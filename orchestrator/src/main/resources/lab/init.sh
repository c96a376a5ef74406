#!/bin/sh
# PID 1 of a lab host's PID namespace, started (after joining its own cgroup) as
#   ip netns exec NS unshare --mount --uts --ipc --pid --cgroup --fork --kill-child --propagation private init.sh HOST DIR LAB
# Builds the host's root (overlay of / with DIR/upper), then execs systemd as PID 1.
set -eu
HOST="$1"
DIR="$2"
# $3: the lab name, given to systemd as $container
R="$DIR/root"
mkdir -p "$R" "$DIR/upper" "$DIR/work"
mount -t overlay overlay -o "lowerdir=/,upperdir=$DIR/upper,workdir=$DIR/work" "$R"
mount --rbind /dev "$R/dev"
mount -t tmpfs -o mode=1777,size=64m tmpfs "$R/dev/shm"
mount -t proc proc "$R/proc"
mount -t sysfs sysfs "$R/sys"
mount -t cgroup2 cgroup2 "$R/sys/fs/cgroup"
mount -t tmpfs -o mode=755,size=64m tmpfs "$R/run"
mount -t tmpfs -o mode=1777 tmpfs "$R/tmp"
# the lab's own state (every host's upper layer, the lab key) stays out of sight of the hosts
mount -t tmpfs -o mode=700,size=1m tmpfs "$R/var/lib/orchestrator-lab"
hostname "$HOST"
mkdir -p "$R/.oldroot"
cd "$R"
pivot_root . .oldroot
cd /
umount -l /.oldroot
rmdir /.oldroot 2>/dev/null || true
# The host shares the machine's kernel: no capability that reaches past its namespaces. sys_time: the clock (no time
# namespace; timedated once moved the machine's clock by -9 h), sys_module: kernel modules, sys_boot: kexec,
# sys_rawio: ports and /dev/mem, syslog: the kernel log, wake_alarm/block_suspend: the machine's sleep, mac_*: the
# LSM policy, sys_pacct: process accounting, bpf/perfmon: kernel programs and machine-wide tracing.
# What a container's systemd uses (sys_admin for its mounts, net_admin for its own netns) stays.
exec setpriv --inh-caps=-all --ambient-caps=-all \
    --bounding-set=-sys_time,-sys_module,-sys_boot,-sys_rawio,-syslog,-wake_alarm,-block_suspend,-mac_admin,-mac_override,-sys_pacct,-bpf,-perfmon \
    env -i container="$3" PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /lib/systemd/systemd --unit=multi-user.target
