#!/usr/bin/env bash
# Where a turn's costs go, from outside the JVM: starts the bot jar with the shared bench's
# certdesk/start.sh (fresh H2 file store, the bench's 3-step script), drives it with the bench's load
# generator, and over the measured window reads the kernel's counters of the bot process:
#   - bytes written per turn (/proc/PID/io write_bytes: H2's chunks, the log);
#   - CPU ms per turn by thread group (/proc/PID/task/*/stat), so that the JIT compiling inside the
#     window shows up as such, and H2's writer threads are told apart from the request threads;
#   - heap allocated per turn and the collector's pauses (jstat's counters: young collections times
#     the eden's size, plus what the eden gained), which are what the p99 waits behind.
# The kernel's per-thread counters are exact; a JFR recording of the same load over-weights the few
# busy background threads (its sampler takes a few threads per tick, whatever number are running).
#
#   BENCH=../shared/bench bot/tools/turn-costs.sh bot/target/certdesk-bot.jar [NAME]
#
# Settings (environment): C=64 conversations, WARM=240 s of load before the window, DUR=40 s window,
# PREWARM_C (unset: the window follows WARM s at C; set, e.g. 16: WARM s at PREWARM_C first, then 5 s at C
# before the window, as the side-by-side bench measures one conversation right after its pre-warm at 16),
# PORT=39900, EXTRA_OPTS="" (more JVM flags, e.g. -Dserver.tomcat.threads.max=8), JVM_OPTS (instead of the
# README's collector and memory flags), OUT=/tmp/turn-costs, ALSO=postgres (also counts the CPU of the
# processes of that name, the database server's, as a group of its own: for the postgres profile,
# started with bot/tools/EmbeddedPostgresServer.java and SPRING_PROFILES_ACTIVE=postgres CERTDESK_DB_URL=…).
# JVM flags: the README's start command (plus Teams pacing off, as in the side-by-side bench).
# Prints one line of figures and one of CPU by thread group; the data folder is deleted at the end.
set -euo pipefail
jar=$(cd "$(dirname "${1:?usage: turn-costs.sh JAR [NAME]}")" && pwd)/$(basename "$1")
name=${2:-certdesk}
bench=$(cd "${BENCH:?set BENCH to the shared bench folder (../shared/bench)}" && pwd)
C=${C:-64}; WARM=${WARM:-240}; DUR=${DUR:-40}; PORT=${PORT:-39900}
out=${OUT:-/tmp/turn-costs}/$name
mkdir -p "$out"; rm -f "$out"/*

snapshot() { # PID FILE: write_bytes, then one line per thread: tid, name, CPU seconds
  jstat -gc "$1" | tail -1 >"$2.gc"
  python3 - "$1" "$2" <<'PY'
import os, sys
pid, path = sys.argv[1], sys.argv[2]
tick = os.sysconf('SC_CLK_TCK')
with open(path, 'w') as f:
    io = dict(l.split(':') for l in open(f'/proc/{pid}/io'))
    f.write(f"write_bytes {int(io['write_bytes'])}\n")
    also = os.environ.get('ALSO', '')  # processes of another program the turns cost, e.g. postgres
    if also:
        for other in os.listdir('/proc'):
            try:
                if other.isdigit() and open(f'/proc/{other}/comm').read().strip() == also:
                    stat = open(f'/proc/{other}/stat').read()
                    fields = stat[stat.rindex(')') + 2:].split()
                    f.write(f"{also}-{other}\t{also} server\t{(int(fields[11]) + int(fields[12])) / tick}\t{int(fields[12]) / tick}\n")
            except OSError:
                pass  # ended meanwhile
    for tid in os.listdir(f'/proc/{pid}/task'):
        try:
            name = open(f'/proc/{pid}/task/{tid}/comm').read().strip()
            stat = open(f'/proc/{pid}/task/{tid}/stat').read()
            fields = stat[stat.rindex(')') + 2:].split()
            f.write(f"{tid}\t{name}\t{(int(fields[11]) + int(fields[12])) / tick}\t{int(fields[12]) / tick}\n")
        except OSError:
            pass  # the thread ended meanwhile
PY
}

opts="${JVM_OPTS:--XX:+UseSerialGC -Xmx144m -Xss512k -XX:ReservedCodeCacheSize=64m} -Dcertdesk.bot.pace.enabled=false ${EXTRA_OPTS:-}"
CERTDESK_JAR=$jar PORT=$PORT MALLOC_ARENA_MAX=2 JAVA_OPTS="$opts" "$bench/certdesk/start.sh" >"$out/bot.log" 2>&1 &
starter=$!
for _ in $(seq 1 180); do curl -fs "http://127.0.0.1:$PORT/actuator/health" 2>/dev/null | grep -q UP && break; sleep 1; done
pid=$(pgrep -f "server.port=$PORT" | head -1)
data=$(readlink -f "/proc/$pid/cwd")
trap 'kill "$pid" 2>/dev/null || true; wait "$starter" 2>/dev/null || true; rm -rf "$data"' EXIT
load() { node "$bench/harness/loadgen.js" --target "http://127.0.0.1:$PORT/api/messages" --pid "$pid" --expect-replies 1 --quiet "$@"; }
lead=$WARM
if [ -n "${PREWARM_C:-}" ]; then # the side-by-side bench's order: a pre-warm at another concurrency, then C
  load --name "$name-prewarm" -c "$PREWARM_C" --warmup 0 --duration "$WARM" >/dev/null
  lead=5
fi
( sleep "$lead"; snapshot "$pid" "$out/start"; sleep "$DUR"; snapshot "$pid" "$out/end" ) &
sampler=$!
load --name "$name" -c "$C" --warmup "$lead" --duration "$DUR" --json-out "$out/result.jsonl" >/dev/null
wait "$sampler"
{ du -sh "$data/data" 2>/dev/null || echo "- (no H2 file)"; } | cut -f1 >"$out/file-size"

python3 - "$out" "$name" <<'PY'
import json, sys
out, name = sys.argv[1], sys.argv[2]
result = [json.loads(l) for l in open(f'{out}/result.jsonl')][-1]
def read(path):
    lines = open(path).read().splitlines()
    threads = {}
    for line in lines[1:]:
        tid, thread, cpu, system = line.split('\t')
        threads[tid] = (thread, float(cpu), float(system))
    return int(lines[0].split()[1]), threads
bytes0, threads0 = read(f'{out}/start')
bytes1, threads1 = read(f'{out}/end')
turns = result['turns']
# Thread names as the kernel keeps them (15 characters).
groups = [('postgres server', 'PostgreSQL server'), ('http-nio', 'request threads'), ('H2-serializatio', 'H2 writer'), ('H2-save', 'H2 writer'),
          ('MVStore', 'H2 writer'), ('certdesk-store-', 'H2 writer'), ('certdesk-outbox', 'outbox'),
          ('certdesk-teams-', 'Teams HTTP client'), ('HttpClient', 'Teams HTTP client'),
          ('C1 Compiler', 'JIT'), ('C2 Compiler', 'JIT'), ('VM Thread', 'GC and safepoints')]
cpu, kernel = {}, 0.0
for tid, (thread, seconds, system) in threads1.items():
    group = next((g for prefix, g in groups if thread.startswith(prefix)), 'other')
    before = threads0.get(tid, (thread, 0, 0))
    cpu[group] = cpu.get(group, 0) + seconds - before[1]
    kernel += system - before[2]
total = sum(cpu.values())
def gc(path):  # jstat -gc: S0C S1C S0U S1U EC EU OC OU MC MU CCSC CCSU YGC YGCT FGC FGCT [CGC CGCT] GCT
    v = open(path).read().split()
    return {'EC': float(v[4]), 'EU': float(v[5]), 'YGC': int(v[12]), 'YGCT': float(v[13]), 'FGC': int(v[14]),
            'FGCT': float(v[15])}
gc0, gc1 = gc(f'{out}/start.gc'), gc(f'{out}/end.gc')
allocated_kb = (gc1['YGC'] - gc0['YGC']) * gc0['EC'] + gc1['EU'] - gc0['EU']
print(f"{name}: C={result['C']} {result['turns_per_s']:.0f} turns/s, p50 {result['latency_ms']['p50']:.1f} ms,"
      f" p99 {result['latency_ms']['p99']:.1f} ms, errors {result['errors']}, {total * 1000 / turns:.3f} ms CPU/turn,"
      f" {(bytes1 - bytes0) / turns / 1024:.1f} KB written/turn, peak RSS {result['bot_rss_peak_mb']:.0f} MB,"
      f" {result['bot_threads_peak']} threads, file {open(f'{out}/file-size').read().strip()}")
print(f"  heap: {allocated_kb / turns:.0f} KB allocated/turn, {gc1['YGC'] - gc0['YGC']} young collections"
      f" ({(gc1['YGCT'] - gc0['YGCT']) * 1000:.0f} ms), {gc1['FGC'] - gc0['FGC']} full"
      f" ({(gc1['FGCT'] - gc0['FGCT']) * 1000:.0f} ms) in the window")
print(f'  of which in the kernel (system time): {kernel * 1000 / turns:.3f} ms/turn ({kernel / total:.0%})')
print('  CPU ms/turn: ' + ', '.join(f'{g} {s * 1000 / turns:.3f}' for g, s in sorted(cpu.items(), key=lambda i: -i[1])))
PY
