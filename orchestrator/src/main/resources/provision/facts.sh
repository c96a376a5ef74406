# Reads what is on a host, one fact per line: KIND<TAB>KEY<TAB>VALUE. Read-only: changes nothing.
# Arguments: the files to read (content, base64), then "--" and the data dirs to inspect.
# The layout comes from InstallLayout, set before this script by HostFacts.command: LINKS (the current-version symlinks),
# INSTALLS (globs of the versioned dirs), USERS, UNITS, CACHE (where tarballs are staged) and KAFKA_CONFIG/ZOOKEEPER_CONFIG
# (the installed server.properties and zoo.cfg, whose data dirs are the live ones).
# After it comes the Kafka install as rolls read it (HostReading.command(): key=value lines), so a host is read one way.
fact() { printf '%s\t%s\t%s\n' "$1" "$2" "$3"; }
if command -v java >/dev/null 2>&1; then fact java version "$(java -version 2>&1 | head -1)"; else fact java version absent; fi
for link in $LINKS; do
  if [ -L "$link" ]; then fact link "$link" "$(readlink "$link")"; elif [ -e "$link" ]; then fact link "$link" not-a-link; else fact link "$link" absent; fi
done
for d in $INSTALLS; do [ -d "$d" ] && fact installed "$d" "$(ls "$d" | tr '\n' ' ')"; done
for u in $USERS; do if id -u "$u" >/dev/null 2>&1; then fact user "$u" "$(id -u "$u")"; else fact user "$u" absent; fi; done
for unit in $UNITS; do
  fact enabled "$unit" "$(systemctl is-enabled "$unit" 2>/dev/null || true)"
  fact active "$unit" "$(systemctl is-active "$unit" 2>/dev/null || true)"
  fact pid "$unit" "$(systemctl show -p MainPID --value "$unit" 2>/dev/null || echo 0)"
done
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  f="$1"; shift
  if [ -f "$f" ]; then fact file "$f" "$(stat -c '%U %a' "$f") $(base64 -w0 < "$f")"; else fact file "$f" absent; fi
done
[ "$1" = "--" ] && shift
for d in "$@"; do
  if [ -d "$d" ]; then
    fact dir "$d" "$(stat -c '%U %a' "$d")"
    [ -f "$d/meta.properties" ] && fact meta "$d" "$(sed -n 's/^broker\.id=//p' "$d/meta.properties")"
    # KRaft: the whole meta.properties (cluster.id, node.id, version), and whether the dir holds anything at all
    [ -f "$d/meta.properties" ] && fact metafile "$d" "$(base64 -w0 < "$d/meta.properties")"
    # a dir this read cannot look into counts as holding something: it is never taken for an empty one to format
    if [ -r "$d" ] && [ -x "$d" ]; then fact entries "$d" "$(ls -A "$d" 2>/dev/null | head -1 | wc -l)"; else fact entries "$d" 1; fi
    [ -f "$d/myid" ] && fact myid "$d" "$(tr -d '[:space:]' < "$d/myid")"
  else
    fact dir "$d" absent
  fi
done
for f in "$CACHE"/*.tgz "$CACHE"/*.tar.gz; do [ -f "$f" ] && fact staged "$f" "$(stat -c %s "$f")"; done
# The dirs the installed services run on (not the planned ones), and which of them hold data: provision refuses to move
# a service off a dir with data (it would start empty). A dir this read cannot look into counts as holding data.
setting() { [ -f "$1" ] && sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*//p" "$1" | tail -1 | tr -d '[:space:]'; }
kdirs=$(setting "$KAFKA_CONFIG" 'log\.dirs'); [ -n "$kdirs" ] || kdirs=$(setting "$KAFKA_CONFIG" 'log\.dir')
# a KRaft controller runs on controller.properties beside it
[ -n "$kdirs" ] || kdirs=$(setting "${KAFKA_CONFIG%/*}/controller.properties" 'log\.dirs')
zdir=$(setting "$ZOOKEEPER_CONFIG" 'dataDir')
[ -n "$kdirs" ] && fact live kafka "$kdirs"
[ -n "$zdir" ] && fact live zookeeper "$zdir"
for d in $(echo "$kdirs" | tr ',' ' ') $zdir; do
  [ -d "$d" ] || continue
  if [ ! -r "$d" ] || [ ! -x "$d" ]; then fact data "$d" "unreadable by $(id -un)"
  elif [ -f "$d/meta.properties" ]; then fact data "$d" meta.properties
  elif [ -d "$d/version-2" ]; then fact data "$d" version-2
  elif [ -n "$(find "$d" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -1)" ]; then fact data "$d" "partition dirs"
  fi
done
