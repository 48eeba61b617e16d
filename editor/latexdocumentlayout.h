// LatexDocumentLayout: QPlainTextEdit's layout, told apart which part of a
// change is the user's edit and which is only new highlighting formats, so
// that a keystroke re-lays out and repaints one line rather than the whole
// viewport (Qt merges both into one range that always spans two blocks).
#pragma once

#include <QPlainTextDocumentLayout>
#include <QPointer>

namespace coauthor::editor {

class LatexHighlighter;

class LatexDocumentLayout : public QPlainTextDocumentLayout
{
    Q_OBJECT
public:
    explicit LatexDocumentLayout(QTextDocument *document);

    void setHighlighter(LatexHighlighter *highlighter);

protected:
    void documentChanged(int from, int charsRemoved, int charsAdded) override;

private:
    QPointer<LatexHighlighter> m_highlighter;
};

} // namespace coauthor::editor
