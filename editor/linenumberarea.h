// LineNumberArea: the gutter beside a LatexEditor (line numbers and
// diagnostic icons); the editor does the painting, this is only the surface.
#pragma once

#include <QWidget>

namespace coauthor::editor {

class LatexEditor;

class LineNumberArea : public QWidget
{
    Q_OBJECT
public:
    explicit LineNumberArea(LatexEditor *editor);
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    bool event(QEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    LatexEditor *m_editor;
};

} // namespace coauthor::editor
