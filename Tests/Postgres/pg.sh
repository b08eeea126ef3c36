#!/usr/bin/env bash
# A private PostgreSQL 15 server for tests: initdb into a fresh folder under /tmp, listening only on
# a Unix socket inside that folder (no TCP port), password authentication for a superuser `tei`.
#
#   pg.sh start [--owner PID] [--set NAME=VALUE]…
#                               starts a server; prints its folder (the handle the other verbs take).
#                               With --owner, a watchdog stops it once process PID has ended, so a
#                               test run that crashes or is killed leaves no server behind. Each
#                               --set is a server setting after the test server's own (a benchmark's
#                               memory and parallel workers).
#   pg.sh url FOLDER            prints the server's URL (postgres://tei:PASSWORD@/postgres?host=…)
#   pg.sh stop FOLDER [--immediate]
#                               stops the server (fast shutdown: running queries are ended with an
#                               error; --immediate: as a crash would) and removes its folder
#   pg.sh run COMMAND [ARG…]    starts a server, runs COMMAND with TEI_TEST_DATABASE_URL set to its
#                               URL, and stops the server when COMMAND ends, fails or is interrupted
#
# A cluster for scale-out (docs/postgres.md, "Scale-out"): three such servers, a coordinator and two
# shards, each on its own socket; the coordinator reaches the shards through postgres_fdw.
#
#   pg.sh cluster [--owner PID] starts the three; prints the cluster's folder (--owner as for start)
#   pg.sh cluster-urls FOLDER   prints the coordinator's URL, then each shard's, one a line
#   pg.sh cluster-stop FOLDER   stops the three servers and removes the cluster's folder
#   pg.sh cluster-run COMMAND [ARG…]
#                               starts a cluster, runs COMMAND with TEI_TEST_DATABASE_URL set to the
#                               coordinator's URL and TEI_TEST_SHARD_URLS to the shards' (separated
#                               by spaces), and stops the cluster when COMMAND ends
#
# initdb refuses to run as root (CI runs as root): as root, the server runs as Debian's `postgres`
# system user, which the postgresql-common package creates; otherwise as the calling user.
set -euo pipefail

script="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
bin="${TEI_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
marker=".tei-test-postgres"

die() {
    echo "pg.sh: $*" >&2
    exit 1
}

# Runs a command as the user that owns the server.
as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A folder this script made (it holds the marker), so `stop` never removes anything else.
require_server_folder() {
    [ -n "${1:-}" ] || die "which server? give the folder that 'pg.sh start' printed"
    [ -f "$1/$marker" ] || die "$1 is not a folder made by pg.sh start"
}

start() {
    local owner="" extra=""
    while [ $# -gt 0 ]; do
        case "$1" in
            --owner) [ $# -ge 2 ] || die "--owner needs a process id"; owner="$2"; shift 2 ;;
            --set)
                [ $# -ge 2 ] && [[ "$2" =~ ^[a-z_]+=[A-Za-z0-9_.]+$ ]] || die "--set needs NAME=VALUE (letters, digits, _ and .)"
                extra="$extra -c $2"; shift 2 ;;
            *) die "unknown option for start: $1" ;;
        esac
    done
    [ -x "$bin/initdb" ] || die "PostgreSQL 15 is not installed ($bin/initdb is missing); install Debian's postgresql-15 (./dev test does)"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "as root, the server runs as the 'postgres' system user, which does not exist; install Debian's postgresql-15"
    fi
    # Under /tmp rather than $TMPDIR: the server user must reach it, and a socket path is limited to 107 bytes.
    local folder
    folder="$(mktemp -d /tmp/tei-pg.XXXXXX)"
    touch "$folder/$marker"
    od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$folder/password"
    chmod 600 "$folder/password"
    [ "$(id -u)" -eq 0 ] && chown -R postgres: "$folder"
    # C collation: text sorts by its bytes, as tei's order on SQLite does.
    if ! as_server_user "$bin/initdb" -D "$folder/data" -U tei --pwfile="$folder/password" \
        --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C --no-sync \
        >"$folder/initdb.log" 2>&1; then
        cat "$folder/initdb.log" >&2
        rm -rf "$folder"
        die "initdb failed"
    fi
    # A test server: no TCP, no durability (fsync off), small memory.
    local settings="-c listen_addresses='' -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB$extra"
    if ! as_server_user "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -o "$settings" -w -t 60 start >/dev/null; then
        cat "$folder/server.log" >&2 || true
        rm -rf "$folder"
        die "the server did not start"
    fi
    if [ -n "$owner" ]; then
        # Detached from every stream of the caller, which may be reading our output to its end.
        setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -f "$2/'"$marker"'" ]; do sleep 1; done
                        [ -f "$2/'"$marker"'" ] && "$0" stop "$2"' "$script" "$owner" "$folder" \
            </dev/null >/dev/null 2>&1 &
    fi
    echo "$folder"
}

url() {
    require_server_folder "${1:-}"
    echo "postgres://tei:$(cat "$1/password")@/postgres?host=$1"
}

stop() {
    local folder="${1:-}" mode=fast
    require_server_folder "$folder"
    [ "${2:-}" = "--immediate" ] && mode=immediate
    if [ -f "$folder/data/postmaster.pid" ]; then
        as_server_user "$bin/pg_ctl" -D "$folder/data" -m "$mode" -w -t 60 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$folder"
}

run() {
    [ $# -ge 1 ] || die "run needs a command"
    # Global, not local: the EXIT trap runs after this function has returned.
    running_folder="$(start)"
    trap 'stop "$running_folder"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    TEI_TEST_DATABASE_URL="$(url "$running_folder")" "$@"
}

cluster_members="coordinator shard1 shard2"
cluster_marker=".tei-test-postgres-cluster"

cluster() {
    local owner_options=()
    while [ $# -gt 0 ]; do
        case "$1" in
            --owner) [ $# -ge 2 ] || die "--owner needs a process id"; owner_options=(--owner "$2"); shift 2 ;;
            *) die "unknown option for cluster: $1" ;;
        esac
    done
    local folder member server
    folder="$(mktemp -d /tmp/tei-pgc.XXXXXX)"
    touch "$folder/$cluster_marker"
    for member in $cluster_members; do
        if ! server="$(start "${owner_options[@]}")"; then
            cluster_stop "$folder"
            die "the cluster's $member did not start"
        fi
        echo "$server" >"$folder/$member"
    done
    if [ ${#owner_options[@]} -gt 0 ]; then
        setsid bash -c 'while kill -0 "$1" 2>/dev/null && [ -f "$2/'"$cluster_marker"'" ]; do sleep 1; done
                        [ -f "$2/'"$cluster_marker"'" ] && "$0" cluster-stop "$2"' "$script" "${owner_options[1]}" "$folder" \
            </dev/null >/dev/null 2>&1 &
    fi
    echo "$folder"
}

require_cluster_folder() {
    [ -n "${1:-}" ] || die "which cluster? give the folder that 'pg.sh cluster' printed"
    [ -f "$1/$cluster_marker" ] || die "$1 is not a folder made by pg.sh cluster"
}

cluster_urls() {
    require_cluster_folder "${1:-}"
    local member
    for member in $cluster_members; do url "$(cat "$1/$member")"; done
}

cluster_stop() {
    require_cluster_folder "${1:-}"
    local member
    for member in $cluster_members; do
        if [ -f "$1/$member" ] && [ -f "$(cat "$1/$member")/$marker" ]; then stop "$(cat "$1/$member")"; fi
    done
    rm -rf "$1"
}

cluster_run() {
    [ $# -ge 1 ] || die "cluster-run needs a command"
    running_cluster="$(cluster)"
    trap 'cluster_stop "$running_cluster"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    local urls
    urls="$(cluster_urls "$running_cluster")"
    TEI_TEST_DATABASE_URL="$(echo "$urls" | head -n 1)" TEI_TEST_SHARD_URLS="$(echo "$urls" | tail -n +2 | tr '\n' ' ')" "$@"
}

verb="${1:-}"
[ $# -gt 0 ] && shift
case "$verb" in
    start) start "$@" ;;
    url) url "$@" ;;
    stop) stop "$@" ;;
    run) run "$@" ;;
    cluster) cluster "$@" ;;
    cluster-urls) cluster_urls "$@" ;;
    cluster-stop) cluster_stop "$@" ;;
    cluster-run) cluster_run "$@" ;;
    *) echo "usage: pg.sh start [--owner PID] [--set NAME=VALUE]... | pg.sh url FOLDER | pg.sh stop FOLDER [--immediate] | pg.sh run COMMAND [ARG...]" >&2
       echo "       pg.sh cluster [--owner PID] | pg.sh cluster-urls FOLDER | pg.sh cluster-stop FOLDER | pg.sh cluster-run COMMAND [ARG...]" >&2; exit 2 ;;
esac
