#include "app/collab/servererror.h"

#include <QCoreApplication>

namespace coauthor::app {

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("coauthor::app::ServerError", text);
}

} // namespace

QString serverErrorSentence(const QString &code, const QString &message)
{
    // Each text is marked for lupdate where it is used.
    struct Entry
    {
        const char *code;
        const char *text;
        bool withDetail; // %1 is the server's message
    };
    static const Entry entries[] = {
        {"unauthorized", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                           "The server did not accept the token: it was mistyped, or the invitation was revoked."), false},
        {"unknown_project", QT_TRANSLATE_NOOP("coauthor::app::ServerError", "The server has no such project."), false},
        {"revoked", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                      "Your invitation to this project was revoked; your copy stays on this computer."), false},
        {"client_id_taken", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                              "This working copy belongs to another member of the project; open the project afresh "
                                              "with your own invitation."), false},
        {"client_id_in_use", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                               "This working copy was opened somewhere else, which took over its connection."), false},
        {"read_only", QT_TRANSLATE_NOOP("coauthor::app::ServerError", "You can read this project but not change it."), false},
        {"file_too_large", QT_TRANSLATE_NOOP("coauthor::app::ServerError", "The file is larger than the server takes (%1)."), true},
        {"doc_too_large", QT_TRANSLATE_NOOP("coauthor::app::ServerError", "The document would grow past the server's limit (%1)."), true},
        {"invalid_path", QT_TRANSLATE_NOOP("coauthor::app::ServerError", "The server refused the name: %1"), true},
        {"path_exists", QT_TRANSLATE_NOOP("coauthor::app::ServerError", "A file or folder of that name exists already."), false},
        {"not_found", QT_TRANSLATE_NOOP("coauthor::app::ServerError", "That file or folder is no longer in the project."), false},
        {"unknown_doc", QT_TRANSLATE_NOOP("coauthor::app::ServerError", "That document is no longer in the project."), false},
        {"storage_unavailable", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                                  "The server cannot store edits just now; yours are kept and sent again."), false},
        {"internal", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                       "The server had a problem; your edits are kept and sent again."), false},
        {"rate_limited", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                           "The server asked this app to slow down; edits wait and are sent again."), false},
        {"too_many_connections", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                                   "The server has too many connections from this address; it retries later."), false},
        {"unsupported_protocol_version", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                                           "The server runs a version of Coauthor this app cannot talk to; update "
                                                           "one of them."), false},
        {"mirror_write_failed", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                                  "A file of the shared project could not be written here (%1); it is kept in "
                                                  "memory and written again."), true},
        {"mirror_path_refused", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                                  "A collaborator's file was not written here, because its name is not safe: %1"), true},
        {"journal_write_failed", QT_TRANSLATE_NOOP("coauthor::app::ServerError",
                                                   "Edits not yet sent cannot be saved on this computer (%1)."), true},
    };
    for (const Entry &e : entries) {
        if (code == QLatin1String(e.code))
            return e.withDetail ? translated(e.text).arg(message) : translated(e.text);
    }
    // Anything else is the protocol's own (a malformed request from an older or newer app):
    // the code and the server's words are the best there is.
    return message.isEmpty()
               ? QCoreApplication::translate("coauthor::app::ServerError", "The server refused a request (%1).").arg(code)
               : QCoreApplication::translate("coauthor::app::ServerError", "The server refused a request (%1): %2")
                     .arg(code, message);
}

} // namespace coauthor::app
