// CollaboratorsPanel: who else is in the shared project — name, colour and the
// file their caret is in. Activating one opens that file.
#pragma once

#include "app/collab/collaborationsession.h"

#include <QWidget>

class QLabel;
class QListWidget;

namespace coauthor::app {

class CollaboratorsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CollaboratorsPanel(QWidget *parent = nullptr);

    // shared: false shows a hint on how to start writing together.
    void setCollaborators(const QList<CollaborationSession::Collaborator> &people, bool shared);
    int count() const;
    // "Name — file" of row i, for tests.
    QString rowText(int row) const;

Q_SIGNALS:
    void fileRequested(const QString &relativePath);

private:
    QListWidget *m_list = nullptr;
    QLabel *m_hint = nullptr;
};

} // namespace coauthor::app
