// LatexHighlighter: the built-in LaTeX highlighting (LatexSyntax's spans)
// as a QSyntaxHighlighter, with colour themes for light and dark palettes.
#pragma once

#include "editor/latexsyntax.h"

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

namespace coauthor::editor {

class LatexHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit LatexHighlighter(QTextDocument *document);

    // Picks the colours for a dark or a light background and rehighlights.
    void setDarkTheme(bool dark);
    bool darkTheme() const;
    QTextCharFormat format(LatexSyntax::Kind kind) const;

protected:
    void highlightBlock(const QString &text) override;

private:
    void buildFormats();

    bool m_dark = false;
    std::array<QTextCharFormat, static_cast<size_t>(LatexSyntax::Kind::Count)> m_formats;
    QList<LatexSyntax::Span> m_spans; // reused between blocks to avoid allocations
};

} // namespace coauthor::editor
