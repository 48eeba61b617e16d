#pragma once

#include <QString>

namespace coauthor::compile {

// What helps with "! LaTeX Error: File `foo.sty' not found.": the line of the
// \usepackage (or \RequirePackage, \documentclass) that names it, and the Debian package
// that ships it, from data/texlive-packages.txt (dpkg's file lists of Debian 12's
// texlive-* packages; see data/generate-texlive-packages.sh). Pure, except the table,
// which is read once from the library's resources.
class MissingFile
{
public:
    // "foo.sty" from a "File `foo.sty' not found." message; empty for any other message.
    static QString fromMessage(const QString &message);

    // 1-based line of the first \usepackage, \RequirePackage, \documentclass or
    // \LoadClass whose argument names fileName ("foo.sty" is named as "foo"); 0 when none.
    static int lineOfUse(const QString &source, const QString &fileName);

    // Whether fileName is a file a TeX distribution ships (a package, class, font or
    // bibliography style: foo.sty, foo.cls, t1foo.fd, foo.bst …), so that installing a
    // package is the cure; a missing figure or \input of the project's own is not.
    static bool isDistributionFile(const QString &fileName);

    // The Debian package that ships fileName ("texlive-science"), empty when the table
    // does not know it.
    static QString debianPackage(const QString &fileName);
};

} // namespace coauthor::compile
