#!/usr/bin/env bash
# Services the end-to-end tests need, installed and started by the project itself:
#   Docker engine (Debian docker.io, BuildKit through /usr/bin/docker), a local image
#   registry on 127.0.0.1:5000 (Debian docker-registry), mmdebstrap and buildah, and Debian 13's
#   docker-buildx plugin in a folder of its own (only a run that sets DOCKER_CONFIG to it sees buildx).
# The local npm registry (verdaccio) is started by e2e/global-setup.ts, not here.
#
#   scripts/services.sh up      install what is missing (apt, needs root), start what is down
#   scripts/services.sh down    stop what `up` started (nothing else)
#   scripts/services.sh status  one line per service
set -euo pipefail

STATE_DIR="${DOCKER_MS_SERVICES_DIR:-/tmp/docker-ms-services}"
REGISTRY_ROOT="${DOCKER_MS_REGISTRY_ROOT:-/var/lib/docker-ms-registry}"
REGISTRY_ADDR="127.0.0.1:5000"
DOCKER=/usr/bin/docker # Debian's 20.10 client: the one that runs BuildKit without buildx
# git: the e2e suites create git repositories (labels, nx affected)
# Debian 13's docker-buildx (needs only libc6 >= 2.34) kept out of docker's plugin path, so the engine every
# other suite resolves stays the same: DOCKER_CONFIG=$BUILDX_CONFIG (a copy) makes `docker buildx` available.
BUILDX_CONFIG="${DOCKER_MS_BUILDX_CONFIG:-/usr/local/lib/docker-ms/buildx}"
DEBIAN_MIRROR=http://deb.debian.org/debian
APT_PACKAGES=(docker.io mmdebstrap docker-registry buildah uidmap fuse-overlayfs runc ca-certificates xz-utils curl git)

log() { printf 'services: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

missing_packages() {
  local p status
  for p in "${APT_PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || printf '%s\n' "$p"
  done
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] || die "missing apt packages (${missing[*]}) and not root: run 'sudo $0 up'"
  log "installing ${missing[*]}"
  # Keep package scripts from starting daemons through init scripts: we start them ourselves.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
  fi
  local rc=0
  {
    apt-get -o DPkg::Lock::Timeout=300 update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
        --no-install-recommends "${missing[@]}"
  } >"$STATE_DIR/apt.log" 2>&1 || rc=$?
  ((created_policy)) && rm -f "$policy"
  ((rc == 0)) || { tail -n 30 "$STATE_DIR/apt.log" >&2; die "apt-get install failed (log: $STATE_DIR/apt.log)"; }
}

install_buildx() {
  local plugin="$BUILDX_CONFIG/cli-plugins/docker-buildx"
  [[ -x $plugin ]] && return 0
  [[ $(id -u) == 0 ]] || die "docker-buildx missing at $plugin and not root: run 'sudo $0 up'"
  local tmp arch file sum
  tmp=$(mktemp -d)
  arch=$(dpkg --print-architecture)
  log "installing Debian 13's docker-buildx into $BUILDX_CONFIG"
  curl -fsS -m 120 "$DEBIAN_MIRROR/dists/trixie/main/binary-$arch/Packages.xz" | xz -dc |
    awk '/^Package: docker-buildx$/,/^$/' >"$tmp/stanza" || die "cannot read trixie's package index from $DEBIAN_MIRROR"
  file=$(sed -n 's/^Filename: //p' "$tmp/stanza")
  sum=$(sed -n 's/^SHA256: //p' "$tmp/stanza")
  [[ -n $file && -n $sum ]] || die "docker-buildx is not in trixie's package index"
  curl -fsS -m 300 -o "$tmp/buildx.deb" "$DEBIAN_MIRROR/$file" || die "cannot download $DEBIAN_MIRROR/$file"
  echo "$sum  $tmp/buildx.deb" | sha256sum -c --quiet - || die "$file: checksum differs from the package index"
  dpkg-deb -x "$tmp/buildx.deb" "$tmp/root"
  install -D -m 0755 "$tmp/root/usr/libexec/docker/cli-plugins/docker-buildx" "$plugin"
  rm -rf "$tmp"
  DOCKER_CONFIG=$BUILDX_CONFIG "$DOCKER" buildx version >&2 || die "docker-buildx does not run with $DOCKER"
}

docker_up() { timeout 10 "$DOCKER" info >/dev/null 2>&1; }

start_docker() {
  if docker_up; then log "docker engine: already running"; return 0; fi
  command -v dockerd >/dev/null || die "dockerd not found after install"
  log "starting dockerd (log: $STATE_DIR/dockerd.log)"
  setsid dockerd >"$STATE_DIR/dockerd.log" 2>&1 </dev/null 9>&- &
  echo $! >"$STATE_DIR/dockerd.pid"
  local i
  for ((i = 0; i < 60; i++)); do
    docker_up && { log "docker engine: up after ${i}s"; return 0; }
    kill -0 "$(cat "$STATE_DIR/dockerd.pid")" 2>/dev/null || break
    sleep 1
  done
  tail -n 20 "$STATE_DIR/dockerd.log" >&2
  die "dockerd did not answer within 60s"
}

registry_up() { curl -fsS -m 3 "http://$REGISTRY_ADDR/v2/" >/dev/null 2>&1; }

start_registry() {
  if registry_up; then log "image registry: already on $REGISTRY_ADDR"; return 0; fi
  mkdir -p "$REGISTRY_ROOT"
  # Debian's packaged config is broken; this is the minimal working one.
  cat >"$STATE_DIR/registry.yml" <<EOF
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $REGISTRY_ROOT
  delete:
    enabled: true
http:
  addr: $REGISTRY_ADDR
EOF
  log "starting docker-registry on $REGISTRY_ADDR (log: $STATE_DIR/registry.log)"
  setsid docker-registry serve "$STATE_DIR/registry.yml" >"$STATE_DIR/registry.log" 2>&1 </dev/null 9>&- &
  echo $! >"$STATE_DIR/registry.pid"
  local i
  for ((i = 0; i < 30; i++)); do
    registry_up && { log "image registry: up"; return 0; }
    sleep 0.5
  done
  tail -n 20 "$STATE_DIR/registry.log" >&2
  die "docker-registry did not answer on $REGISTRY_ADDR"
}

check_tools() {
  local t
  for t in mmdebstrap buildah docker-registry dockerd; do
    command -v "$t" >/dev/null || die "$t missing after install"
  done
  [[ -x $DOCKER ]] || die "$DOCKER missing (Debian docker.io client)"
}

stop_pidfile() {
  local name=$1 file="$STATE_DIR/$1.pid" pid i
  [[ -f $file ]] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name ($pid)"
    kill "$pid"
    for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -f "$file"
}

status() {
  if docker_up; then echo "docker engine: up ($("$DOCKER" version -f '{{.Server.Version}}'))"; else echo "docker engine: down"; fi
  if registry_up; then echo "image registry: up on $REGISTRY_ADDR"; else echo "image registry: down"; fi
  local t
  for t in mmdebstrap buildah; do
    if command -v "$t" >/dev/null; then echo "$t: installed"; else echo "$t: missing"; fi
  done
  if [[ -x $BUILDX_CONFIG/cli-plugins/docker-buildx ]]; then echo "docker-buildx: installed (DOCKER_CONFIG=$BUILDX_CONFIG)"; else echo "docker-buildx: missing"; fi
}

mkdir -p "$STATE_DIR"
case "${1:-up}" in
  up)
    exec 9>"$STATE_DIR/lock"
    flock -w 600 9 || die "another 'services up' holds $STATE_DIR/lock"
    install_packages
    check_tools
    install_buildx
    start_docker
    start_registry
    ;;
  down)
    stop_pidfile registry
    stop_pidfile dockerd
    ;;
  status) status ;;
  *) die "usage: $0 up|down|status" ;;
esac
