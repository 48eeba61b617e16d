#!/usr/bin/env bash
# Coauthor's two commands:
#   ./dev.sh run  [--asan] [-- app args]   install what is missing, build, start Coauthor on the example project
#   ./dev.sh test [--asan] [-- ctest args] install what is missing, build, run every test through CTest
#   ./dev.sh build [--asan]                install what is missing and build
# A second call installs nothing and rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")"

# Debian 12 / Ubuntu packages the build, the app and the tests need.
PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-qpa-plugins qt6-svg-dev libqt6svg6 libgl-dev qt6-translations-l10n
    libqt6sql6-sqlite libqt6sql6-psql
    libpoppler-qt6-dev libhiredis-dev redis-server redis-tools libsynctex-dev zlib1g-dev
    qpdf libqpdf-dev # compile/pdfsplice: splicing an \includeonly build into the last PDF
    libhunspell-dev hunspell-en-us hunspell-en-gb hunspell-de-de hunspell-fr
    latexmk texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-science
    texlive-pictures texlive-fonts-recommended texlive-bibtex-extra biber lmodern
    texlive-extra-utils texlive-xetex texlive-luatex texlive-lang-japanese texlive-font-utils ghostscript
    default-jre-headless
    fonts-dejavu-core fonts-ipafont-gothic
    xvfb xauth imagemagick procps openssl poppler-utils
    bubblewrap
    postgresql # the tests' own PostgreSQL clusters (tests/support/postgrescluster.h); the system one is not used
)

usage() {
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing() {
    local missing=()
    # One dpkg-query for all packages (one per package costs seconds); "install ok
    # installed" is the only state in which a package is usable.
    local installed
    installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${PACKAGES[@]}" 2>/dev/null |
        awk '$2 == "install" && $3 == "ok" && $4 == "installed" { print $1 }' || true)
    for p in "${PACKAGES[@]}"; do
        grep -qxF "$p" <<<"$installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "dev.sh: missing packages (${missing[*]}) and no apt-get; see README.md for other systems" >&2
        exit 1
    fi
    echo "dev.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update
    as_root apt-get install -y --no-install-recommends "${missing[@]}"
}

build() {
    local dir=$1; shift
    local generator=()
    command -v ninja >/dev/null && generator=(-G Ninja)
    if [ ! -f "$dir/CMakeCache.txt" ]; then
        cmake -S . -B "$dir" "${generator[@]}" "$@"
    else
        cmake -S . -B "$dir" "$@" >/dev/null
    fi
    cmake --build "$dir" --parallel "$(nproc)"
}

cmd=${1:-}
[ -n "$cmd" ] || usage
shift
builddir=build
cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
rest=()
while [ $# -gt 0 ]; do
    case "$1" in
        --asan) builddir=build-asan; cmake_args=(-DCMAKE_BUILD_TYPE=Debug -DCOAUTHOR_SANITIZE=ON) ;;
        --) shift; rest+=("$@"); break ;;
        *) rest+=("$1") ;;
    esac
    shift
done

case "$cmd" in
    build)
        install_missing
        build "$builddir" "${cmake_args[@]}"
        ;;
    run)
        install_missing
        build "$builddir" "${cmake_args[@]}"
        app=("$builddir/bin/coauthor" "${rest[@]:-resources/example}")
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
            echo "dev.sh: no display; running Coauthor inside Xvfb (headless)"
            exec xvfb-run -a -s "-screen 0 1600x1000x24" "${app[@]}"
        fi
        exec "${app[@]}"
        ;;
    test)
        install_missing
        build "$builddir" "${cmake_args[@]}"
        exec ctest --test-dir "$builddir" --output-on-failure --parallel "$(nproc)" "${rest[@]}"
        ;;
    *) usage ;;
esac
