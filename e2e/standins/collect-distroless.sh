#!/bin/sh
# Assembles a distroless-like root file system in /out from a Debian stage: a runtime (if any),
# the shared libraries it loads, CA certificates, and /etc/passwd with nonroot (65532) and
# nobody (65534). No shell, no package manager: what gcr.io/distroless images contain.
#   collect-distroless.sh static|cc|nodejs|java
set -eu
kind=$1
out=/out

# Copies one path into $out at its real location (directories resolved), following symlink chains.
copy_path() {
  p=$1
  [ -e "$p" ] || [ -L "$p" ] || return 0
  dir=$(readlink -f "$(dirname "$p")")
  base=$(basename "$p")
  [ -e "$out$dir/$base" ] || [ -L "$out$dir/$base" ] && return 0
  mkdir -p "$out$dir"
  cp -a "$dir/$base" "$out$dir/"
  if [ -L "$dir/$base" ]; then
    target=$(readlink "$dir/$base")
    case $target in /*) copy_path "$target" ;; *) copy_path "$dir/$target" ;; esac
  fi
}

# Copies the libraries an ELF file loads (its ldd closure, including the dynamic loader).
copy_closure() {
  ldd "$1" 2>/dev/null | awk '/=> \// { print $3 } /^\t\/[^ ]+ \(/ { print $1 }' | while read -r lib; do
    copy_path "$lib"
  done
}

mkdir -p "$out/etc/ssl/certs" "$out/tmp" "$out/home/nonroot" "$out/root" "$out/usr/bin" "$out/usr/lib" "$out/usr/lib64" "$out/usr/sbin" "$out/var"
chmod 1777 "$out/tmp"
chmod 700 "$out/root"
chown 65532:65532 "$out/home/nonroot"
ln -s usr/bin "$out/bin"
ln -s usr/sbin "$out/sbin"
ln -s usr/lib "$out/lib"
ln -s usr/lib64 "$out/lib64"
cat >"$out/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
EOF
cat >"$out/etc/group" <<'EOF'
root:x:0:
nobody:x:65534:
nonroot:x:65532:
EOF
printf 'hosts: files dns\n' >"$out/etc/nsswitch.conf"
cp /etc/ssl/certs/ca-certificates.crt "$out/etc/ssl/certs/ca-certificates.crt"
cp /usr/lib/os-release "$out/usr/lib/os-release"
# distroless static/base ship tzdata (zoneinfo) too
[ -d /usr/share/zoneinfo ] && copy_path /usr/share/zoneinfo
ln -s ../usr/lib/os-release "$out/etc/os-release"

case $kind in
  static) ;;
  cc)
    # distroless/cc: glibc, libgcc and libstdc++ (the libraries a Rust or C++ binary links)
    for pkg in libc6 libgcc-s1 libstdc++6; do
      dpkg -L "$pkg" | grep -E '\.so(\.[0-9]+)*$' | while read -r f; do copy_path "$f"; done
    done
    ;;
  nodejs)
    mkdir -p "$out/nodejs/bin"
    cp /usr/local/bin/node "$out/nodejs/bin/node"
    copy_closure /usr/local/bin/node
    ;;
  java)
    jdk=$(readlink -f /usr/bin/java | sed 's,/bin/java$,,')
    copy_path "$jdk"
    # Debian's JRE keeps its configuration in /etc and links to it from the JDK folder.
    for d in /etc/java-*; do copy_path "$d"; done
    copy_path /etc/ssl/certs/java/cacerts
    find "$jdk" -type f \( -name '*.so' -o -perm -u+x \) | while read -r f; do copy_closure "$f"; done
    ln -s "$jdk/bin/java" "$out/usr/bin/java"
    ;;
  *)
    echo "collect-distroless.sh: unknown kind $kind" >&2
    exit 2
    ;;
esac
echo "distroless $kind: $(du -sh "$out" | cut -f1)"
