#!/usr/bin/env bash
# yoshiki serve as a command: its usage errors, and the real server over HTTP: on loopback it
# answers only its own names; beyond loopback it prints an address with a token and refuses every
# request without it; a POST from another origin changes nothing; Ctrl+C (SIGINT) stops it.
source "$(dirname "$0")/lib.bash"
mkdir -p site/inputs/r8 site/layouts
cp "$SRC/inputs/r8/soumu.xml" site/inputs/r8/
cp "$SRC/layouts/goal-sheet.xml" site/layouts/

usage_error() {
    local what=$1
    shift
    checks=$((checks + 1))
    "$YOSHIKI" serve "$@" > out.txt 2>&1
    local status=$?
    [ "$status" -eq 2 ] || fail "$what: exit $status, want 2"
    grep -q "usage: yoshiki serve" out.txt || fail "$what: no usage line"
}
usage_error "no folder" 
usage_error "a folder that is not" nowhere
usage_error "two folders" site/inputs site/inputs
usage_error "a bad address" site/inputs --listen 127.0.0.1:http
usage_error "a layout folder that is not" site/inputs --layouts nowhere
usage_error "an unknown option" site/inputs --port 80
mkdir -p lonely/inputs
usage_error "no layouts/ beside DIR and none given" lonely/inputs

# start ARGS…: runs the server in the background, sets pid and address (the printed one).
start() {
    "$YOSHIKI" serve site/inputs --layouts site/layouts --fonts /usr/share/fonts "$@" 2> server.log &
    pid=$!
    address=""
    for _ in $(seq 100); do
        address=$(grep -oE 'http://[^ ]+' server.log | head -1)
        [ -n "$address" ] && break
        sleep 0.1
    done
    [ -n "$address" ] || { fail "the server did not start: $(cat server.log)"; return 1; }
}

# request METHOD URL [HOST] [ORIGIN] [COOKIE] [BODY or @FILE]: prints the status and Set-Cookie.
request() {
    python3 - "$@" <<'PY'
import http.client, sys, urllib.parse
method, url = sys.argv[1], sys.argv[2]
host, origin, cookie, body = (sys.argv[3:] + ["", "", "", ""])[:4]
if body.startswith("@"):
    body = open(body[1:]).read()
u = urllib.parse.urlsplit(url)
c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
headers = {"Host": host or u.netloc}
if origin: headers["Origin"] = origin
if cookie: headers["Cookie"] = cookie
if body: headers["Content-Type"] = "application/json"
c.request(method, u.path + ("?" + u.query if u.query else ""), body=body.encode() if body else None, headers=headers)
r = c.getresponse()
r.read()
print(r.status, r.getheader("Set-Cookie") or "")
PY
}

status_is() {
    local what=$1 want=$2 got
    shift 2
    got=$(request "$@" | cut -d' ' -f1)
    checks=$((checks + 1))
    [ "$got" = "$want" ] || fail "$what: HTTP $got, want $want"
}

# On loopback: its own names only; POSTs from its own origin only.
start --listen 127.0.0.1:0
port=${address##*:}
port=${port%%/*}
status_is "the page on loopback" 200 GET "${address}"
status_is "the files by the name localhost" 200 GET "${address}api/files" "localhost:$port"
status_is "another name for 127.0.0.1 (DNS rebinding)" 421 GET "${address}api/files" "evil.example:$port"
original=$(sha256sum site/inputs/r8/soumu.xml)
status_is "a save from another origin" 403 POST "${address}api/save" "" "http://evil.example" "" '{"file":"r8/soumu.xml","version":"x","xml":"<a/>"}'
head -c 4200000 /dev/zero | tr '\0' ' ' > big.json
status_is "a body over 4 MiB" 413 POST "${address}api/check" "" "http://127.0.0.1:$port" "" @big.json
expect "nothing was written" test "$(sha256sum site/inputs/r8/soumu.xml)" = "$original"
kill -INT "$pid"
wait "$pid"
checks=$((checks + 1))
[ $? -eq 0 ] || fail "SIGINT: the server did not end cleanly"
grep -q "yoshiki serve: stopped" server.log || fail "SIGINT: no word that the server stopped"

# Beyond loopback: a token, printed with the address, and nothing without it.
start --listen 0.0.0.0:0
expect "the address carries a token" grep -qE '\?token=[0-9a-f]{32}$' <<< "$address"
token=${address##*token=}
base=${address%%\?*}
base=${base/0.0.0.0/127.0.0.1}
status_is "the page without the token" 401 GET "$base"
status_is "the files without the token" 401 GET "${base}api/files"
wrong=${token%?}0
[ "$wrong" != "$token" ] || wrong=${token%?}1
status_is "the files with a wrong token" 401 GET "${base}api/files" "" "" "yoshiki-token=$wrong"
reply=$(request GET "${base}?token=$token")
checks=$((checks + 1))
[[ "$reply" == "303 yoshiki-token=$token; Path=/; HttpOnly; SameSite=Strict" ]] || fail "the token's address sets the cookie: $reply"
status_is "the files with the cookie" 200 GET "${base}api/files" "" "" "yoshiki-token=$token"
kill -TERM "$pid"
wait "$pid"
finish
