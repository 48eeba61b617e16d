// EditorTabBar: the tabs of EditorTabs, which shorten a long file name in its
// middle and keep its extension ("chap…ults.tex", never "c…x"), stop shrinking
// at a width that still tells files apart, and scroll beyond that.
#pragma once

#include <QTabBar>

namespace coauthor::app {

class EditorTabBar : public QTabBar
{
    Q_OBJECT
public:
    explicit EditorTabBar(QWidget *parent = nullptr);

    // Characters of the name before the extension that a tab always shows.
    static constexpr int MinimumStemChars = 6;

    // text shortened to fit width: the name's stem elided in the middle, its
    // extension (and a trailing modified marker) kept whole.
    static QString elide(const QString &text, const QFontMetrics &fm, int width);
    // The shortest form a tab shows: MinimumStemChars of the stem, "…", the extension.
    static QString shortest(const QString &text);
    // The text tab index shows now.
    QString shownText(int index) const;

protected:
    QSize minimumTabSizeHint(int index) const override;
    void initStyleOption(QStyleOptionTab *option, int tabIndex) const override;
};

} // namespace coauthor::app
