#include "sync/ot/operations.h"

#include "sync/ot/utf16_p.h"

#include <utility>

namespace coauthor::sync::ot {

namespace {

OtError error(OtError::Code code, qsizetype index, const QString &what)
{
    return {code, QStringLiteral("component %1: %2").arg(index).arg(what)};
}

bool splitsPairAt(const QString &text, qsizetype pos)
{
    return pos > 0 && pos < text.size() && detail::splitsPair(text.at(pos - 1).unicode(), text.at(pos).unicode());
}

// Where position pos moves when component c is applied (ShareJS semantics).
qsizetype transformPos(qsizetype pos, const Component &c, bool insertAfter)
{
    if (c.isInsert())
        return (c.position < pos || (c.position == pos && insertAfter)) ? pos + c.length() : pos;
    if (pos <= c.position)
        return pos;
    if (pos <= c.position + c.length())
        return c.position;
    return pos - c.length();
}

// Appends to dest component c rewritten to apply after other (both made on the same text).
void transformComponent(TextOperation &dest, const Component &c, const Component &other, Side side)
{
    if (c.isInsert()) {
        dest.append(Component::insert(transformPos(c.position, other, side == Side::Right), c.text));
        return;
    }
    if (other.isInsert()) {
        // A delete around a concurrent insert is split so the inserted text survives.
        if (c.position < other.position) {
            const qsizetype before = other.position - c.position;
            if (before >= c.length()) {
                dest.append(c);
                return;
            }
            dest.append(Component::erase(c.position, c.text.left(before)));
            dest.append(Component::erase(c.position + other.length(), c.text.mid(before)));
        } else {
            dest.append(Component::erase(c.position + other.length(), c.text));
        }
        return;
    }
    // Delete against delete.
    const qsizetype cEnd = c.position + c.length();
    const qsizetype oEnd = other.position + other.length();
    if (c.position >= oEnd) {
        dest.append(Component::erase(c.position - other.length(), c.text));
    } else if (cEnd <= other.position) {
        dest.append(c);
    } else {
        // Overlap: the part other already deleted is left out of c.
        QString rest;
        if (c.position < other.position)
            rest = c.text.left(other.position - c.position);
        if (cEnd > oEnd)
            rest += QStringView(c.text).mid(oEnd - c.position);
        dest.append(Component::erase(transformPos(c.position, other, false), std::move(rest)));
    }
}

// Transforms two concurrent ops against each other: returns (left', right') with
// left' applying after right and right' after left (ShareJS's transformX).
std::pair<TextOperation, TextOperation> transformX(QList<Component> left, const QList<Component> &right)
{
    TextOperation newRight;
    for (const Component &original : right) {
        Component rc = original;
        bool pending = true;
        TextOperation newLeft;
        newLeft.reserve(left.size());
        for (qsizetype k = 0; k < left.size(); ++k) {
            TextOperation next;
            transformComponent(newLeft, left[k], rc, Side::Left);
            transformComponent(next, rc, left[k], Side::Right);
            if (next.size() == 1) {
                rc = next.components().first();
                continue;
            }
            pending = false;
            if (next.size() == 0) {
                for (qsizetype j = k + 1; j < left.size(); ++j)
                    newLeft.append(left[j]);
            } else {
                // rc was split in two by left[k]: transform the rest of left against both pieces.
                auto [restLeft, restRight] = transformX(left.mid(k + 1), next.components());
                for (const Component &l : restLeft.components())
                    newLeft.append(l);
                for (const Component &r : restRight.components())
                    newRight.append(r);
            }
            break;
        }
        if (pending)
            newRight.append(std::move(rc));
        left = newLeft.components();
    }
    return {TextOperation(std::move(left)), std::move(newRight)};
}

} // namespace

Result<QString, OtError> apply(const QString &text, const TextOperation &op)
{
    using Code = OtError::Code;
    QString result = text;
    const QList<Component> &components = op.components();
    for (qsizetype index = 0; index < components.size(); ++index) {
        const Component &c = components[index];
        const qsizetype p = c.position;
        if (p < 0 || p > result.size())
            return Result<QString, OtError>::failure(error(Code::PositionOutOfRange, index,
                QStringLiteral("position %1 is outside the text (length %2)").arg(p).arg(result.size())));
        if (splitsPairAt(result, p))
            return Result<QString, OtError>::failure(error(Code::PositionOutOfRange, index,
                QStringLiteral("position %1 splits a surrogate pair").arg(p)));
        if (c.isInsert()) {
            if (detail::hasLoneSurrogate(c.text))
                return Result<QString, OtError>::failure(error(Code::LoneSurrogate, index,
                    QStringLiteral("inserted text holds a lone surrogate")));
            result.insert(p, c.text);
            continue;
        }
        const qsizetype end = p + c.length();
        if (end > result.size())
            return Result<QString, OtError>::failure(error(Code::PositionOutOfRange, index,
                QStringLiteral("delete of %1 at %2 runs past the end of the text (length %3)")
                    .arg(c.length()).arg(p).arg(result.size())));
        if (splitsPairAt(result, end))
            return Result<QString, OtError>::failure(error(Code::PositionOutOfRange, index,
                QStringLiteral("delete end %1 splits a surrogate pair").arg(end)));
        if (QStringView(result).mid(p, c.length()) != QStringView(c.text))
            return Result<QString, OtError>::failure(error(Code::DeleteMismatch, index,
                QStringLiteral("deleted text does not match the text at %1").arg(p)));
        result.remove(p, c.length());
    }
    return Result<QString, OtError>::success(std::move(result));
}

Result<void, OtError> validate(const TextOperation &op, qsizetype documentLength, const OpLimits &limits)
{
    using Code = OtError::Code;
    using R = Result<void, OtError>;
    const QList<Component> &components = op.components();
    if (components.size() > limits.maxComponents)
        return R::failure({Code::TooManyComponents, QStringLiteral("%1 components, at most %2 allowed")
                                                        .arg(components.size()).arg(limits.maxComponents)});
    qsizetype length = documentLength; // of the text as the components so far leave it
    qsizetype textLength = 0;
    for (qsizetype index = 0; index < components.size(); ++index) {
        const Component &c = components[index];
        const qsizetype p = c.position;
        if (p < 0)
            return R::failure(error(Code::NegativePosition, index, QStringLiteral("position %1 is negative").arg(p)));
        if (c.text.isEmpty())
            return R::failure(error(Code::EmptyComponent, index, QStringLiteral("empty text")));
        if (p > length)
            return R::failure(error(Code::PositionOutOfRange, index,
                QStringLiteral("position %1 is outside the text (length %2)").arg(p).arg(length)));
        // Compared by subtraction so that no huge position plus length can overflow.
        if (c.isDelete() && c.length() > length - p)
            return R::failure(error(Code::PositionOutOfRange, index,
                QStringLiteral("delete of %1 at %2 runs past the end of the text (length %3)")
                    .arg(c.length()).arg(p).arg(length)));
        textLength += c.length();
        if (textLength > limits.maxTextLength)
            return R::failure({Code::TextTooLong, QStringLiteral("the operation's text exceeds %1 UTF-16 code units")
                                                      .arg(limits.maxTextLength)});
        if (detail::hasLoneSurrogate(c.text))
            return R::failure(error(Code::LoneSurrogate, index, QStringLiteral("text holds a lone surrogate")));
        length += c.isInsert() ? c.length() : -c.length();
    }
    return R::success();
}

Side tieBreak(QStringView author, QStringView otherAuthor, Side sameAuthor)
{
    const int order = author.compare(otherAuthor);
    if (order == 0)
        return sameAuthor;
    return order < 0 ? Side::Left : Side::Right;
}

TextOperation transform(const TextOperation &op, const TextOperation &other, Side side)
{
    if (other.isEmpty() || op.isEmpty())
        return op;
    if (op.size() == 1 && other.size() == 1) {
        TextOperation result;
        transformComponent(result, op.components().first(), other.components().first(), side);
        return result;
    }
    if (side == Side::Left)
        return transformX(op.components(), other.components()).first;
    return transformX(other.components(), op.components()).second;
}

qsizetype transformPosition(qsizetype pos, const TextOperation &op, bool moveOnInsertAtPos)
{
    for (const Component &c : op.components())
        pos = transformPos(pos, c, moveOnInsertAtPos);
    return pos;
}

TextOperation compose(const TextOperation &first, const TextOperation &second)
{
    TextOperation result = first;
    for (const Component &c : second.components())
        result.append(c);
    return result;
}

TextOperation invert(const TextOperation &op)
{
    TextOperation result;
    result.reserve(op.size());
    const QList<Component> &components = op.components();
    for (auto it = components.crbegin(); it != components.crend(); ++it)
        result.append(it->isInsert() ? Component::erase(it->position, it->text)
                                     : Component::insert(it->position, it->text));
    return result;
}

TextOperation normalize(const TextOperation &op)
{
    TextOperation result;
    result.reserve(op.size());
    for (const Component &c : op.components())
        result.append(c);
    return result;
}

} // namespace coauthor::sync::ot
