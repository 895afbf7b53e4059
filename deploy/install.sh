#!/usr/bin/env bash
# Installs a published SolarHub and its systemd unit (deploy/README.md walks through the whole install).
#
#   sudo deploy/install.sh <publish-dir>
#
# copies <publish-dir> (the output of 'dotnet publish src/SolarHub.Cli ...', holding the 'solarhub' executable) to
# /opt/solarhub, the unit to /etc/systemd/system/solarhub.service and the cluster node's template unit to
# /etc/systemd/system/solarhub@.service, and creates /etc/solarhub for config.yaml, the optional solarhub.env and a
# cluster node's <node>.env. It neither imports a configuration nor enables or starts either unit: those are the next
# steps, printed at the end (one node alone: solarhub.service; a cluster node: solarhub@<node>.service, docs/cluster.md).
# Running it again replaces the program and the units and leaves /etc/solarhub and the database alone.
#
# DESTDIR=<dir> installs under <dir> instead of / (for packaging and for tests) and skips systemctl.
set -euo pipefail

if [[ $# -ne 1 || ! -x "$1/solarhub" ]]; then
  echo "usage: $0 <publish-dir>   (a folder holding the published 'solarhub' executable)" >&2
  exit 2
fi
publish=$1
here=$(cd "$(dirname "$0")" && pwd)
root=${DESTDIR:-}

# A fresh copy, so files of an older version do not linger beside the new ones.
rm -rf "$root/opt/solarhub"
install -d -m 0755 "$root/opt/solarhub"
# Not cp -a: the files must belong to root, not to whoever built them, or that user could change what the service runs.
cp -R "$publish"/. "$root/opt/solarhub/"
chmod 0755 "$root/opt/solarhub/solarhub"
install -D -m 0644 "$here/solarhub.service" "$root/etc/systemd/system/solarhub.service"
install -D -m 0644 "$here/solarhub@.service" "$root/etc/systemd/system/solarhub@.service"
install -d -m 0755 "$root/etc/solarhub"

if [[ -z "$root" && -d /run/systemd/system ]]; then
  systemctl daemon-reload
fi

cat <<EOF
Installed $root/opt/solarhub/solarhub, $root/etc/systemd/system/solarhub.service and the cluster node's template
$root/etc/systemd/system/solarhub@.service (neither enabled).
Next, one node alone: put your config.yaml in /etc/solarhub/, import it, then enable solarhub (deploy/README.md,
steps 3 and 4). A cluster node: write /etc/solarhub/<node>.env, then enable solarhub@<node> (docs/cluster.md).
EOF
