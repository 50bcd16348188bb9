# bash completion for yoshiki: the commands, each command's options, and the files an argument
# asks for (.xml inputs and layouts, a .pdf output, folders for batch, CUPS queues for --print).
# Installed as share/bash-completion/completions/yoshiki, where bash-completion loads it the
# first time yoshiki is completed. tests/e2e/completion.sh checks it against `yoshiki --help`.
_yoshiki() {
    local cur prev words cword
    _init_completion || return

    if ((cword == 1)); then
        mapfile -t COMPREPLY < <(compgen -W "render check batch --help --version" -- "$cur")
        return
    fi
    local command=${words[1]}
    local options
    case $command in
        render) options="-o --output --layout --footer --no-tags --help" ;;
        check) options="--layout --help" ;;
        batch) options="-o --output -j --jobs --duplex --no-footer --print --copies --help" ;;
        *) return ;;
    esac

    case $prev in
        -o | --output)
            if [[ $command == batch ]]; then _filedir -d; else _filedir pdf; fi
            return
            ;;
        --layout)
            _filedir xml
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
        --copies)
            return
            ;;
    esac

    if [[ $cur == -* ]]; then
        # Each option once: those already on the line are not offered again.
        local word i
        for ((i = 2; i < cword; i++)); do
            word=${words[i]}
            options=" $options "
            options=${options/ "$word" / }
        done
        mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
        return
    fi
    if [[ $command == batch ]]; then _filedir -d; else _filedir xml; fi
}
complete -F _yoshiki yoshiki
