#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server.
#
#   scripts/with-postgres.sh <command> [args...]
#
# Creates a temporary cluster in /tmp (never inside the repo: a Unix socket in
# the project tree crashes Turbopack's file scan), starts it on a free loopback
# port, creates the database "vertrekpunt", exports
#   DATABASE_URL=postgres://postgres@127.0.0.1:<port>/vertrekpunt
# (plus SITE_URL, unless set, and PGHOST/PGPORT/PGUSER/PGDATABASE for psql convenience), runs the
# command in the caller's cwd, and always stops the server and deletes the
# temp dir afterwards. Exits with the command's exit code.
#
# PostgreSQL refuses to run as root: when run as root the server runs as the
# "postgres" user (created with useradd if missing). When run as a normal user
# the server runs as that user.
set -euo pipefail

log() { printf 'with-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $# -ge 1 ]] || { echo "usage: $0 <command> [args...]" >&2; exit 2; }

DB_NAME=vertrekpunt
DB_USER=postgres

# --- locate server binaries -------------------------------------------------
find_pg_bin() {
  local name=$1 p
  if p=$(command -v "$name" 2>/dev/null); then echo "$p"; return 0; fi
  for p in /usr/local/bin/"$name" /usr/lib/postgresql/*/bin/"$name"; do
    [[ -x $p ]] && { echo "$p"; return 0; }
  done
  return 1
}
INITDB=$(find_pg_bin initdb) || die "initdb not found"
PG_CTL=$(find_pg_bin pg_ctl) || die "pg_ctl not found"
PSQL=$(find_pg_bin psql) || die "psql not found"

# --- run server-side commands as a non-root user ---------------------------
if [[ $EUID -eq 0 ]]; then
  if ! id -u postgres >/dev/null 2>&1; then
    log "creating system user 'postgres'"
    useradd --system --no-create-home --user-group --shell /usr/sbin/nologin postgres \
      || useradd --system --no-create-home postgres
  fi
  PG_OWNER=postgres
  if command -v runuser >/dev/null 2>&1; then
    as_pg() { runuser -u postgres -- "$@"; }
  elif command -v setpriv >/dev/null 2>&1; then
    as_pg() { setpriv --reuid=postgres --regid="$(id -g postgres)" --init-groups -- "$@"; }
  else
    die "need runuser or setpriv to drop privileges to 'postgres'"
  fi
else
  PG_OWNER=$(id -un)
  as_pg() { "$@"; }
fi

# --- free loopback port -----------------------------------------------------
free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'
  else
    local p
    while :; do
      p=$(( 20000 + RANDOM % 40000 ))
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
    done
  fi
}

# --- temp dir + cleanup -----------------------------------------------------
# Fixed short base (/tmp) rather than $TMPDIR: the socket path must stay short
# (< 108 bytes) and must never land inside the project tree.
TMP_ROOT=$(mktemp -d /tmp/with-postgres.XXXXXX)
PGDATA_DIR=$TMP_ROOT/data
PG_LOG=$TMP_ROOT/postgres.log    # written by the server user (pg_ctl -l)
SETUP_LOG=$TMP_ROOT/setup.log     # initdb / pg_ctl output, written by us
CHILD_PID=
SERVER_STARTED=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  if [[ -n $CHILD_PID ]] && kill -0 "$CHILD_PID" 2>/dev/null; then
    # Interrupted: give the command up to 10s to exit after TERM, then KILL.
    kill -TERM "$CHILD_PID" 2>/dev/null
    local j st
    for ((j = 0; j < 100; j++)); do
      st=$(cat "/proc/$CHILD_PID/stat" 2>/dev/null) || break
      st=${st##*) }
      [[ ${st%% *} == Z ]] && break
      sleep 0.1
    done
    kill -KILL "$CHILD_PID" 2>/dev/null
    wait "$CHILD_PID" 2>/dev/null
  fi
  if [[ -f $PGDATA_DIR/postmaster.pid ]]; then
    local pm_pid i
    pm_pid=$(head -n1 "$PGDATA_DIR/postmaster.pid" 2>/dev/null)
    (cd "$TMP_ROOT" && as_pg "$PG_CTL" stop -D "$PGDATA_DIR" -m fast -w -t 30 >/dev/null 2>&1) \
      || (cd "$TMP_ROOT" && as_pg "$PG_CTL" stop -D "$PGDATA_DIR" -m immediate -w -t 10 >/dev/null 2>&1)
    if [[ -f $PGDATA_DIR/postmaster.pid && $pm_pid =~ ^[0-9]+$ ]]; then
      kill -KILL "$pm_pid" 2>/dev/null
    fi
    # The postmaster was daemonized by pg_ctl, so PID 1 reaps it; some init
    # processes do that lazily (~1s here). Wait (max 5s) until it is really
    # gone so callers never see a leftover (zombie) postgres process.
    if [[ $pm_pid =~ ^[0-9]+$ ]]; then
      for ((i = 0; i < 50; i++)); do
        kill -0 "$pm_pid" 2>/dev/null || break
        sleep 0.1
      done
    fi
  fi
  rm -rf -- "$TMP_ROOT"
  exit "$rc"
}
on_signal() {
  # Forward as TERM: background jobs of a non-interactive shell ignore SIGINT.
  local code=$1
  trap - INT TERM
  if [[ -n $CHILD_PID ]]; then kill -TERM "$CHILD_PID" 2>/dev/null || true; fi
  exit "$code"
}
trap cleanup EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

show_log() {
  local f
  for f in "$SETUP_LOG" "$PG_LOG"; do
    if [[ -s $f ]]; then
      log "---- $(basename "$f") ----"
      tail -n 40 "$f" >&2 || true
    fi
  done
}

chown "$PG_OWNER": "$TMP_ROOT"
chmod 700 "$TMP_ROOT"

# --- initdb -----------------------------------------------------------------
if locale -a 2>/dev/null | grep -qixE 'c\.utf-?8'; then
  LOCALE_ARGS=(--locale=C.UTF-8)
else
  LOCALE_ARGS=(--no-locale)
fi
# cd into the temp dir: the postgres user may not be able to read the caller's cwd.
if ! (cd "$TMP_ROOT" && as_pg "$INITDB" -D "$PGDATA_DIR" -U "$DB_USER" --auth=trust \
        -E UTF8 "${LOCALE_ARGS[@]}" >"$SETUP_LOG" 2>&1); then
  if [[ ${LOCALE_ARGS[0]} != --no-locale ]]; then
    log "initdb with ${LOCALE_ARGS[0]} failed, retrying with --no-locale"
    rm -rf -- "$PGDATA_DIR"
    LOCALE_ARGS=(--no-locale)
    (cd "$TMP_ROOT" && as_pg "$INITDB" -D "$PGDATA_DIR" -U "$DB_USER" --auth=trust \
        -E UTF8 "${LOCALE_ARGS[@]}" >"$SETUP_LOG" 2>&1) || { show_log "initdb output"; die "initdb failed"; }
  else
    show_log "initdb output"; die "initdb failed"
  fi
fi

# --- start (retry with a new port if another process grabbed ours) ----------
PORT=
for attempt in 1 2 3 4 5; do
  PORT=$(free_port)
  [[ $PORT =~ ^[0-9]+$ ]] || die "could not determine a free port"
  # The server log must be created by (and writable for) the server user.
  rm -f -- "$PG_LOG"
  if (cd "$TMP_ROOT" && as_pg "$PG_CTL" start -D "$PGDATA_DIR" -w -t 60 -l "$PG_LOG" \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$TMP_ROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        >"$SETUP_LOG" 2>&1); then
    SERVER_STARTED=1
    break
  fi
  if grep -qiE 'could not (bind|create listen)|address already in use' "$PG_LOG" 2>/dev/null; then
    log "port $PORT taken, retrying ($attempt/5)"
    # make sure a half-started server is gone before retrying
    (cd "$TMP_ROOT" && as_pg "$PG_CTL" stop -D "$PGDATA_DIR" -m immediate -w >/dev/null 2>&1) || true
    continue
  fi
  show_log "server log"
  die "PostgreSQL failed to start"
done
[[ $SERVER_STARTED -eq 1 ]] || { show_log "server log"; die "PostgreSQL failed to start after 5 attempts"; }

log "PostgreSQL on 127.0.0.1:$PORT (data dir $PGDATA_DIR, socket dir $TMP_ROOT, ${LOCALE_ARGS[0]}, database $DB_NAME)"

# --- database ---------------------------------------------------------------
"$PSQL" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres \
  -c "CREATE DATABASE $DB_NAME" >/dev/null || die "could not create database $DB_NAME"

export DATABASE_URL="postgres://$DB_USER@127.0.0.1:$PORT/$DB_NAME"
# A server with DATABASE_URL refuses to start without SITE_URL (docs/decisions/032): the
# default suits `npm start` on this machine; the test harnesses set their own.
export SITE_URL="${SITE_URL:-http://localhost:3000}"
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=$DB_USER PGDATABASE=$DB_NAME

# --- run the command --------------------------------------------------------
# Run in the background and wait, so INT/TERM sent to this script are handled
# (and forwarded) immediately; `<&0` keeps stdin (bash would otherwise give a
# background job /dev/null).
"$@" <&0 &
CHILD_PID=$!
set +e
wait "$CHILD_PID"
status=$?
set -e
CHILD_PID=
exit "$status"
