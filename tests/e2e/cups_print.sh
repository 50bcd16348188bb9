# Printing through a real CUPS server: a private cupsd on loopback with a cups-pdf queue (the
# print server re-distills the job through PostScript with Ghostscript). The printed file must
# arrive, with a job name naming the fiscal year, and its text must still extract exactly.
source "$(dirname "$0")/lib.bash"
for tool in cupsd lpadmin lp lpstat gs; do
    if ! command -v "$tool" > /dev/null; then
        echo "SKIP: $tool is missing (tools/test installs cups and printer-driver-cups-pdf)"
        exit 77
    fi
done
if [ ! -x /usr/lib/cups/backend/cups-pdf ] || [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: the cups-pdf backend runs only as root with printer-driver-cups-pdf installed"
    exit 77
fi

# The server's own folders. Not under the build folder: the filters run as the unprivileged
# user lp, which must reach the spooled job (a checkout under /root could not be traversed), and
# Debian's AppArmor profile of cupsd lets it use files under /tmp but not under a home folder.
d=$(mktemp -d /tmp/yoshiki-cups.XXXXXX)
chmod 755 "$d"
mkdir -p "$d"/{spool,cache,state,tmp,log}
chmod 1777 "$d/tmp"
cupsd_pid=
cleanup() {
    if [ -n "$cupsd_pid" ]; then kill "$cupsd_pid" 2> /dev/null; wait "$cupsd_pid" 2> /dev/null; fi
    cp -r "$d/log" "$YOSHIKI_WORK_DIR/cups-log" 2> /dev/null  # kept for a failure's diagnosis
    rm -rf "$d"
}
trap cleanup EXIT
# A free port on loopback.
port=0
for candidate in $(shuf -i 20000-60000 -n 20); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2> /dev/null; then port=$candidate; break; fi
done
expect "a free port" test "$port" -ne 0
cat > "$d/cupsd.conf" <<CONF
Listen 127.0.0.1:$port
LogLevel warn
WebInterface No
Browsing No
DefaultAuthType None
ErrorPolicy abort-job
<Location />
  Order allow,deny
  Allow from 127.0.0.1
</Location>
<Location /admin>
  Order allow,deny
  Allow from 127.0.0.1
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
cat > "$d/cups-files.conf" <<CONF
ServerRoot $d
RequestRoot $d/spool
CacheDir $d/cache
StateDir $d/state
TempDir $d/tmp
ErrorLog $d/log/error_log
AccessLog $d/log/access_log
PageLog $d/log/page_log
Sandboxing Relaxed
CONF
cupsd -f -c "$d/cupsd.conf" -s "$d/cups-files.conf" > "$d/log/cupsd.out" 2>&1 &
cupsd_pid=$!
export CUPS_SERVER=127.0.0.1:$port
for _ in $(seq 50); do lpstat -r > /dev/null 2>&1 && break; sleep 0.2; done
expect "the private cupsd is running" lpstat -r

queue=yoshiki-test-$$
# A cupsd that has just answered may still be loading (the first start on a loaded machine took
# over a minute once): the queue is asked for again until it exists, for at most a minute.
for _ in $(seq 60); do
    lpadmin -p "$queue" -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd 2> /dev/null &&
        lpstat -p "$queue" > /dev/null 2>&1 && break
    sleep 1
done
expect "the cups-pdf queue exists" lpstat -p "$queue"

# cups-pdf writes to the Out folder of its configuration, the job owner's ~/PDF by Debian's
# default. That folder cannot be made private: the backend reads its configuration only from
# /etc/cups (cups-pdf.conf, or cups-pdf-NAME.conf for a cups-pdf:/NAME queue; the AppArmor profile
# allows only the former), and the test does not change the machine's printing setup. So it reads
# the folder from there, and finds its own file by a name no other job has. The backend takes the
# home folder from the password database, not from our environment.
out_dir=$(sed -n 's/^Out[[:space:]]*//p' /etc/cups/cups-pdf.conf | tail -1)
out_dir=${out_dir:-/var/spool/cups-pdf/\${USER\}}
home=$(getent passwd "$(id -un)" | cut -d: -f6)
out_dir=${out_dir//\$\{HOME\}/$home}
out_dir=${out_dir//\$\{USER\}/$(id -un)}
mkdir -p "$out_dir"

# The job's title names the input folder: a unique one. cups-pdf shortens and escapes the title
# to make the file name, but keeps it whole in the PDF's Title: that is how the file is found.
tag=yoshiki-print-$$-$RANDOM
mkdir "$tag"
sed "s|layout=\"[^\"]*\"|layout=\"$SRC/layouts/goal-sheet.xml\"|" "$SRC/inputs/r8/soumu.xml" > "$tag/soumu.xml"
"$YOSHIKI" batch "$tag" -o out --print "$queue" --copies 1 > print.out 2> print.err
expect "batch --print exits 0" test $? -eq 0
expect "batch says where it sent the job" grep -q "print: sent .*all.pdf to queue $queue (1 copy)" print.err

# Wait (bounded: 60 s) for the job to leave the queue and its PDF to appear.
printed=
for _ in $(seq 120); do
    if [ -z "$(lpstat -W not-completed -o "$queue" 2> /dev/null)" ]; then
        for f in "$out_dir"/*.pdf; do
            [ -s "$f" ] && pdfinfo "$f" 2> /dev/null | grep -q "^Title:.*$tag" && printed=$f && break
        done
        [ -n "$printed" ] && break
    fi
    sleep 0.5
done
expect "the printed file arrives in $out_dir" test -n "$printed"
if [ -n "$printed" ]; then
    cp "$printed" printed.pdf
    rm -f "$printed"
    expect "the job name names the fiscal year" grep -q "$queue root [0-9]* .* 令和8年度 yoshiki batch $tag " "$d/log/page_log"
    # The text survives the print server: same data as the document that was sent.
    pdftotext out/all.pdf sent.txt
    pdftotext printed.pdf printed.txt
    expect "the printed PDF was re-made by the print server" bash -c "pdfinfo printed.pdf | grep -q 'Ghostscript'"
    expect "through the pdftocairo renderer the job asks for" bash -c "pdfinfo printed.pdf | grep -q '^Creator:.*cairo'"
    strip() { tr -d ' \n\f' < "$1" | sed 's/　//g'; }
    expect "the printed PDF has the 3 pages sent" bash -c "pdfinfo printed.pdf | grep -q '^Pages: *3$'"
    expect "the printed text equals the sent text" test "$(strip printed.txt)" = "$(strip sent.txt)"
    expect "and holds the seed's data" bash -c "tr -d ' \n' < printed.txt | grep -q '自治会活動に対する補助事業としては、地域コミュニティの活性化を図るため'"
fi
if [ "$failures" -ne 0 ]; then
    echo "--- cupsd error_log:" >&2
    tail -n 30 "$d/log/error_log" >&2 2> /dev/null
fi
lpadmin -x "$queue" 2> /dev/null
finish
