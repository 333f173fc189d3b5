#!/usr/bin/env bash
# test_package.sh BUILD_DIR CPACK VERSION SOURCE_DIR
#
# Builds the DEB and TGZ packages from an already built tree (into a temporary directory, not
# the build tree), unpacks the DEB with dpkg-deb into a temporary root, and checks what a user
# gets: the control fields and dependencies, every file (executables, desktop entry, AppStream
# metadata, icons, manual pages), and that the installed executables run from another directory
# with an empty home, with nothing of the source or build tree. Exit 77 (skipped) without
# dpkg-deb. Run by CTest (label "package").
set -euo pipefail

build=$1
cpack=$2
version=$3
source=$4
app_id=io.github.kafkalab.KafkaLab

for tool in dpkg-deb readelf tar gzip; do
    command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kafkalab-package.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

echo "== cpack -G DEB and -G TGZ into $tmp/out"
for generator in DEB TGZ; do
    if ! "$cpack" -G "$generator" -B "$tmp/out" --config "$build/CPackConfig.cmake" >"$tmp/cpack-$generator.log" 2>&1; then
        cat "$tmp/cpack-$generator.log"
        echo "FAIL: cpack -G $generator"
        exit 1
    fi
done
debs=("$tmp"/out/*.deb)
tgzs=("$tmp"/out/*.tar.gz)
[ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || { echo "FAIL: expected one .deb, got: ${debs[*]}"; exit 1; }
[ ${#tgzs[@]} -eq 1 ] && [ -f "${tgzs[0]}" ] || { echo "FAIL: expected one .tar.gz, got: ${tgzs[*]}"; exit 1; }
deb=${debs[0]}
tgz=${tgzs[0]}
echo "$(basename "$deb"): $(stat -c %s "$deb") bytes; $(basename "$tgz"): $(stat -c %s "$tgz") bytes"

echo "== control fields"
dpkg-deb --info "$deb"
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = kafkalab ] || fail "Package is '$(field Package)', expected kafkalab"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
depends=$(field Depends)
# Each one a package name at the start of a relation: "name" or "name (>= x)".
has_dependency() { echo ", $depends," | grep -Eq "[,|] *$1( \([^)]*\))? *[,|]"; }
# librdkafka1: live mode loads it when first used (no executable links it).
required=(libqt6core6 libqt6gui6 libqt6widgets6 libqt6sql6 libqt6sql6-sqlite libqt6svg6 libqt6printsupport6
    libqcustomplot2.1-qt6 libyaml-cpp0.7 librdkafka1)
installed_bins=()
for p in "${required[@]}"; do
    has_dependency "$p" || fail "Depends lacks $p: $depends"
done

echo "== files"
root="$tmp/root"
dpkg-deb -x "$deb" "$root"
dpkg-deb --contents "$deb" >"$tmp/contents.txt"
cat "$tmp/contents.txt"
expected=(
    usr/bin/kafkalab
    usr/bin/kafkalab-cli
    "usr/share/applications/$app_id.desktop"
    "usr/share/metainfo/$app_id.metainfo.xml"
    "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    usr/share/man/man1/kafkalab-cli.1.gz
    usr/share/man/man1/kafkalab.1.gz
    usr/share/doc/kafkalab/copyright
    usr/share/doc/kafkalab/changelog.gz
)
for size in 16 32 48 64 128 256; do
    expected+=("usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for f in "${expected[@]}"; do
    [ -s "$root/$f" ] || fail "the package lacks /$f"
done
for f in usr/bin/kafkalab usr/bin/kafkalab-cli; do
    [ -x "$root/$f" ] || fail "/$f is not executable"
    installed_bins+=("$root/$f")
done
# Every entry owned by root; nothing outside /usr (no build-tree leftovers).
if awk '$2 != "root/root" { print; bad = 1 } END { exit !bad }' "$tmp/contents.txt"; then
    fail "entries not owned by root/root (above)"
fi
if awk '{ print $6 }' "$tmp/contents.txt" | grep -v -E '^\./(usr/)?$|^\./usr/'; then
    fail "files outside /usr (above)"
fi
for size in 16 32 48 64 128 256; do
    png="$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    [ -s "$png" ] || continue
    # PNG header: the IHDR width and height at bytes 16..23, big-endian.
    dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{ printf "%d %d", $3 * 256 + $4, $7 * 256 + $8 }')
    [ "$dims" = "$size $size" ] || fail "the ${size}x${size} icon is $dims"
done
for page in kafkalab-cli kafkalab; do
    gz="$root/usr/share/man/man1/$page.1.gz"
    [ -s "$gz" ] || continue
    gzip -t "$gz" || fail "$page.1.gz is not gzip"
    gzip -dc "$gz" | grep -q "^\.TH ${page^^} 1 .*Kafka Lab $version" || fail "$page.1.gz has no .TH line for $version"
done

changelog="$root/usr/share/doc/kafkalab/changelog.gz"
if [ -s "$changelog" ]; then
    top=$(gzip -dc "$changelog" | head -n 1)
    [[ "$top" == "kafkalab ($version) "* ]] || fail "the changelog starts with '$top', the project is $version"
fi

echo "== the desktop entry and the metadata agree with the package"
desktop="$root/usr/share/applications/$app_id.desktop"
metainfo="$root/usr/share/metainfo/$app_id.metainfo.xml"
if [ -s "$desktop" ]; then
    exec_bin=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | sort -u)
    for b in $exec_bin; do
        [ -x "$root/usr/bin/$b" ] || fail "Exec=$b is not an installed executable"
    done
    icon=$(sed -n 's/^Icon=//p' "$desktop")
    [ "$icon" = "$app_id" ] || fail "Icon=$icon, expected $app_id"
fi
if [ -s "$metainfo" ]; then
    newest=$(grep -o '<release version="[^"]*"' "$metainfo" | head -n 1 | sed 's/.*"\(.*\)"/\1/')
    [ "$newest" = "$version" ] || fail "the newest <release> in the metainfo is '$newest', the project is $version"
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" \
        || fail "the metainfo's launchable is not $app_id.desktop"
    for b in kafkalab kafkalab-cli; do
        grep -q "<binary>$b</binary>" "$metainfo" || fail "the metainfo does not provide <binary>$b</binary>"
    done
fi

# AppStream's own check of the installed tree: the metadata, its desktop entry and icons.
if command -v appstreamcli >/dev/null 2>&1; then
    appstreamcli validate-tree --pedantic --no-net "$root" || fail "appstreamcli validate-tree"
fi

echo "== the TGZ holds the same files"
tar -tzf "$tgz" | sed 's|^[^/]*/||' | grep -v '/$' | sort >"$tmp/tgz.txt"
(cd "$root/usr" && find . -type f -o -type l) | sed 's|^\./||' | sort >"$tmp/deb.txt"
if ! diff -u "$tmp/deb.txt" "$tmp/tgz.txt"; then
    fail "the TGZ and the DEB hold different files (above: - DEB, + TGZ)"
fi

echo "== the installed executables stand alone"
for bin in "${installed_bins[@]}"; do
    if readelf -d "$bin" | grep -E 'RPATH|RUNPATH'; then
        fail "$(basename "$bin") has an RPATH/RUNPATH (above)"
    fi
    if readelf -d "$bin" | grep -q 'NEEDED.*librdkafka'; then
        fail "$(basename "$bin") links librdkafka: every start would load it (live/rdkafkalibrary.h loads it when needed)"
    fi
    # Questions and lessons are Qt resources: no path into the source or build tree is compiled in.
    for dir in "$source" "$build"; do
        if grep -q -F -a "$dir" "$bin"; then
            fail "$(basename "$bin") contains the path $dir"
        fi
    done
done
# From an empty directory, with an empty home: nothing can be found next to the executable,
# in the working directory or in the user's data.
work="$tmp/elsewhere"
mkdir -p "$work/home" "$work/runtime"
chmod 700 "$work/runtime"
run() {
    (cd "$work" && env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" LANG=C.UTF-8 \
        QT_QPA_PLATFORM=offscreen "$@")
}
cli="$root/usr/bin/kafkalab-cli"
out=$(run "$cli" --version) || fail "kafkalab-cli --version failed"
echo "$out"
[ "$out" = "kafkalab-cli $version" ] || fail "kafkalab-cli --version printed '$out'"
if run "$cli" lessons check >"$tmp/lessons.txt" 2>&1; then
    tail -n 1 "$tmp/lessons.txt"
    grep -Eq '^[1-9][0-9]* passed, 0 failed$' "$tmp/lessons.txt" || fail "lessons check ran no lesson"
else
    cat "$tmp/lessons.txt"
    fail "kafkalab-cli lessons check failed"
fi
if out=$(run "$cli" quiz validate 2>&1); then
    echo "$out"
else
    echo "$out"
    fail "kafkalab-cli quiz validate failed"
fi
# The progress database: Qt's SQLite driver (libqt6sql6-sqlite) and the user's data directory.
if run "$cli" quiz stats >"$tmp/stats.txt" 2>&1; then
    db="$work/home/.local/share/KafkaLab/kafkalab/progress.sqlite"
    [ -s "$db" ] || fail "quiz stats did not create $db"
else
    cat "$tmp/stats.txt"
    fail "kafkalab-cli quiz stats failed"
fi
out=$(run "$root/usr/bin/kafkalab" --version 2>&1) || fail "kafkalab --version failed: $out"
echo "$out"
echo "$out" | grep -q "$version" || fail "kafkalab --version printed '$out'"
# The desktop app starts off-screen on its question browser (built-in questions, SVG icons) and
# saves the window.
if run "$root/usr/bin/kafkalab" --page quiz --screenshot "$work/quiz.png" --after 1000 >"$tmp/app.txt" 2>&1; then
    shot=$(od -An -tu1 -j16 -N8 "$work/quiz.png" 2>/dev/null | awk '{ printf "%dx%d", $3 * 256 + $4, $7 * 256 + $8 }')
    echo "kafkalab --screenshot: $shot"
    [ -n "$shot" ] && [ "$shot" != 0x0 ] || fail "kafkalab wrote no screenshot"
else
    cat "$tmp/app.txt"
    fail "kafkalab --page quiz --screenshot failed"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "ok: $(basename "$deb") and $(basename "$tgz")"
