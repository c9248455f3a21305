# Shared by the scripts in scripts/: repository paths and building the node executable when its sources changed.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# APIML_NODE_DIR: a node build made by the caller (scripts/test points it at the solution's Debug build, so CI
# compiles the sources once); build_node then leaves it alone.
NODE_DIR="${APIML_NODE_DIR:-$ROOT/.build/node}"
NODE_DLL="$NODE_DIR/ApiMlCluster.Node.dll"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

# Installs Debian packages by name (apt-get update first, as a fresh machine needs it).
apt_install() {
  local sudo=()
  [[ $(id -u) -ne 0 ]] && sudo=(sudo)
  echo "installing $* from Debian packages ..." >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is required"
}

# Rebuilds .build/node when any source, HOCON or build file is newer than the last build. Several callers
# (scripts/cluster starting three nodes) may race here, so the build runs under a lock.
build_node() {
  require_dotnet
  if [[ -n "${APIML_NODE_DIR:-}" ]]; then
    [[ -f "$NODE_DLL" ]] || die "APIML_NODE_DIR=$APIML_NODE_DIR holds no ApiMlCluster.Node.dll"
    return 0
  fi
  mkdir -p "$ROOT/.build"
  (
    flock 9
    local stamp="$NODE_DIR/.built"
    if [[ "${1:-}" != "--force" && -f "$stamp" ]] && [[ -z "$(find "$ROOT/src" "$ROOT/cluster-config/akka" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" \
        -type f -newer "$stamp" -not -path '*/obj/*' -not -path '*/bin/*' -print -quit)" ]]; then
      exit 0
    fi
    echo "building the node into .build/node ..." >&2
    if ! dotnet build "$ROOT/src/ApiMlCluster.Node/ApiMlCluster.Node.csproj" -c Release -o "$NODE_DIR" --nologo > "$ROOT/.build/node-build.log" 2>&1; then
      grep -E "error|Error" "$ROOT/.build/node-build.log" >&2 || tail -n 40 "$ROOT/.build/node-build.log" >&2
      echo "node build failed; full log in .build/node-build.log" >&2
      exit 1
    fi
    touch "$stamp"
  ) 9>"$ROOT/.build/.build.lock"
}
