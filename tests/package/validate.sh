#!/bin/sh
# validate.sh desktop FILE | metainfo FILE | man PAGE...
# Runs the validator that distributions run on these files. Exit 77 (skipped) when the tool is
# not installed; fails on errors and warnings (desktop-file-validate's hints are allowed).
set -u
kind=$1
shift

need() {
    command -v "$1" >/dev/null 2>&1 || { echo "SKIP: $1 is not installed (Debian package $2)"; exit 77; }
}

case "$kind" in
desktop)
    need desktop-file-validate desktop-file-utils
    out=$(desktop-file-validate "$1" 2>&1)
    status=$?
    [ -n "$out" ] && echo "$out"
    [ "$status" -eq 0 ] || exit 1
    if echo "$out" | grep -q -e ': error: ' -e ': warning: '; then
        exit 1
    fi
    echo "ok: $1"
    ;;
metainfo)
    need appstreamcli appstream
    # Pedantic notes are printed; errors and warnings fail the validation.
    appstreamcli validate --pedantic --no-net "$1"
    ;;
man)
    need man man-db
    status=0
    for page in "$@"; do
        # man-db's lint mode, as lintian runs it: groff warnings go to standard error.
        warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
        if [ -n "$warnings" ]; then
            echo "$page:"
            echo "$warnings"
            status=1
        elif [ ! -s "$page" ]; then
            echo "$page: missing or empty"
            status=1
        else
            echo "ok: $page"
        fi
    done
    exit $status
    ;;
*)
    echo "usage: $0 desktop FILE | metainfo FILE | man PAGE..." >&2
    exit 2
    ;;
esac
