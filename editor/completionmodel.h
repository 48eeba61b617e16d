// CompletionModel: the completion candidates (a string list) and, for each,
// a detail line to show beside it (a \cite key's author, year and title).
#pragma once

#include <QStringListModel>

#include <functional>

namespace coauthor::editor {

class CompletionModel : public QStringListModel
{
    Q_OBJECT
public:
    static constexpr int DetailRole = Qt::UserRole + 1;

    explicit CompletionModel(QObject *parent = nullptr);

    // Asked for a candidate's detail when it is shown; empty: none.
    void setDetailProvider(std::function<QString(const QString &candidate)> provider);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::function<QString(const QString &)> m_detail;
};

} // namespace coauthor::editor
