#!/usr/bin/env bash
# End-to-end load test of WebProxy against Squid and against the origin directly, on this machine, in one run.
#
#   perf/load/run.sh            # about 3-4 minutes; writes perf/out/<time>/ and the load section of perf/RESULTS.md
#
# What it starts (all on 127.0.0.1, all stopped again on exit, by PID):
#   nginx     origin: /1k and /100m over HTTP (port base+80) and HTTPS (base+443, cert from a throwaway test CA)
#   WebProxy  twice, from a Release publish of src/WebProxy.Host: InterceptionMode All (base+128) and None (base+129)
#   Squid     Debian's squid-openssl, access log on, no cache: ssl_bump port (base+130) and a plain port (base+131)
# and then, one after the other, each bounded in time:
#   (a) plain HTTP 1 KiB, 50 connections (wrk)     direct / WebProxy / Squid
#   (b) plain HTTP 100 MiB download (curl)         direct / WebProxy / Squid
#   (c) CONNECT tunnel, HTTPS 100 MiB (curl)       direct / WebProxy Tunnel / Squid (not bumped)
#   (c2) intercepted HTTPS 100 MiB (curl)          WebProxy Intercept / Squid ssl_bump (for information)
#   (d) intercepted 1 KiB keep-alive (connectload) direct / WebProxy Intercept / Squid ssl_bump
#   (e) intercepted new connections (connectload)  direct / WebProxy Intercept / Squid ssl_bump
# and, opt-in (PERF_SCENARIOS), after them:
#   (st) statistics on / off (issue #5): (a)'s load, alternately through the intercepting WebProxy (statistics on,
#        the default, with the real Public Suffix List) and a third WebProxy (base+132) with the same settings but
#        "Statistics": {"Enabled": false}, PERF_ST_ROUNDS (10) rounds on, off, on, off, ...; medians, ON/OFF, verdict
#        against "recording costs < 1 % of requests/s", and a check that statistics.db of the on instance counted it
#   (a1m) (a) without and with a 1M-domain category list (last: it leaves the big index loaded)
#
# Environment (all optional): PERF_DURATION (s per measured run, 12), PERF_WARMUP (s, 3), PERF_CONNECTIONS (50),
# PERF_NEWCONN_CONCURRENCY (32), PERF_DOWNLOAD_REPS (3), PERF_PORT_BASE (18000), PERF_WRK_THREADS (1),
# PERF_OUT (raw output folder), PERF_RESULTS (markdown file to update, perf/RESULTS.md),
# PERF_ARTIFACTS (build folder, /tmp/webproxy-perf-artifacts), PERF_KEEP_TMP=1 (keep certificates and configs),
# PERF_DEADLINE (s, 900: the whole run is stopped after this, cleanup included).
# For experiments (write them to another file with PERF_RESULTS): PERF_SCENARIOS (comma list of a,b,c,c2,d,e; all
# by default; a1m, opt-in: (a) without and with a 1M-domain category list, PERF_CATEGORIES_LISTS names the list folder;
# st, opt-in: statistics on / off, PERF_ST_ROUNDS alternating rounds, e.g. PERF_SCENARIOS=a,st) and PERF_WEBPROXY_ENV
# (VAR=value ... set for the WebProxy processes, e.g. "DOTNET_gcServer=1").
# PERF_PSL: the Public Suffix List copied into the WebProxy data folders (psl/public_suffix_list.dat) before they
# start, ../shared/psl/public_suffix_list.dat beside the repository by default (needed by st; without it the other
# scenarios run on the documented two-label fallback).
set -euo pipefail

DEADLINE=${PERF_DEADLINE:-900}
if [[ -z ${PERF_UNDER_DEADLINE:-} ]]; then
  # The whole run is bounded: timeout sends TERM, the trap below stops what the script started.
  exec timeout --signal=TERM --kill-after=30 "$DEADLINE" env PERF_UNDER_DEADLINE=1 bash "$0" "$@"
fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
DURATION=${PERF_DURATION:-12}
WARMUP=${PERF_WARMUP:-3}
CONNECTIONS=${PERF_CONNECTIONS:-50}
NEWCONN=${PERF_NEWCONN_CONCURRENCY:-32}
REPS=${PERF_DOWNLOAD_REPS:-3}
BASE=${PERF_PORT_BASE:-18000}
WRK_THREADS=${PERF_WRK_THREADS:-1}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=${PERF_OUT:-$REPO/perf/out/$STAMP}
RESULTS=${PERF_RESULTS:-$REPO/perf/RESULTS.md}
ARTIFACTS=${PERF_ARTIFACTS:-/tmp/webproxy-perf-artifacts}
SCENARIOS=${PERF_SCENARIOS:-a,b,c,c2,d,e}
ST_ROUNDS=${PERF_ST_ROUNDS:-10}
PSL_FILE=${PERF_PSL:-$(cd "$REPO/.." && pwd)/shared/psl/public_suffix_list.dat}
read -r -a WEBPROXY_ENV <<<"${PERF_WEBPROXY_ENV:-}"
want() { [[ ",$SCENARIOS," == *",$1,"* ]]; }

ORIGIN_HTTP=$((BASE + 80))
ORIGIN_HTTPS=$((BASE + 443))
WP_PORT=$((BASE + 128))
WP_ADMIN=$((BASE + 181))
WPT_PORT=$((BASE + 129))
WPT_ADMIN=$((BASE + 182))
SQUID_BUMP_PORT=$((BASE + 130))
SQUID_PLAIN_PORT=$((BASE + 131))
WPS_PORT=$((BASE + 132))
WPS_ADMIN=$((BASE + 183))
ORIGIN_NAME=localhost

CLK_TCK=$(getconf CLK_TCK)
PIDS=()
NGINX_PID=0 WP_PID=0 WPT_PID=0 WPS_PID=0 SQUID_PID=0
TMP=""

log() { printf '%s run.sh: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  local i pid
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
    pid=${PIDS[i]}
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  local until=$((SECONDS + 15))
  for pid in "${PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < until)); do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      log "PID $pid did not stop on TERM; sending KILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
  done
  if [[ -n $TMP && -d $TMP && -z ${PERF_KEEP_TMP:-} ]]; then
    rm -rf "$TMP"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites. Each machine of the project starts fresh: install what is missing from Debian's packages.
# ---------------------------------------------------------------------------------------------------------------
need_packages=()
command -v nginx >/dev/null || need_packages+=(nginx-light)
[[ -x /usr/lib/squid/security_file_certgen ]] || need_packages+=(squid-openssl)
command -v wrk >/dev/null || need_packages+=(wrk)
command -v jq >/dev/null || need_packages+=(jq)
command -v curl >/dev/null || need_packages+=(curl)
command -v openssl >/dev/null || need_packages+=(openssl)
if want st; then command -v sqlite3 >/dev/null || need_packages+=(sqlite3); fi
if ((${#need_packages[@]} > 0)); then
  [[ $(id -u) == 0 ]] || die "missing ${need_packages[*]}; install them with apt-get (needs root)"
  log "installing ${need_packages[*]}"
  apt-get update -qq
  # policy-rc.d in the image keeps the packages' own services from starting.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_packages[@]}" >/dev/null
fi
command -v dotnet >/dev/null || die "dotnet SDK not found"
[[ $(id -u) == 0 ]] || die "run as root: Squid is started as root and drops to the proxy user, like the Debian service"

if want st; then
  [[ $ST_ROUNDS =~ ^[1-9][0-9]*$ ]] || die "PERF_ST_ROUNDS must be a whole number of at least 1"
  [[ -s $PSL_FILE ]] || die "(st) needs the Public Suffix List: $PSL_FILE not found (set PERF_PSL)"
fi
for port in $ORIGIN_HTTP $ORIGIN_HTTPS $WP_PORT $WP_ADMIN $WPT_PORT $WPT_ADMIN $SQUID_BUMP_PORT $SQUID_PLAIN_PORT \
  $(want st && echo "$WPS_PORT $WPS_ADMIN"); do
  if [[ -n $(ss -Htln "sport = :$port") ]]; then
    die "port $port is in use; choose another PERF_PORT_BASE"
  fi
done

mkdir -p "$OUT/raw"
RAW=$OUT/raw
TMP=$(mktemp -d /tmp/webproxy-perf.XXXXXX)
# Squid runs as the proxy user and nginx workers as nobody: they must be able to enter the folder.
chmod 755 "$TMP"
log "raw output in $OUT, temporary files in $TMP"

# ---------------------------------------------------------------------------------------------------------------
# Build: WebProxy and the CONNECT load client, Release.
# ---------------------------------------------------------------------------------------------------------------
PUBLISH_WEBPROXY=(dotnet publish "$REPO/src/WebProxy.Host" -c Release -o "$TMP/bin/webproxy" --artifacts-path "$ARTIFACTS" -nologo)
PUBLISH_CONNECTLOAD=(dotnet publish "$REPO/perf/WebProxy.ConnectLoad" -c Release -o "$TMP/bin/connectload" --artifacts-path "$ARTIFACTS" -nologo)
log "publishing WebProxy and connectload (Release)"
timeout 600 "${PUBLISH_WEBPROXY[@]}" >"$RAW/publish-webproxy.log" 2>&1 || die "publish failed, see $RAW/publish-webproxy.log"
timeout 600 "${PUBLISH_CONNECTLOAD[@]}" >"$RAW/publish-connectload.log" 2>&1 || die "publish failed, see $RAW/publish-connectload.log"
WEBPROXY=(dotnet "$TMP/bin/webproxy/webproxy.dll")
CONNECTLOAD=(dotnet "$TMP/bin/connectload/connectload.dll")

# ---------------------------------------------------------------------------------------------------------------
# Certificates: a throwaway origin CA and its leaf for nginx, a CA for Squid's ssl_bump. ECDSA P-256 everywhere,
# like WebProxy's own CA, so both proxies pay for the same kind of signature per handshake. (Squid's generated
# leaves reuse the signing CA's key pair, so its leaves are P-256 too.)
# ---------------------------------------------------------------------------------------------------------------
PKI=$TMP/pki
mkdir -p "$PKI"
make_ca() { # make_ca NAME "Common Name"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 2 \
    -keyout "$PKI/$1.key" -out "$PKI/$1.pem" -subj "/O=WebProxy perf/CN=$2" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
}
make_ca origin-ca "Perf origin test CA"
make_ca squid-ca "Perf Squid ssl_bump CA"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
  -keyout "$PKI/origin.key" -out "$PKI/origin.csr" -subj "/CN=$ORIGIN_NAME" 2>/dev/null
printf 'subjectAltName=DNS:%s,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\nbasicConstraints=CA:FALSE\n' \
  "$ORIGIN_NAME" >"$PKI/origin.ext"
openssl x509 -req -in "$PKI/origin.csr" -CA "$PKI/origin-ca.pem" -CAkey "$PKI/origin-ca.key" -CAcreateserial \
  -days 2 -sha256 -extfile "$PKI/origin.ext" -out "$PKI/origin.pem" 2>/dev/null
chmod 644 "$PKI"/*.pem

# ---------------------------------------------------------------------------------------------------------------
# Origin: nginx, one worker, access log off, keep-alive without a request limit, sendfile.
# ---------------------------------------------------------------------------------------------------------------
WWW=$TMP/www
mkdir -p "$WWW" "$TMP/nginx"
head -c 1024 /dev/urandom | base64 -w 0 | head -c 1024 >"$WWW/1k"
head -c $((100 * 1024 * 1024)) /dev/urandom >"$WWW/100m"
chmod 755 "$WWW" && chmod 644 "$WWW"/*
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 300s;
  keepalive_requests 10000000;
  client_body_temp_path $TMP/nginx/client_body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  server {
    listen 127.0.0.1:$ORIGIN_HTTP;
    root $WWW;
  }
  server {
    listen 127.0.0.1:$ORIGIN_HTTPS ssl;
    ssl_certificate $PKI/origin.pem;
    ssl_certificate_key $PKI/origin.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:perf:10m;
    root $WWW;
  }
}
EOF
nginx -t -q -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" || die "nginx configuration rejected"
nginx -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" >"$RAW/nginx.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")

# ---------------------------------------------------------------------------------------------------------------
# WebProxy: one instance intercepting, one tunnelling (and for (st) a third like the intercepting one, with
# statistics off). localhost is pinned to 127.0.0.1 (nginx listens on IPv4 only); the origin's test CA is trusted
# through UpstreamExtraCaFile. Statistics are on by default (Statistics.Enabled); each data folder gets the real
# Public Suffix List before the instance starts, so sites are computed as in production.
# ---------------------------------------------------------------------------------------------------------------
webproxy_config() { # webproxy_config FILE PORT ADMIN_PORT MODE DATA [EXTRA-SECTIONS]
  cat >"$1" <<EOF
{
  "DataDirectory": "$5",
  "Proxy": {
    "ListenAddress": "127.0.0.1",
    "Port": $2,
    "ExtraConnectPorts": [$ORIGIN_HTTPS],
    "Hosts": { "$ORIGIN_NAME": "127.0.0.1" },
    "UpstreamExtraCaFile": "$PKI/origin-ca.pem"
  },
  "Admin": { "ListenAddress": "127.0.0.1", "Port": $3 },
  "Policy": { "InterceptionMode": "$4", "DownloadLimitBytes": null, "UploadLimitBytes": null }${6:+,
  $6}
}
EOF
  if [[ -s $PSL_FILE ]]; then
    mkdir -p "$5/psl"
    cp "$PSL_FILE" "$5/psl/public_suffix_list.dat"
  fi
}
webproxy_config "$TMP/webproxy-intercept.json" "$WP_PORT" "$WP_ADMIN" All "$TMP/webproxy-intercept-data"
webproxy_config "$TMP/webproxy-tunnel.json" "$WPT_PORT" "$WPT_ADMIN" None "$TMP/webproxy-tunnel-data"
cp "$TMP/webproxy-intercept.json" "$TMP/webproxy-tunnel.json" "$RAW/"
if want st; then
  # The same settings as the intercepting instance (same binary, mode, hosts, CA trust), its own ports and data.
  webproxy_config "$TMP/webproxy-nostats.json" "$WPS_PORT" "$WPS_ADMIN" All "$TMP/webproxy-nostats-data" '"Statistics": { "Enabled": false }'
  cp "$TMP/webproxy-nostats.json" "$RAW/"
fi
[[ -s $PSL_FILE ]] || log "no Public Suffix List at $PSL_FILE: WebProxy counts sites by the two-label fallback"
"${WEBPROXY[@]}" ca export --config "$TMP/webproxy-intercept.json" --out "$PKI/webproxy-ca.pem" >"$RAW/webproxy-ca-export.log" 2>&1 \
  || die "webproxy ca export failed, see $RAW/webproxy-ca-export.log"
env "${WEBPROXY_ENV[@]}" "${WEBPROXY[@]}" --config "$TMP/webproxy-intercept.json" >"$RAW/webproxy-intercept.log" 2>&1 &
WP_PID=$!
PIDS+=("$WP_PID")
env "${WEBPROXY_ENV[@]}" "${WEBPROXY[@]}" --config "$TMP/webproxy-tunnel.json" >"$RAW/webproxy-tunnel.log" 2>&1 &
WPT_PID=$!
PIDS+=("$WPT_PID")
if want st; then
  env "${WEBPROXY_ENV[@]}" "${WEBPROXY[@]}" --config "$TMP/webproxy-nostats.json" >"$RAW/webproxy-nostats.log" 2>&1 &
  WPS_PID=$!
  PIDS+=("$WPS_PID")
fi

# ---------------------------------------------------------------------------------------------------------------
# Squid: Debian's squid-openssl, one process (-N: no SMP workers, as the Debian default of one worker), access log
# on, nothing cached. Own port ACLs (the stock SSL_ports/Safe_ports would refuse the test ports).
# ---------------------------------------------------------------------------------------------------------------
SQ=$TMP/squid
mkdir -p "$SQ"
cp "$PKI/squid-ca.pem" "$PKI/squid-ca.key" "$SQ/"
printf '127.0.0.1 %s\n' "$ORIGIN_NAME" >"$SQ/hosts"
/usr/lib/squid/security_file_certgen -c -s "$SQ/ssl_db" -M 16MB >"$RAW/squid-certgen-init.log" 2>&1
chown -R proxy:proxy "$SQ"
chmod 600 "$SQ/squid-ca.key"
cat >"$SQ/squid.conf" <<EOF
# Generated by perf/load/run.sh.
http_port 127.0.0.1:$SQUID_BUMP_PORT ssl-bump generate-host-certificates=on dynamic_cert_mem_cache_size=16MB tls-cert=$SQ/squid-ca.pem tls-key=$SQ/squid-ca.key
http_port 127.0.0.1:$SQUID_PLAIN_PORT
sslcrtd_program /usr/lib/squid/security_file_certgen -s $SQ/ssl_db -M 16MB
sslcrtd_children 5 startup=1 idle=1
ssl_bump bump all
tls_outgoing_options cafile=$PKI/origin-ca.pem

acl SSL_ports port $ORIGIN_HTTPS
acl Safe_ports port $ORIGIN_HTTP $ORIGIN_HTTPS
acl CONNECT method CONNECT
http_access deny !Safe_ports
http_access deny CONNECT !SSL_ports
http_access allow localhost
http_access deny all

cache deny all
access_log stdio:$SQ/access.log squid
cache_log $SQ/cache.log
cache_store_log none
logfile_rotate 0
pid_filename $SQ/squid.pid
coredump_dir $SQ
hosts_file $SQ/hosts
visible_hostname webproxy-perf
forwarded_for delete
max_filedescriptors 16384
shutdown_lifetime 1 seconds
EOF
chown proxy:proxy "$SQ/squid.conf"
cp "$SQ/squid.conf" "$RAW/squid.conf"
squid -k parse -f "$SQ/squid.conf" >"$RAW/squid-parse.log" 2>&1 || die "squid rejected its configuration, see $RAW/squid-parse.log"
squid -N -f "$SQ/squid.conf" >"$RAW/squid.log" 2>&1 &
SQUID_PID=$!
PIDS+=("$SQUID_PID")

wait_until() { # wait_until NAME PID COMMAND...
  local name=$1 pid=$2 i
  shift 2
  for ((i = 0; i < 150; i++)); do
    kill -0 "$pid" 2>/dev/null || die "$name exited during start-up; see $RAW"
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.2
  done
  die "$name did not become ready in 30 s"
}
wait_until nginx "$NGINX_PID" curl -fsS --max-time 2 "http://127.0.0.1:$ORIGIN_HTTP/1k"
wait_until "WebProxy (intercept)" "$WP_PID" curl -fsS --max-time 2 "http://127.0.0.1:$WP_ADMIN/healthz"
wait_until "WebProxy (tunnel)" "$WPT_PID" curl -fsS --max-time 2 "http://127.0.0.1:$WPT_ADMIN/healthz"
if want st; then
  wait_until "WebProxy (statistics off)" "$WPS_PID" curl -fsS --max-time 2 "http://127.0.0.1:$WPS_ADMIN/healthz"
fi
wait_until squid "$SQUID_PID" curl -fsS --max-time 2 -x "http://127.0.0.1:$SQUID_PLAIN_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
NGINX_WORKER=$(awk '{print $1}' "/proc/$NGINX_PID/task/$NGINX_PID/children")
log "nginx $NGINX_PID (worker $NGINX_WORKER), WebProxy $WP_PID / $WPT_PID$(want st && echo " / $WPS_PID (statistics off)"), Squid $SQUID_PID are up"

# Every path must work once before it is measured, so a broken setup fails here, not as a table of zeros.
check() { # check DESCRIPTION CURL-ARGS...
  local description=$1
  shift
  local code
  code=$(curl -sS -o /dev/null --max-time 10 -w '%{http_code}' "$@" 2>>"$RAW/checks.log") || code="curl-failed"
  [[ $code == 200 ]] || die "check failed: $description answered $code (see $RAW/checks.log and the logs in $RAW)"
}
check "WebProxy plain" -x "http://127.0.0.1:$WP_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
if want st; then
  check "WebProxy plain, statistics off" -x "http://127.0.0.1:$WPS_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
  # The on instance counts (its statistics meter is exported) and the off one does not; the on one found the list.
  curl -fsS --max-time 5 "http://127.0.0.1:$WP_ADMIN/metrics" >"$RAW/st-metrics-on-start.txt" 2>>"$RAW/checks.log" || true
  curl -fsS --max-time 5 "http://127.0.0.1:$WPS_ADMIN/metrics" >"$RAW/st-metrics-off-start.txt" 2>>"$RAW/checks.log" || true
  grep -q '^webproxy_statistics_' "$RAW/st-metrics-on-start.txt" \
    || die "(st) the intercepting WebProxy exports no webproxy_statistics_* metrics: are its statistics on? (see $RAW)"
  ! grep -q '^webproxy_statistics_' "$RAW/st-metrics-off-start.txt" \
    || die "(st) the WebProxy meant to run with statistics off exports webproxy_statistics_* metrics (see $RAW)"
  ! grep -q 'Public Suffix List .* not found' "$RAW/webproxy-intercept.log" \
    || die "(st) the intercepting WebProxy did not find its Public Suffix List (see $RAW/webproxy-intercept.log)"
fi
check "Squid plain" -x "http://127.0.0.1:$SQUID_BUMP_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
check "direct HTTPS" --cacert "$PKI/origin-ca.pem" --resolve "$ORIGIN_NAME:$ORIGIN_HTTPS:127.0.0.1" "https://$ORIGIN_NAME:$ORIGIN_HTTPS/1k"
check "WebProxy tunnel" --cacert "$PKI/origin-ca.pem" -x "http://127.0.0.1:$WPT_PORT" "https://$ORIGIN_NAME:$ORIGIN_HTTPS/1k"
check "WebProxy intercept" --http1.1 --cacert "$PKI/webproxy-ca.pem" -x "http://127.0.0.1:$WP_PORT" "https://$ORIGIN_NAME:$ORIGIN_HTTPS/1k"
check "Squid tunnel" --cacert "$PKI/origin-ca.pem" -x "http://127.0.0.1:$SQUID_PLAIN_PORT" "https://$ORIGIN_NAME:$ORIGIN_HTTPS/1k"
check "Squid ssl_bump" --cacert "$PKI/squid-ca.pem" -x "http://127.0.0.1:$SQUID_BUMP_PORT" "https://$ORIGIN_NAME:$ORIGIN_HTTPS/1k"

# ---------------------------------------------------------------------------------------------------------------
# Measurement helpers. Each measured command runs with its CPU accounted: the proxies and the nginx worker from
# /proc/PID/stat, the load client from bash's `time` (user + system of the child).
# ---------------------------------------------------------------------------------------------------------------
cpu_ticks() { # cpu_ticks PID -> utime+stime in clock ticks (0 when gone)
  if [[ -r /proc/$1/stat ]]; then sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; else echo 0; fi
}

machine_ticks() { # busy clock ticks of the whole machine (user, nice, system, irq, softirq, steal)
  awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat
}

# The machine may be shared (builds, tests of other work). Before each measured run, wait up to 30 s for it to be
# quiet (under 0.3 of a core busy while our own servers idle); otherwise measure anyway and say so.
wait_quiet() {
  local i a b busy=0
  for ((i = 0; i < 30; i++)); do
    a=$(machine_ticks)
    sleep 1
    b=$(machine_ticks)
    busy=$(((b - a) * 100 / CLK_TCK))
    ((busy < 30)) && return 0
  done
  log "$1: the machine is busy with other work (${busy} % of a core); measuring anyway"
  echo "$1: ${busy} % of a core busy before the run" >>"$RAW/busy.txt"
}

memory_mib() { # memory_mib PID FIELD -> VmRSS / VmHWM in MiB (0 when gone)
  local kib
  kib=$(awk -v field="$2:" '$1 == field {print $2}' "/proc/$1/status" 2>/dev/null || true)
  echo $((${kib:-0} / 1024))
}

# measure LABEL COMMAND... : stdout to $RAW/LABEL.out, stderr to $RAW/LABEL.err, CPU to $RAW/LABEL.cpu.json.
measure() {
  local label=$1
  shift
  local wp0 wpt0 wps0 sq0 ng0 m0 t0 t1 rc=0 client
  wait_quiet "$label"
  m0=$(machine_ticks)
  wp0=$(cpu_ticks "$WP_PID") wpt0=$(cpu_ticks "$WPT_PID") wps0=$(cpu_ticks "$WPS_PID") sq0=$(cpu_ticks "$SQUID_PID") ng0=$(cpu_ticks "$NGINX_WORKER")
  t0=$(date +%s.%N)
  local TIMEFORMAT='%U %S'
  { time "$@" >"$RAW/$label.out" 2>"$RAW/$label.err"; } 2>"$RAW/$label.time" || rc=$?
  t1=$(date +%s.%N)
  client=$(awk '{print $1 + $2}' "$RAW/$label.time" | tail -1)
  jq -n --argjson wall "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')" \
    --argjson wp "$(($(cpu_ticks "$WP_PID") - wp0))" --argjson wpt "$(($(cpu_ticks "$WPT_PID") - wpt0))" \
    --argjson wps "$(($(cpu_ticks "$WPS_PID") - wps0))" \
    --argjson sq "$(($(cpu_ticks "$SQUID_PID") - sq0))" --argjson ng "$(($(cpu_ticks "$NGINX_WORKER") - ng0))" \
    --argjson machine "$(($(machine_ticks) - m0))" \
    --argjson client "${client:-0}" --argjson tck "$CLK_TCK" --argjson rc "$rc" \
    '{wall_s: $wall, exit_code: $rc,
      cpu_webproxy: ($wp / $tck / $wall), cpu_webproxy_tunnel: ($wpt / $tck / $wall), cpu_webproxy_nostats: ($wps / $tck / $wall),
      cpu_squid: ($sq / $tck / $wall), cpu_nginx: ($ng / $tck / $wall), cpu_client: ($client / $wall),
      cpu_machine: ($machine / $tck / $wall)}
     | .cpu_other = ([.cpu_machine - .cpu_webproxy - .cpu_webproxy_tunnel - .cpu_webproxy_nostats - .cpu_squid - .cpu_nginx - .cpu_client, 0] | max)' \
    >"$RAW/$label.cpu.json"
  return 0
}

# Proxy health after every run: a crash is reported, not hidden behind a table.
alive() {
  local name pid
  for name in nginx:$NGINX_PID webproxy-intercept:$WP_PID webproxy-tunnel:$WPT_PID squid:$SQUID_PID \
    $( ((WPS_PID > 0)) && echo "webproxy-nostats:$WPS_PID"); do
    pid=${name#*:}
    kill -0 "$pid" 2>/dev/null || { log "$1: ${name%%:*} (PID $pid) is no longer running"; echo "${name%%:*} died during $1" >>"$RAW/crashes.txt"; }
  done
}

# json_result LABEL JSON-LINE: the client's result plus the CPU figures, or a zero result when the client
# printed nothing usable (its stderr in $RAW/LABEL.err says why).
json_result() {
  local line=$2
  if ! jq -e 'type == "object"' >/dev/null 2>&1 <<<"$line"; then
    log "$1: the load client printed no result; see $RAW/$1.err"
    line='{"requests": 0, "rps": 0, "errors": -1, "no_result": true}'
  fi
  jq --slurpfile cpu "$RAW/$1.cpu.json" '. + $cpu[0]' <<<"$line" >"$RAW/$1.json"
}

wrk_run() { # wrk_run LABEL URL TARGET
  local label=$1 url=$2 target=$3
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 5s -s "$HERE/request.lua" "$url" -- "$target" >/dev/null 2>&1 || true
  measure "$label" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency -s "$HERE/request.lua" "$url" -- "$target"
  json_result "$label" "$( (grep '^WRK_JSON ' "$RAW/$label.out" || true) | sed 's/^WRK_JSON //' | tail -1)"
  alive "$label"
}

download_run() { # download_run LABEL CURL-ARGS... : one warm-up, then PERF_DOWNLOAD_REPS timed downloads
  local label=$1
  shift
  curl -sS -o /dev/null --max-time 60 "$@" >/dev/null 2>&1 || true
  measure "$label" bash -c 'for ((i = 0; i < '"$REPS"'; i++)); do
      r=$(curl -sS -o /dev/null --max-time 60 -w "%{http_code} %{size_download} %{speed_download}" "$@") || true
      echo "${r:-000 0 0}"
    done' download "$@"
  # Median speed of the runs with status 200 and the full 100 MiB; failed runs are counted separately.
  local full=$((100 * 1024 * 1024)) speeds failed median runs
  speeds=$(awk -v full="$full" '$1 == 200 && $2 == full {printf "%.1f\n", $3 / 1048576}' "$RAW/$label.out" | sort -n)
  failed=$(awk -v full="$full" '!($1 == 200 && $2 == full) {n++} END {print n + 0}' "$RAW/$label.out")
  median=$(printf '%s\n' "$speeds" | awk 'NF {v[++n] = $1} END {if (n == 0) print 0; else if (n % 2) print v[(n + 1) / 2]; else print (v[n / 2] + v[n / 2 + 1]) / 2}')
  runs=$(printf '%s\n' "$speeds" | awk 'NF' | paste -sd, -)
  jq -n --argjson mib_s "$median" --argjson failed "$failed" --argjson runs "[${runs}]" \
    --slurpfile cpu "$RAW/$label.cpu.json" '{mib_s: $mib_s, ok: ($runs | length), failed: $failed, runs: $runs} + $cpu[0]' >"$RAW/$label.json"
  alive "$label"
}

connectload_run() { # connectload_run LABEL MODE CONNECTIONS [--proxy HOST:PORT] --ca FILE
  local label=$1 mode=$2 connections=$3
  shift 3
  measure "$label" timeout $((WARMUP + DURATION + 60)) "${CONNECTLOAD[@]}" --mode "$mode" --connections "$connections" \
    --duration "$DURATION" --warmup "$WARMUP" --target "$ORIGIN_NAME:$ORIGIN_HTTPS" --path /1k "$@"
  json_result "$label" "$(tail -1 "$RAW/$label.out")"
  alive "$label"
}

HTTPS_100M="https://$ORIGIN_NAME:$ORIGIN_HTTPS/100m"
IDLE_RSS_WP=$(memory_mib "$WP_PID" VmRSS)
IDLE_RSS_SQ=$(memory_mib "$SQUID_PID" VmRSS)
IDLE_RSS_WPT=$(memory_mib "$WPT_PID" VmRSS)
IDLE_RSS_WPS=$(memory_mib "$WPS_PID" VmRSS)
RUN_STARTED=$SECONDS

if want a; then
  log "(a) plain HTTP 1 KiB, $CONNECTIONS connections, ${DURATION}s each"
  wrk_run a-direct "http://127.0.0.1:$ORIGIN_HTTP" /1k
  wrk_run a-webproxy "http://127.0.0.1:$WP_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
  wrk_run a-squid "http://127.0.0.1:$SQUID_PLAIN_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
fi

if want b; then
  log "(b) plain HTTP 100 MiB downloads"
  download_run b-direct --noproxy '*' "http://127.0.0.1:$ORIGIN_HTTP/100m"
  download_run b-webproxy -x "http://127.0.0.1:$WP_PORT" "http://127.0.0.1:$ORIGIN_HTTP/100m"
  download_run b-squid -x "http://127.0.0.1:$SQUID_PLAIN_PORT" "http://127.0.0.1:$ORIGIN_HTTP/100m"
fi

if want c; then
  log "(c) CONNECT tunnel, HTTPS 100 MiB downloads"
  download_run c-direct --noproxy '*' --cacert "$PKI/origin-ca.pem" --resolve "$ORIGIN_NAME:$ORIGIN_HTTPS:127.0.0.1" "$HTTPS_100M"
  download_run c-webproxy -x "http://127.0.0.1:$WPT_PORT" --cacert "$PKI/origin-ca.pem" "$HTTPS_100M"
  download_run c-squid -x "http://127.0.0.1:$SQUID_PLAIN_PORT" --cacert "$PKI/origin-ca.pem" "$HTTPS_100M"
fi

if want c2; then
  log "(c2) intercepted HTTPS 100 MiB downloads"
  download_run c2-webproxy --http1.1 -x "http://127.0.0.1:$WP_PORT" --cacert "$PKI/webproxy-ca.pem" "$HTTPS_100M"
  download_run c2-squid -x "http://127.0.0.1:$SQUID_BUMP_PORT" --cacert "$PKI/squid-ca.pem" "$HTTPS_100M"
fi

if want d; then
  log "(d) intercepted 1 KiB keep-alive, $CONNECTIONS connections"
  connectload_run d-direct keepalive "$CONNECTIONS" --ca "$PKI/origin-ca.pem"
  connectload_run d-webproxy keepalive "$CONNECTIONS" --proxy "127.0.0.1:$WP_PORT" --ca "$PKI/webproxy-ca.pem"
  connectload_run d-squid keepalive "$CONNECTIONS" --proxy "127.0.0.1:$SQUID_BUMP_PORT" --ca "$PKI/squid-ca.pem"
fi

if want e; then
  log "(e) intercepted new connections, $NEWCONN concurrent"
  connectload_run e-direct newconn "$NEWCONN" --ca "$PKI/origin-ca.pem"
  connectload_run e-webproxy newconn "$NEWCONN" --proxy "127.0.0.1:$WP_PORT" --ca "$PKI/webproxy-ca.pem"
  connectload_run e-squid newconn "$NEWCONN" --proxy "127.0.0.1:$SQUID_BUMP_PORT" --ca "$PKI/squid-ca.pem"
fi

# (st), opt-in (PERF_SCENARIOS=...,st): what counting the statistics (issue #5) costs end to end. Scenario (a)'s
# load (plain HTTP 1 KiB, same connections, warm-up and duration) alternately through the intercepting WebProxy
# (statistics on, the default, with the real Public Suffix List) and the third instance, identical but for
# "Statistics": {"Enabled": false} (the proxy then tallies nothing at all). PERF_ST_ROUNDS rounds, each on then off,
# each run after the standard warm-up, so slow drift of the shared machine affects both alike. Before the first
# round each instance gets one unmeasured run of PERF_DURATION, so neither is measured colder than the other.
# Afterwards statistics.db of the on instance must hold the wrk traffic (site_hour), so the on path really ran.
if want st; then
  log "(st) statistics on / off, $ST_ROUNDS alternating rounds of (a), ${DURATION}s each"
  ST_STARTED=$SECONDS
  for url in "http://127.0.0.1:$WP_PORT" "http://127.0.0.1:$WPS_PORT"; do
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s -s "$HERE/request.lua" "$url" -- "http://127.0.0.1:$ORIGIN_HTTP/1k" >/dev/null 2>&1 || true
  done
  for ((round = 1; round <= ST_ROUNDS; round++)); do
    wrk_run "st-on-$round" "http://127.0.0.1:$WP_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
    wrk_run "st-off-$round" "http://127.0.0.1:$WPS_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
    log "(st) round $round: on $(jq -r '.rps | floor' "$RAW/st-on-$round.json") req/s, off $(jq -r '.rps | floor' "$RAW/st-off-$round.json") req/s"
  done
  ST_SECONDS=$((SECONDS - ST_STARTED))
  # Counts reach statistics.db every Statistics.FlushInterval (5 s): wait for one flush after the last on run.
  sleep 7
  ST_DB=$TMP/webproxy-intercept-data/statistics.db
  ST_DB_REQUESTS=$(sqlite3 -readonly "$ST_DB" 'SELECT COALESCE(SUM(requests), 0) FROM site_hour' 2>>"$RAW/checks.log" || echo 0)
  ST_DB_SITES=$(sqlite3 -readonly -separator ' ' "$ST_DB" 'SELECT site, SUM(requests) FROM site_hour GROUP BY site ORDER BY 2 DESC LIMIT 5' 2>>"$RAW/checks.log" | paste -sd, - || true)
  ST_DB_SKETCHES=$(sqlite3 -readonly "$ST_DB" 'SELECT COUNT(*) FROM site_day' 2>>"$RAW/checks.log" || echo 0)
  ST_DB_RULE_REQUESTS=$(sqlite3 -readonly "$ST_DB" "SELECT COALESCE(SUM(requests), 0) FROM rule_hour WHERE decision = 'allowed'" 2>>"$RAW/checks.log" || echo 0)
  ST_ON_MEASURED=$(for ((round = 1; round <= ST_ROUNDS; round++)); do jq -r '.requests // 0' "$RAW/st-on-$round.json"; done | awk '{s += $1} END {print s + 0}')
  ST_OFF_DB=$([[ -e $TMP/webproxy-nostats-data/statistics.db ]] && echo "exists (unexpected)" || echo "does not exist")
  ((ST_DB_REQUESTS >= ST_ON_MEASURED && ST_ON_MEASURED > 0)) \
    || log "(st) statistics.db of the on instance holds $ST_DB_REQUESTS requests, fewer than the $ST_ON_MEASURED measured: the on path did not count them all"
fi

# (a1m), opt-in (PERF_SCENARIOS=...,a1m; last, so no other scenario runs with the big index loaded): scenario (a)
# through the intercepting WebProxy without imported lists (the shipped sample lists only), then the same after
# `webproxy categories update` loaded a synthetic 1,000,000-domain UT1 list (perf/categories/generate-domains.py,
# reused from PERF_CATEGORIES_LISTS when present). The wrk URL (127.0.0.1) is not in the list: it measures the
# lookup on the allowed path, not block pages. A listed host is checked to be blocked once, so the list is live.
if want a1m; then
  log "(a1m) plain HTTP 1 KiB through WebProxy, without and with 1,000,000 listed domains"
  A1M_LISTS=${PERF_CATEGORIES_LISTS:-$REPO/perf/out/categories/1m}
  A1M_STARTED=$SECONDS
  if [[ ! -s $A1M_LISTS/adult/domains ]]; then
    log "(a1m) generating the 1M list in $A1M_LISTS"
    python3 "$REPO/perf/categories/generate-domains.py" --count 1000000 --seed 3 --out "$A1M_LISTS" \
      --queries "$A1M_LISTS-queries.tsv" 2>"$RAW/a1m-generate.log" || die "list generation failed, see $RAW/a1m-generate.log"
  fi
  A1M_GENERATE_SECONDS=$((SECONDS - A1M_STARTED))
  A1M_LISTED=$(grep -m1 -v '^[0-9.]*$' "$A1M_LISTS/adult/domains")
  A1M_RSS_BEFORE=$(memory_mib "$WP_PID" VmRSS)
  wrk_run a1m-base "http://127.0.0.1:$WP_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
  t0=$(date +%s.%N)
  "${WEBPROXY[@]}" categories update --config "$TMP/webproxy-intercept.json" --source "$A1M_LISTS" >"$RAW/a1m-update.log" 2>&1 \
    || die "webproxy categories update failed, see $RAW/a1m-update.log"
  t1=$(date +%s.%N)
  A1M_DOMAINS=0
  for ((i = 0; i < 300; i++)); do
    A1M_DOMAINS=$(curl -fsS --max-time 2 "http://127.0.0.1:$WP_ADMIN/metrics" 2>/dev/null \
      | awk '/^webproxy_categories_domains/ {v = $NF} END {printf "%d", v}')
    ((A1M_DOMAINS >= 1000000)) && break
    sleep 0.1
  done
  t2=$(date +%s.%N)
  ((A1M_DOMAINS >= 1000000)) || die "(a1m) the proxy did not pick up the 1M list in 30 s (webproxy_categories_domains=$A1M_DOMAINS)"
  A1M_UPDATE_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')
  A1M_PICKUP_S=$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.2f", b - a}')
  A1M_BLOCKED=$(curl -sS -o /dev/null --max-time 10 -w '%{http_code}' -x "http://127.0.0.1:$WP_PORT" "http://$A1M_LISTED/" 2>>"$RAW/checks.log" || echo failed)
  check "WebProxy plain with the 1M list loaded" -x "http://127.0.0.1:$WP_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
  sleep 2 # let the reload's garbage go before measuring
  A1M_RSS_LOADED=$(memory_mib "$WP_PID" VmRSS)
  wrk_run a1m-lists "http://127.0.0.1:$WP_PORT" "http://127.0.0.1:$ORIGIN_HTTP/1k"
  A1M_RSS_AFTER=$(memory_mib "$WP_PID" VmRSS)
  A1M_SECONDS=$((SECONDS - A1M_STARTED))
fi

RUN_SECONDS=$((SECONDS - RUN_STARTED))

# ---------------------------------------------------------------------------------------------------------------
# Report: perf/out/<time>/load-results.md, and the same block spliced into perf/RESULTS.md between its markers.
# ---------------------------------------------------------------------------------------------------------------
get() { jq -r "$2" "$RAW/$1.json" 2>/dev/null || echo 0; }
num() { awk -v v="$1" -v d="$2" 'BEGIN {printf "%.*f", d, v}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a"}'; }
as_times() { if [[ $1 == n/a ]]; then echo "—"; else echo "$1×"; fi; }
percent() { if [[ $1 == n/a ]]; then echo "—"; else awk -v r="$1" 'BEGIN {printf "%.0f %%", r * 100}'; fi; }
verdict() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN {if (a <= 0 || b <= 0) print "not measured"; else if (a / b >= t) print "met"; else print "**not met**"}'; }
cores() { num "$(get "$1" "$2")" 2; }

wrk_row() { # wrk_row NAME LABEL CPU-FIELD
  local errors
  errors=$(get "$2" '(.errors_connect + .errors_read + .errors_write + .errors_timeout) as $s | "\($s) socket, \(.non_2xx_3xx) non-2xx"')
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(num "$(get "$2" .rps)" 0)" "$(num "$(get "$2" .p50_ms)" 2)" \
    "$(num "$(get "$2" .p99_ms)" 2)" "$errors" "$([[ -n $3 ]] && cores "$2" "$3" || echo -)" "$(cores "$2" .cpu_nginx)" "$(cores "$2" .cpu_client)" \
    "$(cores "$2" .cpu_machine)"
}
download_row() { # download_row NAME LABEL CPU-FIELD
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(num "$(get "$2" .mib_s)" 0)" "$(get "$2" '.runs | join(", ")')" \
    "$(get "$2" .failed)" "$([[ -n $3 ]] && cores "$2" "$3" || echo -)" "$(cores "$2" .cpu_nginx)" "$(cores "$2" .cpu_client)" \
    "$(cores "$2" .cpu_machine)"
}
connectload_row() { # connectload_row NAME LABEL CPU-FIELD
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(num "$(get "$2" .rps)" 0)" "$(num "$(get "$2" .p50_ms)" 2)" \
    "$(num "$(get "$2" .p99_ms)" 2)" "$(get "$2" '"\(.errors)\(.error_kinds // {} | to_entries | map(" \(.key) \(.value)") | join(","))"')" \
    "$([[ -n $3 ]] && cores "$2" "$3" || echo -)" "$(cores "$2" .cpu_nginx)" "$(cores "$2" .cpu_client)" "$(cores "$2" .cpu_machine)"
}

A_RATIO=$(ratio "$(get a-webproxy .rps)" "$(get a-squid .rps)")
B_RATIO=$(ratio "$(get b-webproxy .mib_s)" "$(get b-direct .mib_s)")
C_RATIO=$(ratio "$(get c-webproxy .mib_s)" "$(get c-direct .mib_s)")
D_RATIO=$(ratio "$(get d-webproxy .rps)" "$(get d-squid .rps)")
E_RATIO=$(ratio "$(get e-webproxy .rps)" "$(get e-squid .rps)")
A_VERDICT=$(verdict "$(get a-webproxy .rps)" "$(get a-squid .rps)" 2)
B_VERDICT=$(verdict "$(get b-webproxy .mib_s)" "$(get b-direct .mib_s)" 0.7)
C_VERDICT=$(verdict "$(get c-webproxy .mib_s)" "$(get c-direct .mib_s)" 0.9)
D_VERDICT=$(verdict "$(get d-webproxy .rps)" "$(get d-squid .rps)" 2)
E_VERDICT=$(verdict "$(get e-webproxy .rps)" "$(get e-squid .rps)" 3)

if want st; then
  # Medians of each side, the ratio of the medians, and the per-round ratios (on_i / off_i) with a t interval of their
  # mean: the verdict is "met" only when the whole interval is at or above 0.99, "not met" only when it is below.
  st_values() { for ((round = 1; round <= ST_ROUNDS; round++)); do get "$1-$round" "$2"; done; }
  st_disturbed() { # st_disturbed ROUND: other work took more than 0.10 core during either run of the round
    awk -v a="$(get "st-on-$1" .cpu_other)" -v b="$(get "st-off-$1" .cpu_other)" 'BEGIN {exit !(a > 0.10 || b > 0.10)}'
  }
  ST_FILES=()
  for ((round = 1; round <= ST_ROUNDS; round++)); do ST_FILES+=("$RAW/st-on-$round.json" "$RAW/st-off-$round.json"); done
  ST_CLEAN_COUNT=0 ST_CLEAN_ON_LIST="" ST_CLEAN_OFF_LIST="" ST_CLEAN_PAIRS=""
  for ((round = 1; round <= ST_ROUNDS; round++)); do
    st_disturbed "$round" && continue
    ST_CLEAN_COUNT=$((ST_CLEAN_COUNT + 1))
    ST_CLEAN_ON_LIST+="$(get "st-on-$round" .rps)"$'\n'
    ST_CLEAN_OFF_LIST+="$(get "st-off-$round" .rps)"$'\n'
    ST_CLEAN_PAIRS+="${ST_CLEAN_PAIRS:+, }$(awk -v a="$(get "st-on-$round" .rps)" -v b="$(get "st-off-$round" .rps)" 'BEGIN {if (b > 0) printf "%.3f", a / b}')"
  done
  median() { sort -g | awk '{v[++n] = $1} END {if (n == 0) print 0; else if (n % 2) print v[(n + 1) / 2]; else print (v[n / 2] + v[n / 2 + 1]) / 2}'; }
  ST_MEDIAN_ON=$(st_values st-on .rps | median)
  ST_MEDIAN_OFF=$(st_values st-off .rps | median)
  ST_CPU_ON=$(st_values st-on 'if .rps > 0 then .cpu_webproxy / .rps * 1e6 else 0 end' | median)
  ST_CPU_OFF=$(st_values st-off 'if .rps > 0 then .cpu_webproxy_nostats / .rps * 1e6 else 0 end' | median)
  ST_RATIO=$(awk -v a="$ST_MEDIAN_ON" -v b="$ST_MEDIAN_OFF" 'BEGIN {if (a > 0 && b > 0) printf "%.4f", a / b; else print "n/a"}')
  ST_CLEAN_ON=$(printf '%s' "$ST_CLEAN_ON_LIST" | median)
  ST_CLEAN_OFF=$(printf '%s' "$ST_CLEAN_OFF_LIST" | median)
  ST_CLEAN_RATIO=$(awk -v a="$ST_CLEAN_ON" -v b="$ST_CLEAN_OFF" 'BEGIN {if (a > 0 && b > 0) printf "%.4f", a / b; else print "n/a"}')
  ST_COST=$(awk -v r="$ST_RATIO" 'BEGIN {if (r == "n/a") print "not measured";
    else if (r <= 1) printf "recording costs **%.1f %%** of requests/s", (1 - r) * 100;
    else printf "on was **%.1f %%** faster than off, i.e. no cost measurable", (r - 1) * 100}')
  ST_CPU_DELTA_PCT=$(awk -v a="$ST_CPU_ON" -v b="$ST_CPU_OFF" 'BEGIN {if (b > 0) printf "%+.1f", (a / b - 1) * 100; else print "n/a"}')
  ST_PAIRS=$(for ((round = 1; round <= ST_ROUNDS; round++)); do
    awk -v a="$(get "st-on-$round" .rps)" -v b="$(get "st-off-$round" .rps)" 'BEGIN {if (a > 0 && b > 0) printf "%.6f\n", a / b}'
  done)
  ST_PAIR_MEDIAN=$(median <<<"$ST_PAIRS" | xargs printf '%.4f')
  read -r ST_PAIR_MEAN ST_PAIR_MIN ST_PAIR_MAX ST_CI_LOW ST_CI_HIGH < <(awk '
    NF {v[++n] = $1; s += $1; if (n == 1 || $1 < lo) lo = $1; if (n == 1 || $1 > hi) hi = $1}
    END {
      if (n == 0) {print "0 0 0 0 0"; exit}
      m = s / n; ss = 0; for (i = 1; i <= n; i++) ss += (v[i] - m) ^ 2
      split("12.706 4.303 3.182 2.776 2.571 2.447 2.365 2.306 2.262 2.228 2.201 2.179 2.160 2.145 2.131 2.120 2.110 2.101 2.093 2.086", t, " ")
      tv = (n - 1 >= 1 && n - 1 <= 20) ? t[n - 1] : 1.96
      h = (n > 1) ? tv * sqrt(ss / (n - 1)) / sqrt(n) : 0
      printf "%.4f %.4f %.4f %.4f %.4f\n", m, lo, hi, m - h, m + h
    }' <<<"$ST_PAIRS")
  spread() { awk '{v[++n] = $1; if (n == 1 || $1 < lo) lo = $1; if (n == 1 || $1 > hi) hi = $1} END {print lo, hi}'; }
  ST_OFF_SPREAD_PCT=$(st_values st-off .rps | spread | awk -v m="$ST_MEDIAN_OFF" '{if (m > 0) printf "%.1f", ($2 - $1) / m * 100; else print "n/a"}')
  ST_ON_SPREAD_PCT=$(st_values st-on .rps | spread | awk -v m="$ST_MEDIAN_ON" '{if (m > 0) printf "%.1f", ($2 - $1) / m * 100; else print "n/a"}')
  ST_VERDICT=$(awk -v r="$ST_RATIO" -v lo="$ST_CI_LOW" -v hi="$ST_CI_HIGH" 'BEGIN {
    if (r == "n/a" || r == 0) print "not measured";
    else if (lo >= 0.99) print "met: even the low end of the interval is within 1 %.";
    else if (hi < 0.99) print "**not met**: even the high end of the interval is more than 1 % below off.";
    else printf "**not resolved** by this run: the interval (%.1f %% either side) is wider than the 1 %% to be shown; the medians %s.\n",
      (hi - lo) / 2 * 100, (r >= 0.99 ? "are within 1 %" : "differ by more than 1 %") }')
  ST_SHORT_VERDICT=$(awk -v r="$ST_RATIO" -v lo="$ST_CI_LOW" -v hi="$ST_CI_HIGH" 'BEGIN {
    if (r == "n/a" || r == 0) print "not measured"; else if (lo >= 0.99) print "met"; else if (hi < 0.99) print "**not met**"; else print "not resolved (noise > 1 %)" }')
fi

COMMIT=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(git -C "$REPO" status --porcelain -- src 2>/dev/null | wc -l)
SQUID_LOG_LINES=$(wc -l <"$SQ/access.log" 2>/dev/null || echo 0)
WP_LOGS=("$RAW/webproxy-intercept.log" "$RAW/webproxy-tunnel.log")
if want st; then WP_LOGS+=("$RAW/webproxy-nostats.log"); fi
WP_LOG_WARNINGS=$(cat "${WP_LOGS[@]}" | grep -ciE 'warn|fail|crit|exception' || true)

BLOCK=$OUT/load-results.md
{
  echo "<!-- BEGIN load results: generated by perf/load/run.sh; edit outside the markers -->"
  echo "## Load test, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Commit \`$COMMIT\`$( ((DIRTY > 0)) && echo " with $DIRTY uncommitted change(s) under src/")," \
    "measured runs ${DURATION} s after ${WARMUP} s of warm-up, whole load phase ${RUN_SECONDS} s." \
    "$([[ -n ${PERF_WEBPROXY_ENV:-} ]] && echo "WebProxy environment: \`$PERF_WEBPROXY_ENV\`.")" \
    "$([[ $SCENARIOS != a,b,c,c2,d,e ]] && echo "Scenarios run: $SCENARIOS.")"
  echo
  echo "### Machine"
  echo
  echo "| | |"
  echo "| --- | --- |"
  echo "| CPU | $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo) |"
  echo "| Memory | $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) |"
  echo "| Kernel | $(uname -sr) |"
  echo "| .NET | SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v = $2} END {print v}') |"
  echo "| Squid | $(squid -v | head -1) (squid-openssl $(dpkg-query -W -f='${Version}' squid-openssl 2>/dev/null)) |"
  echo "| nginx | $(nginx -v 2>&1 | sed 's/^nginx version: //') (origin, 1 worker) |"
  echo "| wrk | $(wrk -v 2>&1 | head -1 | awk '{print $2}') ($WRK_THREADS thread) |"
  echo "| curl | $(curl --version | head -1 | awk '{print $2}') |"
  echo
  echo "Everything runs on the same machine: load client, origin and proxy share the $(nproc) cores." \
    "CPU columns are average cores used during the measured run: proxy and nginx worker from /proc/PID/stat, the" \
    "client from \`time\`, the whole machine from /proc/stat (at most $(nproc).00; what the columns before it do not" \
    "explain is the kernel's share and any other work on the machine)."
  echo
  echo "### (a) Plain HTTP, 1 KiB, $CONNECTIONS connections, keep-alive (wrk)"
  echo
  echo "| Path | Requests/s | p50 ms | p99 ms | Errors | CPU proxy | CPU origin | CPU client | CPU machine |"
  echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
  wrk_row "direct to nginx" a-direct ""
  wrk_row "WebProxy" a-webproxy .cpu_webproxy
  wrk_row "Squid" a-squid .cpu_squid
  echo
  echo "Target: WebProxy ≥ 2× Squid. Ratio **$A_RATIO** → $A_VERDICT."
  echo
  echo "### (b) Plain HTTP, 100 MiB download (curl, median of $REPS after one warm-up)"
  echo
  echo "| Path | MiB/s | Runs (MiB/s) | Failed | CPU proxy | CPU origin | CPU client | CPU machine |"
  echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  download_row "direct to nginx" b-direct ""
  download_row "WebProxy" b-webproxy .cpu_webproxy
  download_row "Squid" b-squid .cpu_squid
  echo
  echo "Target: WebProxy ≥ 70 % of direct. Ratio **$B_RATIO** → $B_VERDICT."
  echo
  echo "### (c) CONNECT tunnel, HTTPS 100 MiB download (curl, median of $REPS)"
  echo
  echo "| Path | MiB/s | Runs (MiB/s) | Failed | CPU proxy | CPU origin | CPU client | CPU machine |"
  echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  download_row "direct HTTPS to nginx" c-direct ""
  download_row "WebProxy, blind tunnel" c-webproxy .cpu_webproxy_tunnel
  download_row "Squid, CONNECT not bumped" c-squid .cpu_squid
  echo
  echo "Target: WebProxy tunnel ≥ 90 % of direct. Ratio **$C_RATIO** → $C_VERDICT."
  echo
  echo "For information, the same download intercepted (decrypted and re-encrypted by the proxy):"
  echo
  echo "| Path | MiB/s | Runs (MiB/s) | Failed | CPU proxy | CPU origin | CPU client | CPU machine |"
  echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"
  download_row "WebProxy, Intercept" c2-webproxy .cpu_webproxy
  download_row "Squid, ssl_bump" c2-squid .cpu_squid
  echo
  echo "### (d) Intercepted HTTPS, 1 KiB, $CONNECTIONS keep-alive connections (connectload)"
  echo
  echo "Each connection: CONNECT, TLS handshake with the proxy's certificate (the client trusts that proxy's CA)," \
    "then GET requests back to back. Direct: TLS straight to nginx."
  echo
  echo "| Path | Requests/s | p50 ms | p99 ms | Errors | CPU proxy | CPU origin | CPU client | CPU machine |"
  echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
  connectload_row "direct HTTPS to nginx" d-direct ""
  connectload_row "WebProxy, Intercept" d-webproxy .cpu_webproxy
  connectload_row "Squid, ssl_bump" d-squid .cpu_squid
  echo
  echo "Target: WebProxy ≥ 2× Squid's ssl_bump. Ratio **$D_RATIO** → $D_VERDICT."
  echo
  echo "### (e) Intercepted HTTPS, new connection per request, $NEWCONN concurrent (connectload)"
  echo
  echo "Each iteration: TCP connect, CONNECT, TLS handshake, one GET with \`Connection: close\`, close." \
    "Requests/s here is new intercepted connections per second."
  echo
  echo "| Path | Connections/s | p50 ms | p99 ms | Errors | CPU proxy | CPU origin | CPU client | CPU machine |"
  echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
  connectload_row "direct HTTPS to nginx" e-direct ""
  connectload_row "WebProxy, Intercept" e-webproxy .cpu_webproxy
  connectload_row "Squid, ssl_bump" e-squid .cpu_squid
  echo
  echo "Target: WebProxy ≥ 3× Squid's ssl_bump. Ratio **$E_RATIO** → $E_VERDICT."
  echo
  if want st; then
    echo "### (st) Statistics on / off: plain HTTP 1 KiB, $CONNECTIONS connections, $ST_ROUNDS alternating rounds (wrk)"
    echo
    echo "Scenario (a)'s load through the intercepting WebProxy (statistics on, the default; real Public Suffix List," \
      "$(grep -cv '^\(//.*\)\?$' "$PSL_FILE") rules) and through a third instance of the same build with the same settings and" \
      '`"Statistics": { "Enabled": false }`' "(the proxy then tallies nothing). Rounds alternate on, off, on, off, ...;" \
      "every run after ${WARMUP} s of warm-up, each instance warmed by one unmeasured ${DURATION} s run first." \
      "Proxy CPU per request is the proxy's CPU time over the requests served (µs)."
    echo
    echo "| Round | On: req/s | Off: req/s | On / off | On: proxy CPU µs/req | Off: proxy CPU µs/req | On: cores proxy / other / machine | Off: cores proxy / other / machine |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for ((round = 1; round <= ST_ROUNDS; round++)); do
      printf '| %s%s | %s | %s | %s | %s | %s | %s / %s / %s | %s / %s / %s |\n' "$round" "$(st_disturbed "$round" && echo ' †')" \
        "$(num "$(get "st-on-$round" .rps)" 0)" "$(num "$(get "st-off-$round" .rps)" 0)" \
        "$(awk -v a="$(get "st-on-$round" .rps)" -v b="$(get "st-off-$round" .rps)" 'BEGIN {if (a > 0 && b > 0) printf "%.4f", a / b; else print "n/a"}')" \
        "$(num "$(get "st-on-$round" 'if .rps > 0 then .cpu_webproxy / .rps * 1e6 else 0 end')" 2)" \
        "$(num "$(get "st-off-$round" 'if .rps > 0 then .cpu_webproxy_nostats / .rps * 1e6 else 0 end')" 2)" \
        "$(cores "st-on-$round" .cpu_webproxy)" "$(cores "st-on-$round" .cpu_other)" "$(cores "st-on-$round" .cpu_machine)" \
        "$(cores "st-off-$round" .cpu_webproxy_nostats)" "$(cores "st-off-$round" .cpu_other)" "$(cores "st-off-$round" .cpu_machine)"
    done
    echo "| **median** | **$(num "$ST_MEDIAN_ON" 0)** | **$(num "$ST_MEDIAN_OFF" 0)** | **$ST_RATIO** | $(num "$ST_CPU_ON" 2) | $(num "$ST_CPU_OFF" 2) | | |"
    echo
    echo "Errors: $(jq -s 'map((.errors_connect // 0) + (.errors_read // 0) + (.errors_write // 0) + (.errors_timeout // 0)) | add' "${ST_FILES[@]}") socket," \
      "$(jq -s 'map(.non_2xx_3xx // 0) | add' "${ST_FILES[@]}") non-2xx over all $((2 * ST_ROUNDS)) runs." \
      "\"Other\" is CPU the machine spent beyond the processes of the test (other work on the shared machine, which the" \
      "idle check before each run cannot keep out during it); † marks a round where it exceeded 0.10 core in either run."
    echo
    echo "Median on / median off: **$ST_RATIO** ($ST_COST; target: recording under 1 %, i.e. on / off ≥ 0.99)." \
      "Per-round ratios: median $ST_PAIR_MEDIAN, mean $ST_PAIR_MEAN, range $ST_PAIR_MIN–$ST_PAIR_MAX, 95 % interval of the mean" \
      "$ST_CI_LOW–$ST_CI_HIGH (t, $((ST_ROUNDS - 1)) degrees of freedom). Noise: the off runs alone spread" \
      "$ST_OFF_SPREAD_PCT % (max − min over median), the on runs $ST_ON_SPREAD_PCT %. Proxy CPU per request, medians:" \
      "on $(num "$ST_CPU_ON" 2) µs, off $(num "$ST_CPU_OFF" 2) µs ($ST_CPU_DELTA_PCT %)." \
      "Verdict: $ST_VERDICT"
    echo
    echo "Undisturbed rounds only (other work ≤ 0.10 core in both runs): $ST_CLEAN_COUNT of $ST_ROUNDS$( ((ST_CLEAN_COUNT > 0)) &&
      echo ", medians on $(num "$ST_CLEAN_ON" 0), off $(num "$ST_CLEAN_OFF" 0) req/s, on / off $ST_CLEAN_RATIO; per-round ratios $ST_CLEAN_PAIRS")." \
      "A check of the figures above, chosen after the fact: not the verdict."
    echo
    echo "The on path ran: statistics.db of the on instance holds $ST_DB_REQUESTS requests in site_hour" \
      "(sites: ${ST_DB_SITES:-none}), $ST_DB_RULE_REQUESTS allowed requests in rule_hour and $ST_DB_SKETCHES site-day sketch(es)," \
      "for $ST_ON_MEASURED measured requests (plus warm-ups and any earlier scenario through that instance); the off" \
      "instance's statistics.db $ST_OFF_DB. Scenario time: ${ST_SECONDS} s."
    echo
  fi
  if want a1m; then
    A1M_RATIO=$(ratio "$(get a1m-lists .rps)" "$(get a1m-base .rps)")
    echo "### (a1m) Plain HTTP 1 KiB through WebProxy, without and with a 1,000,000-domain category list"
    echo
    echo "Same as (a), intercepting WebProxy only: first with the shipped sample lists, then after" \
      "\`webproxy categories update --source $(sed "s|$REPO/||" <<<"$A1M_LISTS")\` (synthetic UT1 list of" \
      "perf/categories/generate-domains.py, $A1M_DOMAINS domains in the running index). The requested URL is not listed;" \
      "a listed host (\`$A1M_LISTED\`) answered $A1M_BLOCKED."
    echo
    echo "| Path | Requests/s | p50 ms | p99 ms | Errors | CPU proxy | CPU origin | CPU client | CPU machine |"
    echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"
    wrk_row "WebProxy, sample lists only" a1m-base .cpu_webproxy
    wrk_row "WebProxy, 1M domains loaded" a1m-lists .cpu_webproxy
    echo
    echo "With / without: **$A1M_RATIO** (target: within 5 %, i.e. ≥ 0.95 → $(verdict "$(get a1m-lists .rps)" "$(get a1m-base .rps)" 0.95))." \
      "Import and compile (\`categories update\`, its own process): $A1M_UPDATE_S s; until the running proxy reported" \
      "the new index in \`/metrics\`: $A1M_PICKUP_S s more. WebProxy RSS: $A1M_RSS_BEFORE MiB before, $A1M_RSS_LOADED MiB" \
      "with the list loaded, $A1M_RSS_AFTER MiB after the run. Whole scenario ${A1M_SECONDS} s (list generation ${A1M_GENERATE_SECONDS} s of it)."
    echo
  fi
  echo "### Targets"
  echo
  echo "| Scenario | Target | Reached | Verdict |"
  echo "| --- | --- | ---: | --- |"
  echo "| (a) plain 1 KiB, $CONNECTIONS connections | ≥ 2× Squid | $(as_times "$A_RATIO") | $A_VERDICT |"
  echo "| (b) 100 MiB download | ≥ 70 % of direct | $(percent "$B_RATIO") | $B_VERDICT |"
  echo "| (c) CONNECT tunnel 100 MiB | ≥ 90 % of direct | $(percent "$C_RATIO") | $C_VERDICT |"
  echo "| (d) intercepted 1 KiB keep-alive | ≥ 2× Squid ssl_bump | $(as_times "$D_RATIO") | $D_VERDICT |"
  echo "| (e) intercepted new connections/s | ≥ 3× Squid ssl_bump | $(as_times "$E_RATIO") | $E_VERDICT |"
  if want st; then
    echo "| (st) statistics on / off, plain 1 KiB | recording < 1 % of req/s (on / off ≥ 0.99) | $ST_RATIO (interval $ST_CI_LOW–$ST_CI_HIGH) | $ST_SHORT_VERDICT |"
  fi
  echo
  echo "### Memory and health"
  echo
  echo "| Process | RSS idle | RSS at end | Peak RSS (VmHWM) |"
  echo "| --- | ---: | ---: | ---: |"
  echo "| WebProxy, Intercept | $IDLE_RSS_WP MiB | $(memory_mib "$WP_PID" VmRSS) MiB | $(memory_mib "$WP_PID" VmHWM) MiB |"
  echo "| WebProxy, Tunnel | $IDLE_RSS_WPT MiB | $(memory_mib "$WPT_PID" VmRSS) MiB | $(memory_mib "$WPT_PID" VmHWM) MiB |"
  if want st; then
    echo "| WebProxy, Intercept, statistics off | $IDLE_RSS_WPS MiB | $(memory_mib "$WPS_PID" VmRSS) MiB | $(memory_mib "$WPS_PID" VmHWM) MiB |"
  fi
  echo "| Squid | $IDLE_RSS_SQ MiB | $(memory_mib "$SQUID_PID" VmRSS) MiB | $(memory_mib "$SQUID_PID" VmHWM) MiB |"
  echo
  if [[ -s $RAW/busy.txt ]]; then
    echo "**Runs that started while other work kept the machine busy:** $(paste -sd ';' "$RAW/busy.txt")."
  else
    echo "Every measured run started on an otherwise idle machine."
  fi
  if [[ -s $RAW/crashes.txt ]]; then
    echo "**Processes that died:** $(sort -u "$RAW/crashes.txt" | paste -sd ';' -)."
  else
    echo "No process died during the run."
  fi
  echo "WebProxy log lines with warn/fail/exception: $WP_LOG_WARNINGS. Squid access log lines: $SQUID_LOG_LINES."
  echo
  echo "### Commands"
  echo
  echo '```sh'
  echo "perf/load/run.sh   # PERF_DURATION=$DURATION PERF_WARMUP=$WARMUP PERF_CONNECTIONS=$CONNECTIONS PERF_NEWCONN_CONCURRENCY=$NEWCONN PERF_DOWNLOAD_REPS=$REPS"
  echo "${PUBLISH_WEBPROXY[*]}" | sed "s|$REPO/||g; s|$TMP|\$TMP|g"
  echo "dotnet \$TMP/bin/webproxy/webproxy.dll --config \$TMP/webproxy-intercept.json   # and webproxy-tunnel.json$(want st && echo ', webproxy-nostats.json')"
  echo "squid -N -f \$TMP/squid/squid.conf"
  echo "nginx -p \$TMP/nginx -c \$TMP/nginx/nginx.conf"
  echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --timeout 5s --latency -s perf/load/request.lua http://127.0.0.1:$WP_PORT -- http://127.0.0.1:$ORIGIN_HTTP/1k"
  if want st; then
    echo "wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --timeout 5s --latency -s perf/load/request.lua http://127.0.0.1:$WPS_PORT -- http://127.0.0.1:$ORIGIN_HTTP/1k   # (st) statistics off, alternating with $WP_PORT"
    echo "sqlite3 -readonly \$TMP/webproxy-intercept-data/statistics.db 'SELECT SUM(requests) FROM site_hour'"
  fi
  echo "curl -sS -o /dev/null -w '%{speed_download}' -x http://127.0.0.1:$WP_PORT http://127.0.0.1:$ORIGIN_HTTP/100m"
  echo "curl -sS -o /dev/null -w '%{speed_download}' -x http://127.0.0.1:$WPT_PORT --cacert \$TMP/pki/origin-ca.pem https://$ORIGIN_NAME:$ORIGIN_HTTPS/100m"
  echo "dotnet connectload.dll --mode keepalive --connections $CONNECTIONS --duration $DURATION --warmup $WARMUP --target $ORIGIN_NAME:$ORIGIN_HTTPS --path /1k --proxy 127.0.0.1:$WP_PORT --ca \$TMP/pki/webproxy-ca.pem"
  echo "dotnet connectload.dll --mode newconn --connections $NEWCONN --duration $DURATION --warmup $WARMUP --target $ORIGIN_NAME:$ORIGIN_HTTPS --path /1k --proxy 127.0.0.1:$WP_PORT --ca \$TMP/pki/webproxy-ca.pem"
  echo '```'
  echo
  echo "Squid, WebProxy and nginx configurations as run: \`perf/out/$STAMP/raw/\` (not committed)."
  echo "<!-- END load results -->"
} >"$BLOCK"

# Splice into RESULTS.md: replace the marked block, or append it to a new file.
if [[ -f $RESULTS ]] && grep -q '^<!-- BEGIN load results' "$RESULTS"; then
  awk -v block="$BLOCK" '
    /^<!-- BEGIN load results/ {while ((getline line < block) > 0) print line; skip = 1; next}
    /^<!-- END load results/ {skip = 0; next}
    !skip {print}' "$RESULTS" >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
else
  { [[ -f $RESULTS ]] && cat "$RESULTS" && echo; cat "$BLOCK"; } >"$RESULTS.tmp" && mv "$RESULTS.tmp" "$RESULTS"
fi
log "done: $BLOCK, spliced into $RESULTS"
sed -n '/^### Targets/,/^### Memory/p' "$BLOCK"
