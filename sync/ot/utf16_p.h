#pragma once

// Private helpers shared by apply, TextBuffer and the JSON codec: UTF-16
// surrogate checks, so no op ever leaves half a code point in a document.

#include <QChar>
#include <QStringView>

namespace coauthor::sync::ot::detail {

// True when s holds a high surrogate not followed by a low one, or a low one
// not preceded by a high one.
inline bool hasLoneSurrogate(QStringView s)
{
    const char16_t *d = s.utf16();
    const qsizetype n = s.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = d[i];
        if (c < 0xD800 || c > 0xDFFF)
            continue;
        if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(d[i + 1])) {
            ++i;
            continue;
        }
        return true;
    }
    return false;
}

// True when a boundary between before and after would fall inside a surrogate pair.
inline bool splitsPair(char16_t before, char16_t after)
{
    return QChar::isHighSurrogate(before) && QChar::isLowSurrogate(after);
}

} // namespace coauthor::sync::ot::detail
