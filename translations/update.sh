#!/usr/bin/env bash
# Refreshes translations/*.ts from the sources the app shows (the folders of
# app/ui/CMakeLists.txt's glob), without locations, keeping the files' form; the
# English file holds plural forms only (-pluralonly), which the coauthor_app_lupdate
# target cannot do per file. Run from anywhere: translations/update.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=$(grep -o '\${PROJECT_SOURCE_DIR}/[a-z/]*/\*\.cpp' app/ui/CMakeLists.txt | sed 's#${PROJECT_SOURCE_DIR}/##; s#/\*\.cpp##' | sort -u)
# compile/logentry.cpp: the compile layer's hints (QT_TRANSLATE_NOOP), which the app translates.
srcs=$( (for d in $dirs; do find "$d" -maxdepth 1 \( -name '*.cpp' -o -name '*.h' \); done; echo compile/logentry.cpp) | sort -u)
for ts in translations/coauthor_de.ts translations/coauthor_ja.ts; do
    /usr/lib/qt6/bin/lupdate -silent -I . -locations none -no-obsolete $srcs -ts $ts
done
/usr/lib/qt6/bin/lupdate -silent -I . -locations none -no-obsolete -pluralonly $srcs -ts translations/coauthor_en.ts
