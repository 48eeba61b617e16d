#!/bin/sh
# Regenerates texlive-packages.txt: which Debian texlive-* package ships each .sty and
# .cls, from dpkg's own file lists (/var/lib/dpkg/info/texlive-*.list) of a Debian
# machine with those packages installed. Run on Debian after installing the texlive-*
# packages to cover (dev.sh's list plus any extra ones), then commit the result.
set -eu
out=$(dirname "$0")/texlive-packages.txt
{
    echo "# Debian package -> the .sty and .cls files it ships."
    echo "# Source: dpkg file lists (/var/lib/dpkg/info/texlive-*.list) on Debian $(cat /etc/debian_version),"
    echo "# TeX Live $(dpkg-query -W -f='${Version}' texlive-base), made by generate-texlive-packages.sh."
    echo "# Packages covered: $(cd /var/lib/dpkg/info && ls texlive-*.list | sed 's/\.list$//' | tr '\n' ' ')"
    for list in /var/lib/dpkg/info/texlive-*.list; do
        package=$(basename "$list" .list)
        files=$(grep -E '\.(sty|cls)$' "$list" | sed 's|.*/||' | sort -u | tr '\n' ' ' | sed 's/ $//')
        [ -n "$files" ] && echo "$package: $files"
    done
} > "$out"
