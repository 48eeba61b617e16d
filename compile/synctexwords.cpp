#include "compile/synctexwords.h"

#include <QStringList>

#include <optional>

#include <cmath>
#include <limits>

namespace coauthor::compile {

namespace {

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c.isMark();
}

bool isHyphen(QChar c)
{
    return c == u'-' || c == QChar(0x2010) || c == QChar(0x00AD);
}

// A word of a source line: where it is, and its normalized text.
struct SourceWord
{
    int start;
    int end; // exclusive
    QString text;
};

// The words of a source line as a reader of the PDF would see them: runs of letters and
// digits outside control-sequence names, up to an unescaped % (the rest is a comment).
QList<SourceWord> sourceWords(const QString &line)
{
    QList<SourceWord> words;
    int i = 0;
    const int n = int(line.size());
    while (i < n) {
        const QChar c = line.at(i);
        if (c == u'%')
            break;
        if (c == u'\\') {
            ++i;
            if (i < n && line.at(i).isLetter()) {
                while (i < n && line.at(i).isLetter())
                    ++i;
            } else if (i < n) {
                ++i; // a control symbol: \%, \&, \\ …
            }
            continue;
        }
        if (!isWordChar(c)) {
            ++i;
            continue;
        }
        const int start = i;
        while (i < n && isWordChar(line.at(i)))
            ++i;
        words.append({start, i, SyncTexWords::normalized(line.mid(start, i - start))});
    }
    return words;
}

// The letter-and-digit runs of a PDF word ("well-known" → well, known), normalized.
QStringList pdfRuns(const QString &word)
{
    QStringList runs;
    QString run;
    const QString text = word.normalized(QString::NormalizationForm_KC);
    for (const QChar c : text) {
        if (isWordChar(c)) {
            run += c;
        } else if (!run.isEmpty()) {
            runs << run.toCaseFolded();
            run.clear();
        }
    }
    if (!run.isEmpty())
        runs << run.toCaseFolded();
    return runs;
}

// Whether the PDF word shows the (normalized) source word: one of its runs is it, or it is
// the first half of the word hyphenated at a line's end ("docu-" of "document").
bool shows(const QString &pdfWord, const QString &sourceWord)
{
    if (sourceWord.isEmpty())
        return false;
    const QStringList runs = pdfRuns(pdfWord);
    if (runs.contains(sourceWord))
        return true;
    const QString trimmed = pdfWord.trimmed();
    return !runs.isEmpty() && !trimmed.isEmpty() && isHyphen(trimmed.back()) && runs.last().size() >= 2
        && sourceWord.startsWith(runs.last());
}

// How well a neighbour agrees: 2 when it is the same word; 1 at a line's edge, where the
// other side's neighbour comes from another line and proves nothing either way; 0 otherwise.
enum Agreement { Differs = 0, Unknown = 1, Same = 2 };

bool endsWithHyphen(const QString &word)
{
    const QString trimmed = word.trimmed();
    return !trimmed.isEmpty() && isHyphen(trimmed.back());
}

// The clicked PDF word as it is looked for in a source line.
struct ClickedWord
{
    QString word;
    QString joined; // when word is the second half of a hyphenated one: the whole word
    QStringList beforeRuns;
    QString after;
};

// hyphenBefore: the PDF word just before (the first half when word is a second half);
// before, after: the neighbours to compare with the source's.
ClickedWord clickedWord(const QString &word, const QString &hyphenBefore, const QString &before, const QString &after)
{
    ClickedWord c{word, QString(), pdfRuns(before), after};
    const QStringList firstHalf = pdfRuns(hyphenBefore);
    const QStringList runs = pdfRuns(word);
    if (endsWithHyphen(hyphenBefore) && !firstHalf.isEmpty() && !runs.isEmpty())
        c.joined = firstHalf.last() + runs.first();
    return c;
}

// The column of the clicked word in line (-1 when none) and, in *score, how well its
// neighbours agree (0..4). Of several occurrences, the best neighbours, then the nearest
// hintColumn, then the first.
int place(const QString &line, const ClickedWord &c, int hintColumn, int *score)
{
    const QList<SourceWord> words = sourceWords(line);
    const QStringList afterRuns = pdfRuns(c.after);
    int best = -1;
    int bestScore = -1;
    int bestDistance = std::numeric_limits<int>::max();
    for (int i = 0; i < words.size(); ++i) {
        if (!shows(c.word, words.at(i).text) && (c.joined.isEmpty() || words.at(i).text != c.joined))
            continue;
        // The source's neighbour is compared with the PDF's: its last run for the word
        // before, its first run for the word after.
        const int beforeAgrees = i == 0 ? Unknown
            : !c.beforeRuns.isEmpty() && c.beforeRuns.last() == words.at(i - 1).text ? Same
                                                                                     : Differs;
        const int afterAgrees = i + 1 == words.size() ? Unknown
            : !afterRuns.isEmpty() && (afterRuns.first() == words.at(i + 1).text || shows(c.after, words.at(i + 1).text))
            ? Same
            : Differs;
        const int agreement = beforeAgrees + afterAgrees;
        const int distance = hintColumn >= 0 ? std::abs(words.at(i).start - hintColumn) : 0;
        if (agreement > bestScore || (agreement == bestScore && distance < bestDistance)) {
            best = words.at(i).start;
            bestScore = agreement;
            bestDistance = distance;
        }
    }
    if (score)
        *score = bestScore;
    return best;
}

} // namespace

QString SyncTexWords::normalized(const QString &word)
{
    QString out;
    const QString text = word.normalized(QString::NormalizationForm_KC);
    for (const QChar c : text) {
        if (isWordChar(c))
            out += c;
    }
    return out.toCaseFolded();
}

QString SyncTexWords::wordAt(const QString &line, int column, int *start)
{
    const QList<SourceWord> words = sourceWords(line);
    const SourceWord *found = nullptr;
    for (const SourceWord &word : words) {
        if (word.start <= column && column < word.end) {
            found = &word;
            break;
        }
        if (word.end == column)
            found = &word; // just after it; a word starting here wins
    }
    if (!found)
        return QString();
    if (start)
        *start = found->start;
    return line.mid(found->start, found->end - found->start);
}

int SyncTexWords::occurrencesBefore(const QString &line, const QString &word, int start)
{
    const QString wanted = normalized(word);
    int count = 0;
    for (const SourceWord &w : sourceWords(line)) {
        if (w.start >= start)
            break;
        if (w.text == wanted)
            ++count;
    }
    return count;
}

QString SyncTexWords::wordBefore(const QString &line, int start)
{
    QString previous;
    for (const SourceWord &w : sourceWords(line)) {
        if (w.start >= start)
            break;
        previous = line.mid(w.start, w.end - w.start);
    }
    return previous;
}

QString SyncTexWords::wordAfter(const QString &line, int start)
{
    for (const SourceWord &w : sourceWords(line)) {
        if (w.start > start)
            return line.mid(w.start, w.end - w.start);
    }
    return QString();
}

int SyncTexWords::wordAtPoint(const QList<PageWord> &words, QPointF point)
{
    // Within this distance of a word on the same text line (points): a click between two
    // words, or just past a line's last one.
    constexpr double kNear = 8.0;
    int best = -1;
    double bestDistance = std::numeric_limits<double>::max();
    for (int i = 0; i < words.size(); ++i) {
        const QRectF &r = words.at(i).rect;
        if (point.y() < r.top() - 1.0 || point.y() > r.bottom() + 1.0)
            continue;
        const double dx = point.x() < r.left() ? r.left() - point.x() : point.x() > r.right() ? point.x() - r.right() : 0.0;
        if (dx < bestDistance) {
            bestDistance = dx;
            best = i;
        }
    }
    return bestDistance <= kNear ? best : -1;
}

int SyncTexWords::columnOf(const QString &line, const QString &word, const QString &before, const QString &after,
                           int hintColumn)
{
    return place(line, clickedWord(word, before, before, after), hintColumn, nullptr);
}

std::optional<SyncTexWords::SourcePlace> SyncTexWords::findClicked(const QStringList &lines, int line,
                                                                   const QList<PageWord> &words, int clicked,
                                                                   int hintColumn)
{
    if (clicked < 0 || clicked >= words.size())
        return std::nullopt;
    const auto text = [&words](int i) { return i >= 0 && i < words.size() ? words.at(i).text : QString(); };
    // Around a hyphenated word, the neighbours that count are those of the whole word.
    const bool secondHalf = endsWithHyphen(text(clicked - 1));
    const bool firstHalf = endsWithHyphen(text(clicked));
    const ClickedWord word = clickedWord(text(clicked), text(clicked - 1), secondHalf ? text(clicked - 2) : text(clicked - 1),
                                         firstHalf ? text(clicked + 2) : text(clicked + 1));
    // SyncTeX's line first; it often names the line before for a source line's first words.
    std::optional<SourcePlace> best;
    int bestScore = -1;
    for (const int candidate : {line, line + 1, line - 1}) {
        if (candidate < 1 || candidate > lines.size())
            continue;
        int score = 0;
        const int column = place(lines.at(candidate - 1), word, candidate == line ? hintColumn : -1, &score);
        if (column >= 0 && score > bestScore) {
            best = SourcePlace{candidate, column};
            bestScore = score;
        }
    }
    return best;
}

int SyncTexWords::wordInBoxes(const QList<PageWord> &words, const QList<QRectF> &boxes, const QString &word,
                              const QString &before, const QString &after, int occurrence)
{
    const QString wanted = normalized(word);
    const QString wantedBefore = normalized(before);
    const QString wantedAfter = normalized(after);
    auto inside = [&boxes](const QRectF &rect) {
        for (const QRectF &box : boxes) {
            if (box.adjusted(-1, -1, 1, 1).contains(rect.center()))
                return true;
        }
        return false;
    };
    struct Candidate
    {
        int index;
        int score;
    };
    QList<Candidate> candidates;
    const auto text = [&words](int i) { return i >= 0 && i < words.size() ? words.at(i).text : QString(); };
    for (int i = 0; i < words.size(); ++i) {
        if (!inside(words.at(i).rect))
            continue;
        // The second half of the word hyphenated across PDF lines, when only it is in the
        // boxes (the first half's PDF line belongs to the source line before).
        const bool secondHalf = endsWithHyphen(text(i - 1)) && !pdfRuns(text(i - 1)).isEmpty()
            && !pdfRuns(text(i)).isEmpty() && pdfRuns(text(i - 1)).last() + pdfRuns(text(i)).first() == wanted;
        if (!secondHalf && !shows(text(i), wanted))
            continue;
        const int before = secondHalf ? i - 2 : i - 1;
        const int after = endsWithHyphen(text(i)) ? i + 2 : i + 1;
        const int beforeAgrees = wantedBefore.isEmpty() ? Unknown
            : shows(text(before), wantedBefore)         ? Same
                                                        : Differs;
        const int afterAgrees = wantedAfter.isEmpty() ? Unknown
            : shows(text(after), wantedAfter)         ? Same
                                                      : Differs;
        candidates.append({i, beforeAgrees + afterAgrees});
    }
    if (candidates.isEmpty())
        return -1;
    int bestScore = -1;
    for (const Candidate &c : std::as_const(candidates))
        bestScore = std::max(bestScore, c.score);
    // Of the best, the one whose rank among all matches is nearest the caret word's rank.
    int best = -1;
    int bestDistance = std::numeric_limits<int>::max();
    for (int rank = 0; rank < candidates.size(); ++rank) {
        if (candidates.at(rank).score != bestScore)
            continue;
        const int distance = std::abs(rank - occurrence);
        if (distance < bestDistance) {
            best = candidates.at(rank).index;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace coauthor::compile
