#include "sync/ot/textdiff.h"

#include <algorithm>
#include <vector>

namespace coauthor::sync {

namespace {

// A text as characters: a surrogate pair is one character, so that no edit
// boundary falls inside one (a lone surrogate is a character of its own).
struct Chars
{
    std::vector<char32_t> values;
    std::vector<qsizetype> offsets; // UTF-16 offset of each character, plus the end

    explicit Chars(const QString &text)
    {
        for (qsizetype i = 0; i < text.size(); ++i) {
            offsets.push_back(i);
            const QChar c = text.at(i);
            if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
                values.push_back(QChar::surrogateToUcs4(c, text.at(i + 1)));
                ++i;
            } else {
                values.push_back(c.unicode());
            }
        }
        offsets.push_back(text.size());
    }
    qsizetype size() const { return qsizetype(values.size()); }
};

enum class Step { Keep, Delete, Insert };

// Myers' greedy shortest edit script between a[from, aEnd) and b[from, bEnd),
// in order; empty (no result) when it needs more than maxEdits steps.
bool shortestEdit(const Chars &a, qsizetype aFrom, qsizetype aEnd, const Chars &b, qsizetype bFrom, qsizetype bEnd,
                  qsizetype maxEdits, std::vector<Step> &script)
{
    const qsizetype n = aEnd - aFrom;
    const qsizetype m = bEnd - bFrom;
    const qsizetype limit = qMin(maxEdits, n + m);
    const qsizetype offset = limit + 1;
    std::vector<qsizetype> v(size_t(2 * limit + 3), 0);
    // v's diagonals -d..d before each round d (those round d reads; a whole copy of v
    // per round made the memory and the copying quadratic in maxEdits, not in d).
    std::vector<std::vector<qsizetype>> trace;
    qsizetype found = -1;
    for (qsizetype d = 0; d <= limit && found < 0; ++d) {
        trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
        for (qsizetype k = -d; k <= d; k += 2) {
            qsizetype x = (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)]))
                              ? v[size_t(offset + k + 1)]
                              : v[size_t(offset + k - 1)] + 1;
            qsizetype y = x - k;
            while (x < n && y < m && a.values[size_t(aFrom + x)] == b.values[size_t(bFrom + y)]) {
                ++x;
                ++y;
            }
            v[size_t(offset + k)] = x;
            if (x >= n && y >= m) {
                found = d;
                break;
            }
        }
    }
    if (found < 0)
        return false;
    std::vector<Step> reversed;
    qsizetype x = n;
    qsizetype y = m;
    for (qsizetype d = found; d > 0; --d) {
        const std::vector<qsizetype> &prev = trace[size_t(d)]; // prev[d + k] is diagonal k
        const qsizetype k = x - y;
        const bool down = k == -d || (k != d && prev[size_t(d + k - 1)] < prev[size_t(d + k + 1)]);
        const qsizetype prevK = down ? k + 1 : k - 1;
        const qsizetype prevX = prev[size_t(d + prevK)];
        const qsizetype prevY = prevX - prevK;
        while (x > prevX && y > prevY) {
            reversed.push_back(Step::Keep);
            --x;
            --y;
        }
        reversed.push_back(down ? Step::Insert : Step::Delete);
        x = prevX;
        y = prevY;
    }
    for (; x > 0 && y > 0; --x, --y)
        reversed.push_back(Step::Keep);
    script.assign(reversed.rbegin(), reversed.rend());
    return true;
}

// textDiff of before and after, whose components are placed shift further on.
ot::TextOperation diffMiddle(const QString &before, const QString &after, qsizetype maxEdits, qsizetype shift)
{
    const Chars a(before);
    const Chars b(after);
    qsizetype prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.values[size_t(prefix)] == b.values[size_t(prefix)])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < a.size() - prefix && suffix < b.size() - prefix
           && a.values[size_t(a.size() - 1 - suffix)] == b.values[size_t(b.size() - 1 - suffix)])
        ++suffix;
    const qsizetype aEnd = a.size() - suffix;
    const qsizetype bEnd = b.size() - suffix;

    std::vector<Step> script;
    if (!shortestEdit(a, prefix, aEnd, b, prefix, bEnd, maxEdits, script)) {
        script.assign(size_t(aEnd - prefix), Step::Delete);
        script.insert(script.end(), size_t(bEnd - prefix), Step::Insert);
    }
    // Within a run of changes, deletes first, then inserts: the same edit,
    // one delete and one insert per changed stretch instead of alternating ones.
    for (size_t begin = 0; begin < script.size();) {
        if (script[begin] == Step::Keep) {
            ++begin;
            continue;
        }
        size_t end = begin;
        while (end < script.size() && script[end] != Step::Keep)
            ++end;
        std::stable_partition(script.begin() + qsizetype(begin), script.begin() + qsizetype(end),
                              [](Step s) { return s == Step::Delete; });
        begin = end;
    }
    // Each component's position is in the text as the previous ones left it:
    // `at` walks the new text. A run of deletes or of inserts is one component, cut out
    // of the text in one piece: appended a character at a time, a long delete is joined
    // to the front of the one so far at every character (quadratic).
    ot::TextOperation op;
    qsizetype at = shift + a.offsets[size_t(prefix)];
    qsizetype i = prefix;
    qsizetype j = prefix;
    for (size_t s = 0; s < script.size();) {
        const Step step = script[s];
        size_t run = s;
        while (run < script.size() && script[run] == step)
            ++run;
        const qsizetype count = qsizetype(run - s);
        switch (step) {
        case Step::Keep:
            at += a.offsets[size_t(i + count)] - a.offsets[size_t(i)];
            i += count;
            j += count;
            break;
        case Step::Delete:
            op.append(ot::Component::erase(at, before.mid(a.offsets[size_t(i)], a.offsets[size_t(i + count)] - a.offsets[size_t(i)])));
            i += count;
            break;
        case Step::Insert: {
            const QString text = after.mid(b.offsets[size_t(j)], b.offsets[size_t(j + count)] - b.offsets[size_t(j)]);
            op.append(ot::Component::insert(at, text));
            at += text.size();
            j += count;
            break;
        }
        }
        s = run;
    }
    return op;
}

} // namespace

ot::TextOperation textDiff(const QString &before, const QString &after, qsizetype maxEdits)
{
    // The common prefix and suffix are cut in UTF-16 units first, before the texts
    // are split into characters: in the history's long diffs (two versions of a
    // 100 KB paper a change apart) they are nearly all of the text, and splitting it
    // took more time than the search. Never inside a surrogate pair: the cut backs off
    // one unit there, and the middle's own character prefix takes the rest.
    const qsizetype shorter = std::min(before.size(), after.size());
    qsizetype head = 0;
    while (head < shorter && before.at(head) == after.at(head))
        ++head;
    if (head > 0 && before.at(head - 1).isHighSurrogate())
        --head;
    qsizetype tail = 0;
    while (tail < shorter - head && before.at(before.size() - 1 - tail) == after.at(after.size() - 1 - tail))
        ++tail;
    if (tail > 0 && before.at(before.size() - tail).isLowSurrogate())
        --tail;
    if (head == before.size() && head == after.size())
        return {};
    return diffMiddle(before.mid(head, before.size() - head - tail), after.mid(head, after.size() - head - tail), maxEdits, head);
}

} // namespace coauthor::sync
