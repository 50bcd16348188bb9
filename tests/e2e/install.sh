# Installs yoshiki into a temporary prefix (`cmake --install build --prefix P`) and uses it from
# there, as a town's IT staff and a program that embeds yoshiki would: every file in its place and
# nothing of src/; the installed command renders an input moved out of the source tree, finding
# its layout by name in the prefix, and lists where it looked for one it cannot find; `man
# yoshiki` shows the page; bash-completion finds the completion; and a small program built against
# the installed package (find_package with the shared and the static library, and pkg-config)
# renders the seed to PDF bytes in memory, read back with pdfinfo and pdftotext.
source "$(dirname "$0")/lib.bash"
BUILD=$(dirname "$YOSHIKI")
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    echo "FAIL: $BUILD, where the program is, is not yoshiki's build folder"
    exit 1
fi
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$BUILD/CMakeCache.txt")
# A program that links a sanitized libyoshiki (-DYOSHIKI_SANITIZE=ON) brings the sanitizers' runtime.
sanitize=
if grep -q '^YOSHIKI_SANITIZE:BOOL=ON$' "$BUILD/CMakeCache.txt"; then sanitize=-fsanitize=address,undefined; fi
P=$YOSHIKI_WORK_DIR/prefix
LAYOUT=$P/share/yoshiki/layouts/goal-sheet.xml

cmake --install "$BUILD" --prefix "$P" > install.log 2>&1
expect "cmake --install exits 0 (install.log)" test $? -eq 0

# --- Every file in its place.
expect "the program in bin/" test -x "$P/bin/yoshiki"
expect "the programs it runs for sign, verify, archive, extract and serve in libexec/yoshiki/" \
    test -x "$P/libexec/yoshiki/yoshiki-sign" -a -x "$P/libexec/yoshiki/yoshiki-serve"
expect "the layouts in share/yoshiki/layouts/" diff -r "$SRC/layouts" "$P/share/yoshiki/layouts"
expect "the man page in share/man/man1/" test -s "$P/share/man/man1/yoshiki.1.gz"
expect "README in share/doc/yoshiki/" cmp "$SRC/README.md" "$P/share/doc/yoshiki/README.md"
expect "docs/ in share/doc/yoshiki/docs/" diff -r "$SRC/docs" "$P/share/doc/yoshiki/docs"
expect "bash completion, the Debian way" cmp "$SRC/completions/yoshiki.bash" "$P/share/bash-completion/completions/yoshiki"
expect "the headers are include/yoshiki/ and nothing of src/" \
    test "$(cd "$P/include" && find . -type f | sort)" = "$(cd "$SRC/include" && find . -type f | sort)"
expect "the static library" test -s "$P/$libdir/libyoshiki.a"
expect "the shared library, named by its SONAME" \
    bash -c "readelf -d '$P/$libdir/libyoshiki.so' | grep -Eq 'Library soname: \[libyoshiki\.so\.[0-9.]+\]'"
expect "the CMake package" test -s "$P/$libdir/cmake/yoshiki/yoshikiConfig.cmake"
expect "the pkg-config file names the prefix it is installed in" grep -qx "prefix=$P" "$P/$libdir/pkgconfig/yoshiki.pc"
unexpected=$(cd "$P" && find . -type f | grep -Ev "^\./(bin/yoshiki|libexec/yoshiki/yoshiki-(sign|serve)$|include/yoshiki/|$libdir/(libyoshiki\.|cmake/yoshiki/|pkgconfig/yoshiki\.pc)|share/(yoshiki/layouts|doc/yoshiki|man/man1/yoshiki\.1\.gz|bash-completion/completions/yoshiki$))")
expect "nothing else installed: ${unexpected:0:200}" test -z "$unexpected"

# The shared library exports the public API and hides the stages (lower-case namespaces under
# yoshiki::, like yoshiki::text::) and the libraries they use.
nm -DC --defined-only "$P/$libdir/libyoshiki.so" > exports.txt
for symbol in 'yoshiki::version()' 'yoshiki::Engine::Engine()' 'yoshiki::Engine::prepare(' \
              'yoshiki::Engine::write_pdf' 'yoshiki::PrintDocument::finish' 'yoshiki::Diagnostic::format' \
              'yoshiki::write_output('; do
    expect "libyoshiki.so exports $symbol" grep -qF " $symbol" exports.txt
done
expect "libyoshiki.so hides the stages: $(grep -Em3 -o 'yoshiki::[a-z_]+::[A-Za-z_]+' exports.txt | tr '\n' ' ')" \
    bash -c "! grep -Eq 'yoshiki::[a-z_]+::' exports.txt"
expect "libyoshiki.so exports no third-party code" bash -c "! grep -Eq ' (hb_|FT_|HPDF_|pugi::|u_|ubrk_)' exports.txt"

# --- The installed command, on an input moved away from the source tree: it names its layout
# by name (goal-sheet), found in the prefix's share/yoshiki/layouts with no path given.
unset YOSHIKI_LAYOUT_PATH
mkdir elsewhere
cp "$SRC/inputs/r8/soumu.xml" elsewhere/
expect "the bundled input names its layout by name" grep -qE '<goal-sheets layout="goal-sheet"[ >]' elsewhere/soumu.xml
(cd elsewhere && PATH="$P/bin:$PATH" yoshiki render soumu.xml -o soumu.pdf) 2> render.err
expect "the installed yoshiki renders the moved input with no path to the layout" test $? -eq 0 -a -s elsewhere/soumu.pdf
expect "... and prints nothing" test ! -s render.err
# The installed command runs the prefix's own yoshiki-sign for extract (and sign, verify, archive),
# and says what is missing when the program is copied away from it alone.
(cd elsewhere && PATH="$P/bin:$PATH" yoshiki extract soumu.pdf -o extracted) 2> extract.err
expect "the installed yoshiki extracts through its libexec/yoshiki/yoshiki-sign" test $? -eq 0 -a -s elsewhere/extracted/soumu.xml
mkdir alone && cp "$P/bin/yoshiki" alone/
alone/yoshiki verify elsewhere/soumu.pdf 2> alone.err
expect "yoshiki without its programs: exit 1" test $? -eq 1
expect "... saying which is missing and where it looked" \
    grep -q "^yoshiki: error: yoshiki-sign is not installed (looked for it in .*/libexec/yoshiki/yoshiki-sign and .*alone/yoshiki-sign)" alone.err
# Where it looks: the input's folder and the prefix's layouts, found from the program's own
# place; nothing of the source tree.
sed 's|layout="goal-sheet"|layout="no-such-form"|' elsewhere/soumu.xml > elsewhere/other.xml
(cd elsewhere && PATH="$P/bin:$PATH" yoshiki check other.xml) 2> missing.err
expect "a layout not found: exit 1" test $? -eq 1
expect "... listing where it looked: the input's folder, then the prefix's layouts" test "$(head -1 missing.err)" = \
    "other.xml:3:22: error: cannot find the layout 'no-such-form': looked for no-such-form.xml in . (the input's folder), $(cd "$P" && pwd -P)/share/yoshiki/layouts (installed beside the program)"
YOSHIKI_LAYOUT_PATH=$PWD/town-layouts "$P/bin/yoshiki" check elsewhere/other.xml 2> missing-path.err
expect "... with YOSHIKI_LAYOUT_PATH between the two" grep -qF "in elsewhere (the input's folder), $PWD/town-layouts (YOSHIKI_LAYOUT_PATH), $(cd "$P" && pwd -P)/share" missing-path.err
expect "the installed yoshiki is the one built" test "$("$P/bin/yoshiki" --version)" = "$("$YOSHIKI" --version)"
expect "the installed yoshiki needs no library of the build folder" \
    bash -c "! ldd '$P/bin/yoshiki' | grep -q 'libyoshiki\|not found'"
"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o tree.pdf
expect "the same bytes as the build folder's yoshiki with the source's layout" cmp tree.pdf elsewhere/soumu.pdf

# --- man yoshiki: the page, found through MANPATH as in /usr/share/man, and every option and
# command of the help text on it.
export MANPAGER=cat MANWIDTH=100 LANG=C.UTF-8
MANPATH="$P/share/man" man yoshiki > man.txt 2> man.err
expect "man yoshiki exits 0 (man.err)" test $? -eq 0
expect "man yoshiki: the NAME line" grep -q '^ *yoshiki - renders official Japanese forms (様式) from XML' man.txt
expect "man yoshiki: a synopsis per command" test "$(grep -Ec '^ *yoshiki (render|check|batch) ' man.txt)" -eq 3
for word in $("$YOSHIKI" --help | grep -oE -- '(^|[ [])--?[a-z][a-z-]*' | tr -d ' [' | sort -u) render check batch 'EXIT STATUS'; do
    expect "man yoshiki shows $word" grep -qF -- "$word" man.txt
done
man --warnings -l "$P/share/man/man1/yoshiki.1.gz" > man-l.txt 2> man-l.err
expect "man -l shows the same page" cmp man.txt man-l.txt
expect "groff has no warning about the page: $(head -c 200 man-l.err)" test ! -s man-l.err

# --- bash-completion loads the completion from the prefix's share/ (XDG_DATA_DIRS), on first use.
expect "bash-completion finds and loads the completion" bash -c '
    source /usr/share/bash-completion/bash_completion
    XDG_DATA_DIRS=$1/share __load_completion yoshiki && complete -p yoshiki | grep -q "_yoshiki yoshiki$"' _ "$P"

# --- A program that embeds yoshiki, built against the installed package. The PDF bytes it
# renders in memory are its standard output.
check_embedded() {
    local what=$1 program=$2
    "$program" elsewhere/soumu.xml "$LAYOUT" > "$what.pdf" 2> "$what.err"
    expect "$what: renders (${what}.err)" test $? -eq 0
    expect "$what: says what it rendered" grep -q '^yoshiki [0-9.]*: 総務課, 3 sheets, 3 pages, [0-9]* bytes$' "$what.err"
    expect "$what: the bytes are a PDF of 3 pages" bash -c "pdfinfo '$what.pdf' | grep -q '^Pages: *3$'"
    expect "$what: its text is the seed's" bash -c "pdftotext '$what.pdf' - | grep -q '令和8年度'"
    expect "$what: the same bytes as the command's" cmp "$what.pdf" elsewhere/soumu.pdf
}

# find_package(yoshiki): yoshiki::yoshiki (libyoshiki.so) and yoshiki::yoshiki_static.
cmake -S "$SRC/tests/e2e/embed" -B embed-build -DCMAKE_PREFIX_PATH="$P" -DCMAKE_CXX_FLAGS="$sanitize" > embed-cmake.log 2>&1 &&
    cmake --build embed-build >> embed-cmake.log 2>&1
expect "the embedding program builds with find_package (embed-cmake.log)" test $? -eq 0
expect "yoshiki::yoshiki links libyoshiki.so" bash -c "readelf -d embed-build/embed_with_yoshiki | grep -q 'NEEDED.*libyoshiki\.so'"
expect "yoshiki::yoshiki_static links libyoshiki.a" bash -c "! readelf -d embed-build/embed_with_yoshiki_static | grep -q 'NEEDED.*libyoshiki'"
check_embedded find_package.shared embed-build/embed_with_yoshiki
check_embedded find_package.static embed-build/embed_with_yoshiki_static

# Without the -dev packages of the engine's libraries (as on a machine with only the .deb), the
# shared library is still found, and asking for the static one says what is missing.
no_deps="-DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON -DCMAKE_DISABLE_FIND_PACKAGE_pugixml=ON -DCMAKE_DISABLE_FIND_PACKAGE_ZLIB=ON"
# shellcheck disable=SC2086  # the options are words
cmake -S "$SRC/tests/e2e/embed" -B embed-shared-only -DCMAKE_PREFIX_PATH="$P" $no_deps -DEMBED_STATIC=OFF > embed-shared-only.log 2>&1
expect "find_package(yoshiki) needs no -dev package for the shared library (embed-shared-only.log)" test $? -eq 0
# shellcheck disable=SC2086
cmake -S "$SRC/tests/e2e/embed" -B embed-static-no-deps -DCMAKE_PREFIX_PATH="$P" $no_deps > embed-static-no-deps.log 2>&1
expect "COMPONENTS static without the -dev packages fails" test $? -ne 0
expect "... naming what is missing" grep -q "yoshiki's static library needs harfbuzz harfbuzz-subset (pkg-config)," embed-static-no-deps.log

# pkg-config, with no other .pc file in its path (PKG_CONFIG_LIBDIR): compiled once, linked with the shared library and, with --static's private
# libraries, with the static one.
export PKG_CONFIG_LIBDIR="$P/$libdir/pkgconfig"
cflags=$(pkg-config --cflags yoshiki) && libs=$(pkg-config --libs yoshiki) && static_libs=$(pkg-config --static --libs yoshiki)
expect "pkg-config knows yoshiki" test $? -eq 0
# shellcheck disable=SC2086  # the flags are words
g++ -std=c++17 -Wall -Wextra -Werror $sanitize $cflags -c "$SRC/tests/e2e/embed/embed.cpp" -o embed.o 2> pkg-config.err &&
    g++ $sanitize embed.o $libs -Wl,-rpath,"$P/$libdir" -o embed_pkg_config 2>> pkg-config.err &&
    g++ $sanitize embed.o ${static_libs/-lyoshiki/-Wl,-Bstatic -lyoshiki -Wl,-Bdynamic} -o embed_pkg_config_static 2>> pkg-config.err
expect "the embedding program builds with pkg-config (pkg-config.err)" test $? -eq 0
check_embedded pkg-config.shared ./embed_pkg_config
check_embedded pkg-config.static ./embed_pkg_config_static
finish
