#include "editor/latexhighlighter.h"

namespace coauthor::editor {

using Kind = LatexSyntax::Kind;

LatexHighlighter::LatexHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    buildFormats();
}

void LatexHighlighter::setDarkTheme(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    buildFormats();
    rehighlight();
}

bool LatexHighlighter::darkTheme() const
{
    return m_dark;
}

QTextCharFormat LatexHighlighter::format(LatexSyntax::Kind kind) const
{
    return m_formats.at(static_cast<size_t>(kind));
}

void LatexHighlighter::buildFormats()
{
    // Two hand-picked palettes with enough contrast on white and on a dark
    // grey base; text without a kind keeps the palette's own colour.
    struct Entry
    {
        Kind kind;
        QRgb light;
        QRgb dark;
        bool bold;
        bool italic;
    };
    static const Entry entries[] = {
        {Kind::Command, 0x1f4fbf, 0x82aaff, false, false},
        {Kind::Structure, 0x7b1fa2, 0xc792ea, true, false},
        {Kind::Environment, 0x00796b, 0x4dd0b1, false, false},
        {Kind::MathDelimiter, 0xb23c00, 0xff9e64, true, false},
        {Kind::Math, 0x8d4e00, 0xf0c674, false, false},
        {Kind::MathCommand, 0xc2185b, 0xff7eb6, false, false},
        {Kind::Comment, 0x7a7a7a, 0x8a8f98, false, true},
        {Kind::Verbatim, 0x2e7d32, 0x9ccc65, false, false},
        {Kind::Brace0, 0xa67c00, 0xffd54f, true, false},
        {Kind::Brace1, 0x8e24aa, 0xce93d8, true, false},
        {Kind::Brace2, 0x1565c0, 0x64b5f6, true, false},
        {Kind::Brace3, 0x2e7d32, 0x81c784, true, false},
        {Kind::Bracket, 0xad1457, 0xf48fb1, false, false},
        {Kind::SectionTitle, 0x000000, 0xffffff, true, false},
        {Kind::Label, 0x00838f, 0x4dd0e1, false, false},
        {Kind::Reference, 0x00695c, 0x80cbc4, false, false},
        {Kind::Citation, 0x6d4c41, 0xd7a98c, false, false},
        {Kind::Special, 0xd84315, 0xff8a65, true, false},
    };
    for (const Entry &e : entries) {
        QTextCharFormat f;
        if (e.kind != Kind::SectionTitle)
            f.setForeground(QColor::fromRgb(m_dark ? e.dark : e.light));
        if (e.bold)
            f.setFontWeight(QFont::Bold);
        if (e.italic)
            f.setFontItalic(true);
        if (e.kind == Kind::Reference || e.kind == Kind::Citation)
            f.setFontUnderline(false);
        m_formats[static_cast<size_t>(e.kind)] = f;
    }
}

void LatexHighlighter::highlightBlock(const QString &text)
{
    m_spans.clear();
    const int state = LatexSyntax::highlightLine(text, previousBlockState(), &m_spans);
    for (const LatexSyntax::Span &s : std::as_const(m_spans))
        setFormat(s.start, s.length, m_formats[static_cast<size_t>(s.kind)]);
    setCurrentBlockState(state);
}

} // namespace coauthor::editor
