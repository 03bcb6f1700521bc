#!/usr/bin/env bash
# build.sh [DEST_DIR]: a real kube-apiserver (v1.20.2) built offline from Debian 12's `kubernetes` source package,
# for tests against a real API server (with etcd from Debian's etcd-server). Prints the binary's path on the last
# line. About 8 minutes on 2 cores the first time; does nothing when DEST_DIR/kube-apiserver already runs.
# Needs root (apt). Default DEST_DIR: ~/.cache/kube-apiserver-1.20.2
set -euo pipefail
dest="${1:-$HOME/.cache/kube-apiserver-1.20.2}"
if [[ -x "$dest/kube-apiserver" ]] && "$dest/kube-apiserver" --version >/dev/null 2>&1; then
  echo "$dest/kube-apiserver"; exit 0
fi
export DEBIAN_FRONTEND=noninteractive
src_list=/etc/apt/sources.list.d/debian-src-bookworm.sources
if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  cat > "$src_list" <<'X'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
X
fi
apt-get update -qq >/dev/null
# Go toolchain, etcd, rsync (hack/lib/golang.sh place_bins copies the built tools with it), and Debian's reflect2 1.0.2
# (the vendored 1.0.1 crashes under Go >= 1.18)
apt-get install -y -qq golang-go etcd-server dpkg-dev openssl curl rsync golang-github-modern-go-reflect2-dev >/dev/null
work=$(mktemp -d /tmp/kube-apiserver-build.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get source -qq kubernetes >/dev/null 2>&1
cd kubernetes-*/
# 1. reflect2 1.0.2 over the vendored 1.0.1 (SIGSEGV in mapiterinit on custom-resource updates otherwise)
V=vendor/github.com/modern-go/reflect2
find "$V" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) -delete
cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go /usr/share/gocode/src/github.com/modern-go/reflect2/*.s "$V/"
# 2. "" is not null: under Go >= 1.18 the vendored OpenAPI validator takes "" for a zero value and rejects every
#    empty string and every CRD `default: ""` (the MySQL operator's CRDs then fail to apply)
for f in vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go vendor/github.com/go-openapi/validate/type.go; do
  sed -i 's/if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {/if data == nil {/' "$f"
  grep -q 'if data == nil {' "$f" || { echo "build.sh: the validator edit did not apply to $f" >&2; exit 1; }
done
export GOPATH=$PWD/.go GOFLAGS=-mod=vendor GOPROXY=off GO111MODULE=on CGO_ENABLED=0 HOME=$work/home
mkdir -p .go/src/k8s.io "$HOME"; [[ -L .go/src/k8s.io/kubernetes ]] || ln -s ../../.. .go/src/k8s.io/kubernetes
make WHAT=cmd/kube-apiserver >"$work/make.log" 2>&1 || { tail -30 "$work/make.log" >&2; exit 1; }
mkdir -p "$dest"
cp _output/local/bin/linux/amd64/kube-apiserver "$dest/"
"$dest/kube-apiserver" --version >&2
echo "$dest/kube-apiserver"
