// LocalPdfCopy: the copy of the PDF kept next to the main document when the local user asks
// for it (LocalBuildSettings::keepPdfCopy): thesis.tex → thesis.pdf, written after each
// successful compile through a .part file and a rename, so a reader never sees half a PDF.
// It stays on this computer: listed as a local output (sync::workingcopyscan), which the
// mirror of a shared project never uploads. Only the copy it wrote last is ever replaced;
// a file of that name from anyone else (a collaborator's shared PDF) is left alone.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace coauthor::app {

class Project;

class LocalPdfCopy
{
    Q_DECLARE_TR_FUNCTIONS(coauthor::app::LocalPdfCopy)

public:
    // The copy's project-relative path for a root document ("chapters/book.tex" → "chapters/book.pdf").
    static QString pathFor(const QString &rootDocument);

    struct Result
    {
        bool written = false;
        QString path;  // project-relative
        QString error; // why it was not written, for the status bar; empty when written
    };
    // Copies pdfPath next to rootDocument in project.
    static Result write(const Project &project, const QString &rootDocument, const QString &pdfPath);

    // Copies source to target (replacing it) through target.part and a rename, so a failed
    // copy never leaves half a PDF or loses the one that was there. False with *error
    // (the file system's reason, possibly empty) when it fails.
    static bool copyThroughPart(const QString &source, const QString &target, QString *error = nullptr);
};

} // namespace coauthor::app
