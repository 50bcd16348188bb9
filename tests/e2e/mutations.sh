# Robustness: hundreds of damaged copies of the seed (bytes deleted, duplicated, flipped; tags
# cut) go through `yoshiki check` and `render`. Each must end in exit 0 or 1 (never a crash or a
# hang), every error must carry file:line:column or name its file, a failed render must leave
# no PDF and, with --diagnostics=json, give the same findings as JSON. The damage is
# pseudo-random with a fixed seed, so a failure reproduces.
source "$(dirname "$0")/lib.bash"
sed "s|layout=\"[^\"]*\"|layout=\"$SRC/layouts/goal-sheet.xml\"|" "$SRC/inputs/r8/soumu.xml" > seed.xml
size=$(stat -c %s seed.xml)
crashes=0 unlocated=0 leftovers=0 ok=0 refused=0
pairs=()
for i in $(seq 1 300); do
    # Pick an operation and an offset from a linear congruential sequence.
    r=$(( (i * 1103515245 + 12345) % 2147483648 ))
    at=$(( r % size ))
    len=$(( (r / 7) % 40 + 1 ))
    case $(( r % 5 )) in
        0) { head -c "$at" seed.xml; tail -c +"$((at + len + 1))" seed.xml; } > m.xml ;;                # delete bytes
        1) { head -c "$((at + len))" seed.xml; tail -c +"$((at + 1))" seed.xml; } > m.xml ;;           # duplicate bytes
        2) { head -c "$at" seed.xml; printf '\xff'; tail -c +"$((at + 2))" seed.xml; } > m.xml ;;     # a byte no UTF-8 has
        3) { head -c "$at" seed.xml; printf '<'; tail -c +"$((at + 1))" seed.xml; } > m.xml ;;        # a stray tag opener
        4) head -c "$at" seed.xml > m.xml ;;                                                           # cut short
    esac
    rm -f m.pdf
    timeout 20 "$YOSHIKI" render m.xml -o m.pdf 2> m.err
    rc=$?
    if [ $rc -eq 0 ]; then
        ok=$((ok + 1))
        [ -s m.pdf ] || { fail "mutation $i: exit 0 without a PDF"; }
    elif [ $rc -eq 1 ]; then
        refused=$((refused + 1))
        [ -e m.pdf ] && leftovers=$((leftovers + 1))
        grep -q '^m\.xml\(:[0-9]*:[0-9]*\)\?: error: \|^/.*: error: ' m.err || { unlocated=$((unlocated + 1)); cp m.xml "unlocated-$i.xml"; }
        # The same run with --diagnostics=json, in a folder of its own with its input, compared
        # with the human form at the end (same_findings in lib.bash).
        mkdir "json-$i" && cp m.xml m.err "json-$i/"
        (cd "json-$i" && timeout 20 "$YOSHIKI" render m.xml -o m.pdf --diagnostics=json 2> m.json)
        [ $? -eq 1 ] || fail "mutation $i: render --diagnostics=json does not exit 1"
        pairs+=("json-$i/m.err" "json-$i/m.json")
    else
        crashes=$((crashes + 1))
        cp m.xml "crash-$i.xml"
        echo "mutation $i: exit $rc: $(head -2 m.err)"
    fi
done
echo "$ok rendered, $refused refused"
expect "no crash or hang" test "$crashes" -eq 0
expect "every refusal says where" test "$unlocated" -eq 0
expect "no PDF left by a refusal" test "$leftovers" -eq 0
expect "most damage is refused" test "$refused" -gt 150
expect "every refusal's JSON findings are those of its human form" same_findings "${pairs[@]}"
expect "... all of them compared" test "$((${#pairs[@]} / 2))" -eq "$refused"
finish
