#!/usr/bin/env bash
# Environment for the ZooKeeper @version@ scripts, sourced by zkServer.sh and zkCli.sh, as Apache's zkEnv.sh:
# ZOOCFGDIR (default <install>/conf), ZOOCFG (zoo.cfg), ZOO_LOG_DIR (<install>/logs), JAVA_HOME,
# ZK_SERVER_HEAP / ZK_CLIENT_HEAP in MB (1000 / 256), SERVER_JVMFLAGS, CLIENT_JVMFLAGS, JVMFLAGS.
# conf/zookeeper-env.sh and conf/java.env are sourced when present.

ZOOBINDIR="${ZOOBINDIR:-/usr/bin}"
ZOOKEEPER_PREFIX="${ZOOBINDIR}/.."

# check to see if the conf dir is given as an optional argument
if [ $# -gt 1 ]; then
  if [ "--config" = "$1" ]; then
    shift
    confdir=$1
    shift
    ZOOCFGDIR=$confdir
  fi
fi

if [ "x$ZOOCFGDIR" = "x" ]; then
  if [ -e "${ZOOKEEPER_PREFIX}/conf" ]; then
    ZOOCFGDIR="$ZOOBINDIR/../conf"
  else
    ZOOCFGDIR="$ZOOBINDIR/../etc/zookeeper"
  fi
fi

if [ -f "${ZOOCFGDIR}/zookeeper-env.sh" ]; then
  . "${ZOOCFGDIR}/zookeeper-env.sh"
fi

if [ "x$ZOOCFG" = "x" ]; then
  ZOOCFG="zoo.cfg"
fi

ZOOCFG="$ZOOCFGDIR/$ZOOCFG"

if [ -f "$ZOOCFGDIR/java.env" ]; then
  . "$ZOOCFGDIR/java.env"
fi

if [ "x${ZOO_LOG_DIR}" = "x" ]; then
  ZOO_LOG_DIR="$ZOOKEEPER_PREFIX/logs"
fi

if [[ -n "$JAVA_HOME" ]] && [[ -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
elif type -p java > /dev/null 2>&1; then
  JAVA=java
else
  echo "Error: JAVA_HOME is not set and java could not be found in PATH." 1>&2
  exit 1
fi

# conf/ first so logback.xml is found on the classpath, then every jar in lib/
CLASSPATH="$ZOOCFGDIR:$CLASSPATH"
for d in "$ZOOKEEPER_PREFIX"/lib/*.jar; do
  CLASSPATH="$CLASSPATH:$d"
done

# default heap for zookeeper server
ZK_SERVER_HEAP="${ZK_SERVER_HEAP:-1000}"
export SERVER_JVMFLAGS="-Xmx${ZK_SERVER_HEAP}m $SERVER_JVMFLAGS"

# default heap for zookeeper client
ZK_CLIENT_HEAP="${ZK_CLIENT_HEAP:-256}"
export CLIENT_JVMFLAGS="-Xmx${ZK_CLIENT_HEAP}m $CLIENT_JVMFLAGS"
