# Shared helpers for the shell scripts in scripts/ and .ci/ (sourced, not run).
# shellcheck shell=bash

# Prints a section header to stderr.
section() {
    printf '\n==> %s\n' "$*" >&2
}

# Prints a message to stderr.
log() {
    printf '%s\n' "$*" >&2
}

# Prints an error to stderr and exits with status 1.
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Makes a path absolute (relative paths are taken from the current directory).
abs_path() {
    case "$1" in
        /*) printf '%s\n' "$1" ;;
        *) printf '%s/%s\n' "$PWD" "$1" ;;
    esac
}

# Directory where cargo puts its build output (honours CARGO_TARGET_DIR).
# Must be called from the workspace root.
cargo_target_dir() {
    abs_path "${CARGO_TARGET_DIR:-target}"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints a TCP port on 127.0.0.1 that nothing listens on (20000-59999).
free_port() {
    local port _
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 40000))
        if ! port_in_use "$port"; then
            printf '%s\n' "$port"
            return 0
        fi
    done
    die "no free TCP port found on 127.0.0.1"
}

# wait_http URL TIMEOUT_SECONDS [PID]
# Waits until GET URL answers 200. Fails early if process PID exits.
wait_http() {
    local url="$1" timeout="$2" pid="${3:-}" deadline code
    deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if [[ -n "$pid" ]] && ! process_alive "$pid"; then
            log "the server (pid $pid) exited before answering $url"
            return 1
        fi
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)
        if [[ "$code" == 200 ]]; then
            return 0
        fi
        sleep 0.5
    done
    log "no 200 from $url after ${timeout}s (last status: ${code:-none})"
    return 1
}

# True when process PID runs (exited-but-unreaped zombies do not count).
process_alive() {
    local state
    kill -0 "$1" 2>/dev/null || return 1
    # /proc/PID/stat: "PID (COMM) STATE ..."; COMM may contain spaces.
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1 || true)
    [[ -n "$state" && "$state" != Z ]]
}

# stop_process PID: SIGTERM, then SIGKILL after 10 s; reaps it if it is our child.
stop_process() {
    local pid="$1" _
    if process_alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 20); do
            process_alive "$pid" || break
            sleep 0.5
        done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
}
