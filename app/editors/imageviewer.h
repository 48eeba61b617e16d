// ImageViewer: shows an image file of the project (a figure) in an editor tab,
// scaled down to fit, instead of opening its bytes as text.
#pragma once

#include <QScrollArea>

class QLabel;

namespace coauthor::app {

class ImageViewer : public QScrollArea
{
    Q_OBJECT
public:
    explicit ImageViewer(QWidget *parent = nullptr);

    // Returns false (and shows a message in the view) when the file is not a readable image.
    bool load(const QString &path);
    QString path() const { return m_path; }
    QSize imageSize() const { return m_image.size(); }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void rescale();

    QString m_path;
    QImage m_image;
    QLabel *m_label = nullptr;
};

} // namespace coauthor::app
