#pragma once
// The JSON of the history answers (docs/protocol.md, "History"), for
// ServerMessageCodec only: one writer per answer, one reader per answer.
#include "sync/protocol/fieldreader_p.h"
#include "sync/protocol/servermessage.h"

#include <QJsonObject>

namespace coauthor::sync::detail {

void writeHistory(QJsonObject &o, const wire::HistoryChanges &m);
void writeHistory(QJsonObject &o, const wire::HistoryText &m);
void writeHistory(QJsonObject &o, const wire::HistoryDiff &m);
void writeHistory(QJsonObject &o, const wire::HistoryTree &m);
void writeHistory(QJsonObject &o, const wire::HistoryFile &m);
void writeHistory(QJsonObject &o, const wire::HistorySearch &m);
void writeHistory(QJsonObject &o, const wire::HistoryLabels &m);
void writeHistory(QJsonObject &o, const wire::HistoryLabel &m);

wire::HistoryChanges readHistoryChanges(FieldReader &r, ProtocolError &error);
wire::HistoryText readHistoryText(FieldReader &r);
wire::HistoryDiff readHistoryDiff(FieldReader &r, ProtocolError &error);
wire::HistoryTree readHistoryTree(FieldReader &r, ProtocolError &error);
wire::HistoryFile readHistoryFile(FieldReader &r);
wire::HistorySearch readHistorySearch(FieldReader &r, ProtocolError &error);
wire::HistoryLabels readHistoryLabels(FieldReader &r, ProtocolError &error);
wire::HistoryLabel readHistoryLabel(FieldReader &r, ProtocolError &error);

} // namespace coauthor::sync::detail
