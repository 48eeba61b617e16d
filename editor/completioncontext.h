// CompletionContext: what can be completed at the cursor, read from the text
// of the line before it (a command name, an environment, a \ref key, a \cite key).
#pragma once

#include <QString>

namespace coauthor::editor {

struct CompletionContext
{
    enum class Kind { None, Command, Environment, Reference, Citation };
    Kind kind = Kind::None;
    QString prefix;       // what is already typed of the word being completed
    int prefixStart = 0;  // index in the line where the prefix starts
    QString command;      // the command whose argument is completed (e.g. "cite", "begin")

    // lineBeforeCursor: the text of the current line up to the cursor.
    static CompletionContext at(const QString &lineBeforeCursor);
};

} // namespace coauthor::editor
