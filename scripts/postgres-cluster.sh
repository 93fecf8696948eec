#!/usr/bin/env bash
# Sourced by test.sh and bench.sh: a throwaway PostgreSQL cluster for one run, no Docker.
#   start_postgres_cluster   installs Debian's postgresql when missing (as root), initdb's a cluster in a temporary
#                            folder, starts it on 127.0.0.1 on a free port, exports CS_TEST_POSTGRES (an Npgsql
#                            connection string to its 'postgres' database) and stops and deletes it when the shell exits.
# The server refuses to run as root: as root it runs as the 'postgres' OS user that the Debian package creates.

postgres_bin_dir() {
    # No match is not an error (the caller installs PostgreSQL then): callers run under set -e and pipefail.
    { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1
}

start_postgres_cluster() {
    local bin
    bin=$(postgres_bin_dir)
    if [ -z "$bin" ]; then
        if [ "$(id -u)" = "0" ]; then
            echo "Installing Debian's postgresql for the PostgreSQL tests..."
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
            bin=$(postgres_bin_dir)
        else
            echo "The PostgreSQL tests need PostgreSQL's server: run 'sudo apt-get install postgresql' (or run this script as root)." >&2
            return 1
        fi
    fi

    local as_owner=()
    CS_PG_DIR=$(mktemp -d /tmp/cs-pg-XXXXXX)
    if [ "$(id -u)" = "0" ]; then
        chown postgres: "$CS_PG_DIR"
        as_owner=(runuser -u postgres --)
    fi

    "${as_owner[@]}" "$bin/initdb" -D "$CS_PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$CS_PG_DIR/initdb.log" 2>&1 \
        || { cat "$CS_PG_DIR/initdb.log" >&2; return 1; }

    local port attempt
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        port=$((20000 + RANDOM % 40000))
        # A refused connection means nobody listens there: the server takes it (or fails and we try another).
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            continue
        fi

        # fsync off: a throwaway cluster trades durability for speed.
        if "${as_owner[@]}" "$bin/pg_ctl" -D "$CS_PG_DIR/data" -l "$CS_PG_DIR/server.log" -w -t 60 start \
            -o "-p $port -k $CS_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >/dev/null; then
            CS_PG_BIN="$bin"
            CS_PG_AS_OWNER=("${as_owner[@]}")
            trap stop_postgres_cluster EXIT
            export CS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
            echo "PostgreSQL $("$bin/postgres" --version | grep -o '[0-9][0-9.]*' | head -n 1) on 127.0.0.1:$port for this run"
            return 0
        fi
    done

    cat "$CS_PG_DIR/server.log" >&2
    return 1
}

stop_postgres_cluster() {
    if [ -n "${CS_PG_DIR:-}" ] && [ -d "$CS_PG_DIR" ]; then
        "${CS_PG_AS_OWNER[@]}" "$CS_PG_BIN/pg_ctl" -D "$CS_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$CS_PG_DIR"
    fi
}
