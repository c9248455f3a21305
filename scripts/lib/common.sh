# Shared by the scripts in scripts/: repository paths and building the node executable when its sources changed.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NODE_DIR="$ROOT/.build/node"
NODE_DLL="$NODE_DIR/ApiMlCluster.Node.dll"

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is required"
}

# Rebuilds .build/node when any source, HOCON or build file is newer than the last build. Several callers
# (scripts/cluster starting three nodes) may race here, so the build runs under a lock.
build_node() {
  require_dotnet
  mkdir -p "$ROOT/.build"
  (
    flock 9
    local stamp="$NODE_DIR/.built"
    if [[ "${1:-}" != "--force" && -f "$stamp" ]] && [[ -z "$(find "$ROOT/src" "$ROOT/cluster-config/akka" "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" -newer "$stamp" -type f -print -quit)" ]]; then
      exit 0
    fi
    echo "building the node into .build/node ..." >&2
    dotnet build "$ROOT/src/ApiMlCluster.Node/ApiMlCluster.Node.csproj" -c Release -o "$NODE_DIR" --nologo -v quiet "-clp:ErrorsOnly;NoSummary" >&2 \
      || { echo "build failed" >&2; exit 1; }
    touch "$stamp"
  ) 9>"$ROOT/.build/.build.lock"
}
