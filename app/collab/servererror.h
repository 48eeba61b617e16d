// What the server's error codes mean to the person at the app, in their language.
// The server's own `message` is English and for logs (docs/protocol.md, "Errors");
// the code is stable, so the app turns the codes a user can meet into a sentence
// of its own and keeps the server's message only where it carries a detail (a
// path's reason, a limit).
#pragma once

#include <QString>

namespace coauthor::app {

// One sentence for an error `code` the server (or the sync client) reported with `message`.
QString serverErrorSentence(const QString &code, const QString &message);

} // namespace coauthor::app
