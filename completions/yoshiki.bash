# bash completion for yoshiki: the commands, each command's options, and the files an argument
# asks for (.xml inputs and layouts, a .pdf output, folders for batch, archive and serve, a .pdf
# for extract and sign, a .txt for import, folders for next-year, a .pdf or an archive folder for verify, CUPS queues for --print, .p12
# keys, .pem certificates to trust, the forms of --diagnostics, written --diagnostics=json or
# --diagnostics json).
# Installed as share/bash-completion/completions/yoshiki, where bash-completion loads it the
# first time yoshiki is completed. tests/e2e/completion.sh checks it against `yoshiki --help`.
_yoshiki() {
    local cur prev words cword split
    _init_completion -s || return

    if ((cword == 1)); then
        mapfile -t COMPREPLY < <(compgen -W "render check batch archive extract import next-year sign verify serve --help --version" -- "$cur")
        return
    fi
    local command=${words[1]}
    local options
    case $command in
        render) options="-o --output --layout --footer --no-tags --diagnostics --help" ;;
        check) options="--layout --fit-report --diagnostics --help" ;;
        batch) options="-o --output -j --jobs --duplex --no-footer --print --copies --diagnostics --help" ;;
        archive) options="-o --output -j --jobs --trust --diagnostics --help" ;;
        extract) options="-o --output --diagnostics --help" ;;
        import) options="-o --output --layout --diagnostics --help" ;;
        next-year) options="-o --output --diagnostics --help" ;;
        sign) options="-o --output --as --key --password-file --tsa --tsa-timeout --layout --diagnostics --help" ;;
        verify) options="--trust --rerender --diagnostics --help" ;;
        serve) options="--listen --layouts --fonts --help" ;;
        *) return ;;
    esac

    # --diagnostics=json is split at '=' (cur json, prev --diagnostics); no other option takes '='.
    [[ $split == true && $prev != --diagnostics ]] && return
    case $prev in
        -o | --output)
            case $command in
                batch | archive | extract | import | next-year) _filedir -d ;;
                *) _filedir pdf ;;
            esac
            return
            ;;
        --layout)
            _filedir xml
            return
            ;;
        --layouts | --fonts)
            _filedir -d
            return
            ;;
        --listen)
            return
            ;;
        -j | --jobs)
            mapfile -t COMPREPLY < <(compgen -W "$(seq 1 "$(nproc 2>/dev/null || echo 1)")" -- "$cur")
            return
            ;;
        --print)
            mapfile -t COMPREPLY < <(compgen -W "$(lpstat -e 2>/dev/null)" -- "$cur")
            return
            ;;
        --copies | --as | --tsa | --tsa-timeout)
            return
            ;;
        --key)
            _filedir '@(p12|pfx)'
            return
            ;;
        --password-file)
            _filedir
            return
            ;;
        --trust)
            _filedir pem
            return
            ;;
        --diagnostics)
            mapfile -t COMPREPLY < <(compgen -W "json human" -- "$cur")
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        # Each option once: those already on the line are not offered again.
        local word i
        for ((i = 2; i < cword; i++)); do
            word=${words[i]%%=*}  # --diagnostics=json is --diagnostics given
            options=" $options "
            options=${options/ "$word" / }
        done
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
        return
    fi
    case $command in
        batch | archive | serve | next-year) _filedir -d ;;
        extract | sign | verify) _filedir pdf ;;
        import) _filedir txt ;;
        *) _filedir xml ;;
    esac
}
complete -F _yoshiki yoshiki
