#!/usr/bin/env bash
# Serve the newsdesk search page on 127.0.0.1 with lighttpd (Debian's
# package), for trying it out: the config is generated in a temporary
# directory, the server runs in the foreground, and Ctrl-C stops it.
#
#   scripts/serve.sh [--port PORT] [--fastcgi] [--cgi PATH] DATABASE
#
# DATABASE is a directory built by newsdesk-index. --fastcgi runs newsdesk.cgi
# as one long-lived FastCGI process instead of one CGI process per request.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=8080
mode=cgi
cgi=${NEWSDESK_CGI:-$root/build/searcher/newsdesk.cgi}

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=${2:?}; shift 2 ;;
    --port=*) port=${1#--port=}; shift ;;
    --fastcgi) mode=fastcgi; shift ;;
    --cgi) cgi=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "serve.sh: unknown option $1" >&2; usage ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || usage
db=$(cd "$1" 2>/dev/null && pwd) || { echo "serve.sh: no database directory at $1 (build one with newsdesk-index --db $1 FILES...)" >&2; exit 66; }
case "$port" in ''|*[!0-9]*) echo "serve.sh: --port needs a number" >&2; exit 2 ;; esac
[ -x "$cgi" ] || { echo "serve.sh: $cgi is not built yet (run scripts/build.sh)" >&2; exit 1; }
command -v lighttpd >/dev/null || [ -x /usr/sbin/lighttpd ] || { echo "serve.sh: lighttpd is not installed (scripts/install-deps.sh)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsdesk-serve.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/www"
ln -s "$(readlink -f "$cgi")" "$tmp/www/newsdesk.cgi"

# Values are written as lighttpd strings: escape backslashes and quotes.
quote() { printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"; }
{
  echo "server.bind = \"127.0.0.1\""
  echo "server.port = $port"
  echo "server.document-root = $(quote "$tmp/www")"
  echo "server.errorlog = $(quote "$tmp/error.log")"
  echo "server.follow-symlink = \"enable\""
  if [ "$mode" = fastcgi ]; then
    echo "server.modules = (\"mod_fastcgi\")"
    echo "fastcgi.server = ( \"/\" => (( \"bin-path\" => $(quote "$tmp/www/newsdesk.cgi"),"
    echo "  \"socket\" => $(quote "$tmp/fcgi.sock"), \"max-procs\" => 1, \"check-local\" => \"disable\","
    echo "  \"bin-environment\" => ( \"NEWSDESK_DB\" => $(quote "$db") ) )) )"
  else
    echo "server.modules = (\"mod_cgi\", \"mod_setenv\")"
    echo "index-file.names = (\"newsdesk.cgi\")"
    echo "cgi.assign = (\".cgi\" => \"\")"
    echo "setenv.add-environment = ( \"NEWSDESK_DB\" => $(quote "$db") )"
  fi
} > "$tmp/lighttpd.conf"

echo "newsdesk: searching $db"
echo "newsdesk: open http://127.0.0.1:$port/ ($mode; Ctrl-C stops; server log: $tmp/error.log)"
# Not exec: the trap removes the temporary directory when lighttpd stops.
/usr/sbin/lighttpd -D -f "$tmp/lighttpd.conf" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$tmp"' EXIT INT TERM
wait "$server"
