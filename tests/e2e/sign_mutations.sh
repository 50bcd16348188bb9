# Robustness of signing and verifying: 150 damaged copies of a signed PDF (a byte
# flipped, bytes deleted or duplicated, the file cut short, anywhere in it) go through `yoshiki
# verify` and `yoshiki sign`. A signature covers every byte but its own /Contents, and verify
# checks that /Contents holds nothing but the signature: so every copy must be found out (verify
# exits 1) and refused by sign (exit 1, a message naming the file, no output), never a crash or a
# hang. The damage is pseudo-random with a fixed seed, so a failure reproduces.
source "$(dirname "$0")/lib.bash"
source "$SRC/tests/e2e/support/pki.bash"
pki_ca
pki_signer kachou "/C=JP/O=毛呂山町/title=総務課長/CN=酒巻 義一"
pki_signer fukuchou "/C=JP/O=毛呂山町/title=副町長/CN=山田 花子"
LAYOUT=(--layout "$SRC/layouts/goal-sheet.xml")
"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o final.pdf
"$YOSHIKI" sign final.pdf -o signed.pdf --as 課長 --key kachou.p12 --password-file pw.txt "${LAYOUT[@]}"
"$YOSHIKI" verify signed.pdf > /dev/null
expect "the undamaged PDF verifies" test $? -eq 0
size=$(stat -c %s signed.pdf)
unsigned_size=$(stat -c %s final.pdf)
crashes=0 missed=0 signed_anyway=0 unnamed=0 leftovers=0
for i in $(seq 1 150); do
    r=$(( (i * 1103515245 + 12345) % 2147483648 ))
    # Half of the damage falls on the signature's own update, where /Contents is.
    if (( i % 2 )); then at=$(( unsigned_size + r % (size - unsigned_size) )); else at=$(( r % size )); fi
    len=$(( (r / 7) % 20 + 1 ))
    case $(( r % 4 )) in
        0) cp signed.pdf m.pdf
           byte=$(od -An -tu1 -j "$at" -N1 signed.pdf)
           printf "\\$(printf %03o $(( byte ^ (1 << (r % 8)) )))" | dd of=m.pdf bs=1 seek="$at" conv=notrunc 2> /dev/null ;;
        1) { head -c "$at" signed.pdf; tail -c +"$((at + len + 1))" signed.pdf; } > m.pdf ;;
        2) { head -c "$((at + len))" signed.pdf; tail -c +"$((at + 1))" signed.pdf; } > m.pdf ;;
        3) head -c "$at" signed.pdf > m.pdf ;;
    esac
    timeout 20 "$YOSHIKI" verify m.pdf > m.verify 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        missed=$((missed + 1)); cp m.pdf "missed-$i.pdf"
    elif [ $rc -ne 1 ]; then
        crashes=$((crashes + 1)); cp m.pdf "crash-verify-$i.pdf"; echo "mutation $i: verify exit $rc: $(tail -2 m.verify)"
    fi
    rm -f out.pdf
    timeout 20 "$YOSHIKI" sign m.pdf -o out.pdf --as 副町長 --key fukuchou.p12 --password-file pw.txt "${LAYOUT[@]}" 2> m.err
    rc=$?
    if [ $rc -eq 0 ]; then
        signed_anyway=$((signed_anyway + 1)); cp m.pdf "signed-anyway-$i.pdf"
    elif [ $rc -eq 1 ]; then
        grep -q '^m\.pdf: error: ' m.err || { unnamed=$((unnamed + 1)); cp m.pdf "unnamed-$i.pdf"; }
        [ -e out.pdf ] && leftovers=$((leftovers + 1))
    else
        crashes=$((crashes + 1)); cp m.pdf "crash-sign-$i.pdf"; echo "mutation $i: sign exit $rc: $(head -2 m.err)"
    fi
done
expect "no crash or hang" test "$crashes" -eq 0
expect "verify finds every damaged copy ($missed missed)" test "$missed" -eq 0
expect "sign refuses every damaged copy ($signed_anyway signed)" test "$signed_anyway" -eq 0
expect "every refusal names the PDF" test "$unnamed" -eq 0
expect "no file left by a refusal" test "$leftovers" -eq 0
finish
