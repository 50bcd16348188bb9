# Bash completion (completions/yoshiki.bash), called as bash calls it: COMP_WORDS and COMP_CWORD
# set, the function run, COMPREPLY read. Commands, each command's options (against the usage
# lines of `yoshiki --help`, so that a new option cannot be forgotten), and the files an argument
# asks for: .xml inputs and layouts, a .pdf output, folders for batch and serve.
source "$(dirname "$0")/lib.bash"
if [ ! -f /usr/share/bash-completion/bash_completion ]; then
    echo "FAIL: bash-completion is not installed (tools/test-packages.txt lists it)"
    exit 1
fi
# bash-completion's own script is written for an interactive shell, not for set -u.
set +u
source /usr/share/bash-completion/bash_completion
source "$SRC/completions/yoshiki.bash"

# completions_of WORD… : the sorted completions of the last word, as after a TAB at the end of the
# line. The line is the words with spaces between them, or $typed_line: bash splits
# --diagnostics=j into three words, and bash-completion joins them again as the line has them.
typed_line=
completions_of() {
    COMP_WORDS=(yoshiki "$@")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=${typed_line:-${COMP_WORDS[*]}}
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    _yoshiki yoshiki "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ' | sed 's/ $//'
}
# same WHAT EXPECTED WORD… : the completions are exactly EXPECTED (sorted, space-separated).
same() {
    local what=$1 want=$2 got
    shift 2
    got=$(completions_of "$@")
    checks=$((checks + 1))
    [ "$got" = "$want" ] || fail "$what: got '$got', want '$want'"
}

expect "the completion is registered for yoshiki" bash -c "source '$SRC/completions/yoshiki.bash' && complete -p yoshiki | grep -q '_yoshiki yoshiki$'"
same "the commands" "--help --version archive batch check extract import next-year render serve sign verify" ""
same "a command from its first letter" "render" r
same "render's options" "--diagnostics --footer --help --layout --no-tags --output -o" render -
same "check's options" "--diagnostics --fit-report --help --layout" check -
same "batch's options" "--copies --diagnostics --duplex --help --jobs --no-footer --output --print -j -o" batch -
same "batch's long options from --" "--copies --diagnostics --duplex --help --jobs --no-footer --output --print" batch --
same "an option given is not offered again" "--diagnostics --help --layout --no-tags --output -o" render --footer -
same "--diagnostics FORMAT" "human json" check a.xml --diagnostics ""
typed_line="yoshiki check a.xml --diagnostics=j"
same "--diagnostics=FORMAT" "json" check a.xml --diagnostics = j
typed_line="yoshiki check a.xml --diagnostics="
same "--diagnostics= offers both forms" "human json" check a.xml --diagnostics = ""
typed_line="yoshiki render a.xml --diagnostics=json -"
same "--diagnostics=json is an option given" "--footer --help --layout --no-tags --output -o" render a.xml --diagnostics = json -
typed_line="yoshiki check a.xml --layout=a"
same "no other option takes '='" "" check a.xml --layout = a
typed_line=
same "serve's options" "--fonts --help --layouts --listen" serve -
same "sign's options" "--as --diagnostics --help --key --layout --output --password-file --tsa --tsa-timeout -o" sign -
same "verify's options" "--diagnostics --help --rerender --trust" verify -
same "an unknown command has no completion" "" draw -

# Files, in a folder of their own.
mkdir -p files/sub files/other
touch files/a.xml files/b.xml files/c.pdf files/d.txt files/sub/e.xml
cd files
same "render's input: .xml files and folders" "a.xml b.xml other sub" render ""
same "check's input: .xml files and folders" "a.xml b.xml other sub" check ""
same "an input from its first letter" "a.xml" render a
same "an input in a folder" "sub/e.xml" render sub/
same "render -o: .pdf files and folders" "c.pdf other sub" render a.xml -o ""
same "render --output: .pdf files and folders" "c.pdf other sub" render a.xml --output ""
same "--layout: .xml files and folders" "a.xml b.xml other sub" check a.xml --layout ""
same "batch's input: folders only" "other sub" batch ""
same "batch -o: folders only" "other sub" batch sub -o ""
same "archive's input: folders only" "other sub" archive ""
same "archive -o: folders only" "other sub" archive sub -o ""
same "extract's input: .pdf files and folders" "c.pdf other sub" extract ""
same "extract -o: folders only" "other sub" extract c.pdf -o ""
same "verify's PDF or archive: .pdf files and folders" "c.pdf other sub" verify ""
same "--copies: a number, nothing to offer" "" batch sub --print q --copies ""
same "serve's folder: folders only" "other sub" serve ""
same "serve --layouts: folders only" "other sub" serve sub --layouts ""
same "serve --fonts: folders only" "other sub" serve sub --fonts ""
same "serve --listen: an address, nothing to offer" "" serve sub --listen ""
touch k.p12 ca.pem
same "sign's input: .pdf files and folders" "c.pdf other sub" sign ""
same "--key: .p12 files and folders" "k.p12 other sub" sign c.pdf --key ""
same "--trust: .pem files and folders" "ca.pem other sub" verify c.pdf --trust ""
same "--as: a title, nothing to offer" "" sign c.pdf --as ""
cd ..

# Against the help text: for each command, the options of its usage line and their other
# names in the options list, and --help; no more, no fewer.
help=$("$YOSHIKI" --help)
for command in render check batch archive extract import next-year sign verify serve; do
    usage_line=$(grep -E "^(usage:)? +yoshiki $command " <<< "$help")
    want=$(grep -oE -- '(^|[ [])--?[a-z][a-z-]*' <<< "$usage_line" | tr -d ' [' | while read -r option; do
        echo "$option"
        # "  -o, --output PATH": both names of an option
        grep -E "^  (-[a-z], )?--?[a-z-]+" <<< "$help" | grep -oE -- "^  (-[a-z], )?--[a-z-]+" |
            grep -E -- "(^  |, )$option($|,)" | grep -oE -- '--?[a-z][a-z-]*'
    done | { cat; echo --help; } | sort -u | tr '\n' ' ' | sed 's/ $//')
    same "$command's options are those of its usage line" "$want" "$command" -
done
# (verify is listed twice: for a PDF and for an archive.)
commands=$(sed -n '/^commands:$/,/^$/p' <<< "$help" | grep -oE '^  [a-z][a-z-]*' | tr -d ' ' | sort -u | tr '\n' ' ')
same "the commands are those of the help text" "--help --version ${commands% }" ""
finish
