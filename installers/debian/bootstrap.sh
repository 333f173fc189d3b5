#!/usr/bin/env bash
# Kafka Lab on a fresh Debian 12 machine, as root:
#   installers/debian/bootstrap.sh run    install dependencies, build, start the app
#   installers/debian/bootstrap.sh test   install dependencies, build, run every test
#                                         (a normal build, then an address+undefined
#                                         sanitizer build of the libraries and tests)
set -euo pipefail

mode=${1:-}
case "$mode" in
    run|test) ;;
    *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$here"
jobs=$(nproc 2>/dev/null || echo 2)

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-svg-dev libgl1-mesa-dev
    libqcustomplot-dev libyaml-cpp-dev librdkafka-dev libfontconfig-dev
    xvfb xauth
    desktop-file-utils appstream man-db   # the packaging tests (ctest -L package)
)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "== installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

werror=OFF
[ "${CI:-}" = "true" ] && werror=ON

echo "== building (build/)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKAFKALAB_WERROR=$werror
cmake --build build --parallel "$jobs"

if [ "$mode" = run ]; then
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        echo "== no display: starting the app under Xvfb"
        exec xvfb-run -a -s "-screen 0 1280x800x24" build/app/kafkalab "${@:2}"
    fi
    exec build/app/kafkalab "${@:2}"
fi

echo "== testing"
(cd build && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --parallel "$jobs")

echo "== starting the app under Xvfb and taking a screenshot"
rm -f build/smoke-screenshot.png
xvfb-run -a -s "-screen 0 1280x800x24" build/app/kafkalab --page playground \
    --screenshot build/smoke-screenshot.png --after 2000
test -s build/smoke-screenshot.png || { echo "the app did not produce a screenshot" >&2; exit 1; }

echo "== sanitizer build (build-asan/): address + undefined behaviour"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKAFKALAB_SANITIZE=ON \
    -DKAFKALAB_BUILD_APP=OFF -DKAFKALAB_WERROR=$werror
cmake --build build-asan --parallel "$jobs"
(cd build-asan && QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure --parallel "$jobs")
