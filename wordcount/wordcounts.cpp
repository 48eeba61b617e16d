#include "wordcount/wordcounts.h"

#include <QJsonArray>

namespace coauthor::wordcount {

WordCounts &WordCounts::operator+=(const WordCounts &other)
{
    textWords += other.textWords;
    headerWords += other.headerWords;
    captionWords += other.captionWords;
    headers += other.headers;
    floats += other.floats;
    inlineMath += other.inlineMath;
    displayMath += other.displayMath;
    return *this;
}

QJsonObject WordCounts::toJson() const
{
    return {{QStringLiteral("words"), words()},
            {QStringLiteral("textWords"), textWords},
            {QStringLiteral("headerWords"), headerWords},
            {QStringLiteral("captionWords"), captionWords},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("floats"), floats},
            {QStringLiteral("inlineMath"), inlineMath},
            {QStringLiteral("displayMath"), displayMath}};
}

QJsonObject DocumentCount::toJson() const
{
    QJsonArray list;
    for (const FileCount &file : files) {
        QJsonObject object = file.counts.toJson();
        object.insert(QStringLiteral("file"), file.path);
        list.append(object);
    }
    return {{QStringLiteral("files"), list},
            {QStringLiteral("total"), total.toJson()},
            {QStringLiteral("missing"), QJsonArray::fromStringList(missing)}};
}

} // namespace coauthor::wordcount
