# The Debian package: CPack makes yoshiki_VERSION_amd64.deb from the build, and it is read back
# with dpkg-deb: its control fields (Depends found by dpkg-shlibdeps, the fonts, cups-client),
# its contents (the program, layouts, man page, completion, libraries, headers), the ldconfig
# call and shlibs of a package with a shared library, and no trace of the build folder in any
# file. Unpacked (dpkg-deb -x, no root needed), its program renders the seed, finding the layout
# it names by name among its own.
source "$(dirname "$0")/lib.bash"
BUILD=$(dirname "$YOSHIKI")
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    echo "FAIL: $BUILD, where the program is, is not yoshiki's build folder"
    exit 1
fi
if grep -q '^YOSHIKI_SANITIZE:BOOL=ON$' "$BUILD/CMakeCache.txt"; then
    # The sanitizers write the source paths into the code, for their reports: not a build to ship.
    echo "SKIP: a sanitized build (-DYOSHIKI_SANITIZE=ON) is not packaged"
    exit 77
fi
version=$("$YOSHIKI" --version | cut -d' ' -f2)
arch=$(dpkg --print-architecture)
deb=packages/yoshiki_${version}_${arch}.deb

cpack --config "$BUILD/CPackConfig.cmake" -B packages > cpack.log 2>&1
expect "cpack exits 0 (cpack.log)" test $? -eq 0
expect "the package is named $deb" test -s "$deb"

dpkg-deb --field "$deb" > control.txt
field() { sed -n "s/^$1: //p" control.txt; }
expect "Package: yoshiki" test "$(field Package)" = yoshiki
expect "Version: $version" test "$(field Version)" = "$version"
expect "Architecture: $arch" test "$(field Architecture)" = "$arch"
expect "a Section" test "$(field Section)" = text
expect "a Maintainer with an address" bash -c "sed -n 's/^Maintainer: //p' control.txt | grep -Eq '^[^<]+ <[^@>]+@[^>]+>$'"
expect "a Description: a summary line and a long description" test "$(sed -n '/^Description: ./,/^[^ ]/p' control.txt | grep -c '^ ')" -ge 5
depends=$(field Depends)
for package in fonts-ipaexfont fonts-ipamj-mincho libharfbuzz0b libharfbuzz-subset0 libfreetype6 'libicu[0-9]+' \
               libpugixml1v5 'libhpdf-[0-9.]+' zlib1g 'libstdc\+\+6' libc6; do
    expect "Depends names ${package//\\/}" grep -Eq "(^|, )$package( \(|,|$)" <<< "$depends"
done
expect "the library versions come from dpkg-shlibdeps" grep -Eq 'libc6 \(>= [0-9.]+\)' <<< "$depends"
expect "cups-client recommended (batch --print uses lp)" grep -Eq '(^|, )cups-client(,|$)' <<< "$(field Recommends), $depends"

dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' > contents.txt
for path in /usr/bin/yoshiki /usr/libexec/yoshiki/yoshiki-sign /usr/libexec/yoshiki/yoshiki-serve /usr/share/yoshiki/layouts/goal-sheet.xml /usr/share/man/man1/yoshiki.1.gz \
            /usr/share/bash-completion/completions/yoshiki /usr/share/doc/yoshiki/README.md \
            /usr/include/yoshiki/yoshiki.hpp; do
    expect "the package holds $path" grep -qx "$path" contents.txt
done
expect "the package holds libyoshiki.a" grep -Eq '^/usr/lib/([a-z0-9_-]+/)?libyoshiki\.a$' contents.txt
expect "the package holds libyoshiki.so and its SONAME link" test "$(grep -Ec '^/usr/lib/([a-z0-9_-]+/)?libyoshiki\.so(\.[0-9]+)+ ?' contents.txt)" -ge 2
expect "the package holds the CMake package" grep -Eq '^/usr/lib/([a-z0-9_-]+/)?cmake/yoshiki/yoshikiConfig\.cmake$' contents.txt
expect "the package holds yoshiki.pc" grep -Eq '^/usr/lib/([a-z0-9_-]+/)?pkgconfig/yoshiki\.pc$' contents.txt
expect "the package holds only include/yoshiki/ as headers" bash -c "! grep '^/usr/include/.*\.h' contents.txt | grep -qv '^/usr/include/yoshiki/'"
expect "everything under /usr" bash -c "! grep -v '^/usr/' contents.txt | grep -q ."

expect "ldconfig runs after install and removal" bash -c "dpkg-deb -I '$deb' postinst | grep -q ldconfig && dpkg-deb -I '$deb' postrm | grep -q ldconfig"
expect "a shlibs file names the SONAME" bash -c "dpkg-deb -I '$deb' shlibs | grep -Eq '^libyoshiki [0-9.]+ yoshiki '"

# Unpacked: no file holds a path of the source or build folder (debug information, RPATH, the
# CMake and pkg-config files), the program and libraries are stripped.
dpkg-deb -x "$deb" root
build_real=$(cd "$BUILD" && pwd -P)
src_real=$(cd "$SRC" && pwd -P)
traces=$(grep -rlF -e "$build_real" -e "$src_real" -e "$BUILD" -e "$SRC" root | sed 's|^root||')
expect "no file holds a build path: $traces" test -z "$traces"
for program in bin/yoshiki libexec/yoshiki/yoshiki-sign libexec/yoshiki/yoshiki-serve; do
    expect "$program is stripped" bash -c "! readelf -S root/usr/$program | grep -q '\.symtab\|\.debug_'"
done
archive=$(find root -name libyoshiki.a)
expect "the static library has no debug information" bash -c "test -n '$archive' && ! readelf -S '$archive' | grep -q '\.debug_'"
expect "no RUNPATH in the program" bash -c "! readelf -d root/usr/bin/yoshiki | grep -qi 'rpath\|runpath'"
expect "yoshiki.pc names /usr" bash -c "grep -qx 'prefix=/usr' root/usr/lib/*pkgconfig/yoshiki.pc root/usr/lib/*/pkgconfig/yoshiki.pc 2> /dev/null"

# The seed moved out of the source tree names its layout by name: the unpacked program finds it
# in its own usr/share/yoshiki/layouts, with no path given.
unset YOSHIKI_LAYOUT_PATH
mkdir in
cp "$SRC/inputs/r8/soumu.xml" in/
root/usr/bin/yoshiki render in/soumu.xml -o soumu.pdf 2> render.err
expect "the packaged program renders the seed with no path to its layout (render.err)" test $? -eq 0 -a ! -s render.err
expect "... 3 pages" bash -c "pdfinfo soumu.pdf | grep -q '^Pages: *3$'"
"$YOSHIKI" render "$SRC/inputs/r8/soumu.xml" -o tree.pdf
expect "... the same bytes as the build folder's program" cmp tree.pdf soumu.pdf
# The 辞令 too: its layout's image (images/chou-seal.png) is installed beside it.
cp "$SRC/inputs/samples/appointments/r8-04-01.xml" in/
root/usr/bin/yoshiki render in/r8-04-01.xml -o letters.pdf 2> letters.err
expect "the packaged program renders the 辞令 with their seal (letters.err)" bash -c "test -s letters.pdf -a ! -s letters.err && pdfimages -list letters.pdf | grep -q ' image '"
sed 's|layout="goal-sheet"|layout="no-such-form"|' in/soumu.xml > in/other.xml
root/usr/bin/yoshiki check in/other.xml 2> missing.err
expect "a layout not found lists where it looked: the input's folder, the package's layouts" test "$(head -1 missing.err)" = \
    "in/other.xml:3:22: error: cannot find the layout 'no-such-form': looked for no-such-form.xml in in (the input's folder), $(pwd -P)/root/usr/share/yoshiki/layouts (installed beside the program)"
root/usr/bin/yoshiki extract soumu.pdf -o extracted 2> extract.err
expect "the packaged program extracts through its own yoshiki-sign (extract.err)" test $? -eq 0 -a -s extracted/soumu.xml
expect "the packaged man page shows" bash -c "MANPAGER=cat man -l root/usr/share/man/man1/yoshiki.1.gz | grep -q '^NAME'"
finish
