#include "sync/history/worddiff_p.h"

#include "sync/ot/textdiff.h"

#include <QStringView>

#include <string_view>
#include <unordered_map>

namespace coauthor::sync::history {

namespace {

// A text as words: each word (a run of letters and digits) or other character is
// one code point of a supplementary plane in codes, the same for equal words, so
// textDiff compares words; offsets has each word's start in the text, then its end.
constexpr qsizetype MaxRefinedChars = 400;

struct Words
{
    QString codes;
    QList<qsizetype> offsets;
};

// Word ids: 0..0xFFFF are the UTF-16 unit of a one-unit token itself (no lookup:
// most tokens are spaces and punctuation), longer ones are numbered from 0x10000 in a
// std::unordered_map (QHash's seeded hash of a QStringView cost 0.5 µs a word here,
// most of a long diff's time).
using WordIds = std::unordered_map<std::u16string_view, char32_t>;

bool split(QStringView text, WordIds &ids, Words &out)
{
    // Code points 0x10000 + id, id < MaxIds: all of them form surrogate pairs.
    constexpr char32_t MaxIds = 0x100000 - 1;
    out.codes.reserve(2 * text.size());
    for (qsizetype i = 0; i < text.size();) {
        qsizetype end = i + 1;
        if (text.at(i).isLetterOrNumber()) {
            while (end < text.size() && text.at(end).isLetterOrNumber())
                ++end;
        } else if (text.at(i).isHighSurrogate() && end < text.size() && text.at(end).isLowSurrogate()) {
            ++end;
        }
        char32_t id = text.at(i).unicode();
        if (end - i > 1) {
            const std::u16string_view word(reinterpret_cast<const char16_t *>(text.utf16()) + i, size_t(end - i));
            auto found = ids.find(word);
            if (found == ids.end()) {
                if (0x10000 + char32_t(ids.size()) >= MaxIds)
                    return false;
                found = ids.emplace(word, 0x10000 + char32_t(ids.size())).first;
            }
            id = found->second;
        }
        const char32_t code = 0x10000 + id;
        out.codes += QChar(QChar::highSurrogate(code));
        out.codes += QChar(QChar::lowSurrogate(code));
        out.offsets.append(i);
        i = end;
    }
    out.offsets.append(text.size());
    return true;
}

// The ops of wordDiff for the middles between a common prefix and suffix.
ot::TextOperation middleDiff(const QString &before, const QString &after, qsizetype maxEdits, qsizetype shift);

} // namespace

ot::TextOperation wordDiff(const QString &before, const QString &after, qsizetype maxEdits)
{
    // The common prefix and suffix first, by code unit, backed off to a word's
    // start or end: splitting a whole 100 KB text into words costs more than the
    // rest (hashing every word). A word never loses a part to the prefix, so the
    // middles split into the words the whole texts would.
    auto inWord = [](const QString &t, qsizetype i) { return i > 0 && i < t.size() && t.at(i - 1).isLetterOrNumber() && t.at(i).isLetterOrNumber(); };
    const qsizetype shorter = std::min(before.size(), after.size());
    qsizetype head = 0;
    while (head < shorter && before.at(head) == after.at(head))
        ++head;
    while (head > 0 && (inWord(before, head) || inWord(after, head) || before.at(head - 1).isHighSurrogate()))
        --head;
    qsizetype tail = 0;
    while (tail < shorter - head && before.at(before.size() - 1 - tail) == after.at(after.size() - 1 - tail))
        ++tail;
    while (tail > 0 && (inWord(before, before.size() - tail) || inWord(after, after.size() - tail)
                        || before.at(before.size() - tail).isLowSurrogate()))
        --tail;
    if (head == before.size() && head == after.size())
        return {};
    return middleDiff(before.mid(head, before.size() - head - tail), after.mid(head, after.size() - head - tail), maxEdits, head);
}

namespace {

ot::TextOperation middleDiff(const QString &before, const QString &after, qsizetype maxEdits, qsizetype shift)
{
    WordIds ids;
    Words a, b;
    if (!split(before, ids, a) || !split(after, ids, b)) {
        ot::TextOperation op;
        const ot::TextOperation chars = textDiff(before, after, maxEdits);
        for (const ot::Component &c : chars.components())
            op.append(c.isInsert() ? ot::Component::insert(shift + c.position, c.text) : ot::Component::erase(shift + c.position, c.text));
        return op;
    }
    const ot::TextOperation words = textDiff(a.codes, b.codes, maxEdits);
    // Components in order, each at its place in the text the ones before it left:
    // the first j words of after, then before's from word i on. A stretch of words
    // deleted and words inserted at one place is diffed again by character.
    ot::TextOperation op;
    qsizetype i = 0, j = 0;
    const QList<ot::Component> &parts = words.components();
    for (qsizetype c = 0; c < parts.size(); ++c) {
        const ot::Component &part = parts.at(c);
        const qsizetype kept = part.position / 2 - j;
        i += kept;
        j += kept;
        const qsizetype at = shift + b.offsets.at(j);
        QString removed, added;
        if (!part.isInsert()) {
            const qsizetype n = part.length() / 2;
            removed = before.mid(a.offsets.at(i), a.offsets.at(i + n) - a.offsets.at(i));
            i += n;
            if (c + 1 < parts.size() && parts.at(c + 1).isInsert() && parts.at(c + 1).position == part.position) {
                ++c;
            } else {
                op.append(ot::Component::erase(at, removed));
                continue;
            }
        }
        const qsizetype n = parts.at(c).text.size() / 2;
        added = after.mid(b.offsets.at(j), b.offsets.at(j + n) - b.offsets.at(j));
        j += n;
        // A long stretch replaced is a rewritten passage: shown so, not searched for
        // the letters it happens to share (most of the time a long diff took).
        if (removed.isEmpty() || removed.size() + added.size() > MaxRefinedChars) {
            if (!removed.isEmpty())
                op.append(ot::Component::erase(at, removed));
            op.append(ot::Component::insert(at, added));
            continue;
        }
        const ot::TextOperation chars = textDiff(removed, added, maxEdits);
        for (const ot::Component &inner : chars.components())
            op.append(inner.isInsert() ? ot::Component::insert(at + inner.position, inner.text)
                                       : ot::Component::erase(at + inner.position, inner.text));
    }
    return op;
}

} // namespace

} // namespace coauthor::sync::history
