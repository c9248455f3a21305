# A private PostgreSQL server for the tests: installed from Debian's packages when missing, its data in a temp
# directory, listening on 127.0.0.1 only, password-authenticated. Stopped by its data directory, never by name.
#   postgres_start   sets APIML_TEST_POSTGRES (connection string) and PG_TEST_DIR; POSTGRES_FSYNC=on for benchmarks
#   postgres_stop

postgres_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
  done
  return 1
}

# Needs apt_install from common.sh.
postgres_install() {
  postgres_bin >/dev/null && return 0
  apt_install postgresql
  postgres_bin >/dev/null || { echo "PostgreSQL installation failed" >&2; return 1; }
}

# Runs a command as the server's owner: postgres refuses to run as root.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

postgres_start() {
  postgres_install
  local bin port password
  bin="$(postgres_bin)"
  PG_TEST_DIR="$(mktemp -d /tmp/apiml-test-pg.XXXXXX)"
  port="$(postgres_free_port)"
  password="test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" > "$PG_TEST_DIR/pwfile"
  [[ $(id -u) -eq 0 ]] && chown -R postgres "$PG_TEST_DIR"
  as_owner "$bin/initdb" -D "$PG_TEST_DIR/data" -U apiml --pwfile="$PG_TEST_DIR/pwfile" --auth=scram-sha-256 -E UTF8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  as_owner "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=${POSTGRES_FSYNC:-off}" start >/dev/null \
    || { cat "$PG_TEST_DIR/server.log" >&2; return 1; }
  PGPASSWORD="$password" "$bin/psql" -h 127.0.0.1 -p "$port" -U apiml -d postgres -qc "CREATE DATABASE apiml_test" >/dev/null
  export APIML_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Database=apiml_test;Username=apiml;Password=$password"
  export PG_TEST_DIR
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') for tests on 127.0.0.1:$port (data in $PG_TEST_DIR)" >&2
}

postgres_stop() {
  [[ -n "${PG_TEST_DIR:-}" && -d "$PG_TEST_DIR/data" ]] || return 0
  as_owner "$(postgres_bin)/pg_ctl" -D "$PG_TEST_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_TEST_DIR"
}
