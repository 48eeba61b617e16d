// ProjectIndex and its scanners: labels, citation keys, user commands and
// the outline across \input/\include/\subfile, with comments ignored.

#include "editor/projectindex.h"

#include <QSignalSpy>
#include <QTest>

using namespace coauthor::editor;

class TestProjectIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void labelsFromAllFilesWithoutComments()
    {
        ProjectIndex index;
        QSignalSpy changed(&index, &ProjectIndex::changed);
        index.setFile(QStringLiteral("main.tex"),
                      QStringLiteral("\\section{A}\\label{sec:a}\n% \\label{commented}\n50\\% \\label{after:percent}\n"));
        index.setFile(QStringLiteral("chapters/two.tex"), QStringLiteral("\\begin{figure}\\label{fig:two}\\end{figure}\n"));
        QCOMPARE(changed.count(), 2);
        QCOMPARE(index.labels(),
                 QStringList({QStringLiteral("after:percent"), QStringLiteral("fig:two"), QStringLiteral("sec:a")}));
        const auto where = index.labelLocation(QStringLiteral("fig:two"));
        QVERIFY(where);
        QCOMPARE(where->file, QStringLiteral("chapters/two.tex"));
        QCOMPARE(where->line, 1);

        index.setFile(QStringLiteral("chapters/two.tex"), QStringLiteral("no labels any more"));
        QVERIFY(!index.labels().contains(QStringLiteral("fig:two")));
        index.removeFile(QStringLiteral("main.tex"));
        QVERIFY(index.labels().isEmpty());
        QCOMPARE(changed.count(), 4);
    }

    void labelsInVerbatimAreIgnored()
    {
        ProjectIndex index;
        index.setFile(QStringLiteral("a.tex"), QStringLiteral("\\begin{verbatim}\n\\label{no}\n\\end{verbatim}\n"
                                                               "\\verb|\\label{no2}| \\label{yes}"));
        QCOMPARE(index.labels(), QStringList{QStringLiteral("yes")});
    }

    void citationKeysFromBibFiles()
    {
        ProjectIndex index;
        index.setFile(QStringLiteral("refs.bib"), QStringLiteral(R"(@string{ams = "AMS"}
@comment{ignored, entry}
@Book{knuth84,
  author = {Donald E. Knuth}, email = {a@b.c},
  title = {The {\TeX}book},
}
@article( lamport94 , title = "LaTeX")
@misc{key:with-dash_1,}
)"));
        index.setFile(QStringLiteral("main.tex"),
                      QStringLiteral("\\begin{thebibliography}{9}\\bibitem[X]{manual} x\\end{thebibliography}"));
        QCOMPARE(index.citationKeys(), QStringList({QStringLiteral("key:with-dash_1"), QStringLiteral("knuth84"),
                                                    QStringLiteral("lamport94"), QStringLiteral("manual")}));
        const auto where = index.citationLocation(QStringLiteral("lamport94"));
        QVERIFY(where);
        QCOMPARE(where->line, 7);
    }

    void bibEntriesGiveAuthorsTitleAndYearAsPlainText()
    {
        ProjectIndex index;
        index.setFile(QStringLiteral("refs.bib"),
                      QStringLiteral("@book{knuth84,\n  author = {Knuth, Donald E.},\n  title = {The {\\TeX}book},\n"
                                     "  year = 1984, publisher = {Addison-Wesley}}\n"
                                     "@article( lamport94 , title = \"{\\LaTeX}: A Document \" # \"Preparation System\",\n"
                                     "  author = {Leslie Lamport and {Barnes and Noble} and G{\\\"o}del, Kurt}, date = {1994-03})\n"
                                     "@inproceedings{two, author = {Ada Lovelace and Charles Babbage}, year = {1843},\n"
                                     "  title = {Notes on the \\emph{Analytical Engine} --- with ``quotes''}}\n"
                                     "@collection{edited, editor = {M{\\\"u}ller, J. and Stra{\\ss}e, P.}, title = {Caf\\'{e} \\& Co}}\n"));
        const auto knuth = index.bibEntry(QStringLiteral("knuth84"));
        QVERIFY(knuth);
        QCOMPARE(knuth->authors, QStringList{QStringLiteral("Knuth")});
        QCOMPARE(knuth->title, QStringLiteral("The TeXbook"));
        QCOMPARE(knuth->year, QStringLiteral("1984"));
        const auto lamport = index.bibEntry(QStringLiteral("lamport94"));
        QVERIFY(lamport);
        QCOMPARE(lamport->authors, QStringList({QStringLiteral("Lamport"), QStringLiteral("Barnes and Noble"),
                                                QStringLiteral("G\u00f6del")}));
        QCOMPARE(lamport->title, QStringLiteral("LaTeX: A Document Preparation System"));
        QCOMPARE(lamport->year, QStringLiteral("1994")); // from the date field
        const auto two = index.bibEntry(QStringLiteral("two"));
        QVERIFY(two);
        QCOMPARE(two->authors, QStringList({QStringLiteral("Lovelace"), QStringLiteral("Babbage")}));
        QCOMPARE(two->title, QStringLiteral("Notes on the Analytical Engine \u2014 with \u201cquotes\u201d"));
        const auto edited = index.bibEntry(QStringLiteral("edited"));
        QVERIFY(edited);
        QCOMPARE(edited->authors, QStringList({QStringLiteral("M\u00fcller"), QStringLiteral("Stra\u00dfe")}));
        QCOMPARE(edited->title, QStringLiteral("Caf\u00e9 & Co"));
        QVERIFY(!index.bibEntry(QStringLiteral("missing")));
        // The keys are still what they were.
        QCOMPARE(index.citationKeys(), QStringList({QStringLiteral("edited"), QStringLiteral("knuth84"),
                                                    QStringLiteral("lamport94"), QStringLiteral("two")}));
    }

    void userCommandsAndEnvironments()
    {
        ProjectIndex index;
        index.setFile(QStringLiteral("macros.tex"), QStringLiteral(R"(\newcommand{\R}{\mathbb{R}}
\renewcommand\vec[1]{\mathbf{#1}}
\DeclareMathOperator*{\argmax}{arg\,max}
\def\foo#1{#1}
% \newcommand{\commented}{x}
\newenvironment{proofsketch}{}{}
\newtheorem{conjecture}{Conjecture}
)"));
        QCOMPARE(index.userCommands(), QStringList({QStringLiteral("R"), QStringLiteral("argmax"),
                                                    QStringLiteral("foo"), QStringLiteral("vec")}));
        QCOMPARE(index.userEnvironments(), QStringList({QStringLiteral("conjecture"), QStringLiteral("proofsketch")}));
    }

    void outlineFollowsInputs()
    {
        ProjectIndex index;
        index.setFile(QStringLiteral("main.tex"), QStringLiteral(R"(\documentclass{book}
\begin{document}
\part{One}
\chapter*[Short]{Introduction}
\input{chapters/intro}
% \input{chapters/commented}
\include{chapters/methods.tex}
\section{Back in main}
\subfile{sub/part}
\input{missing}
\end{document}
)"));
        index.setFile(QStringLiteral("chapters/intro.tex"), QStringLiteral("\\section{Motivation}\ntext\n\\subsection{Why {\\TeX}}\n"));
        index.setFile(QStringLiteral("chapters/methods.tex"), QStringLiteral("\n\n\\section{Methods}\n\\paragraph{Detail.}\n"));
        index.setFile(QStringLiteral("chapters/commented.tex"), QStringLiteral("\\section{Never}\n"));
        index.setFile(QStringLiteral("sub/part.tex"), QStringLiteral("\\subsubsection{Sub\n  file}\n\\input{../main}\n"));

        const QList<OutlineEntry> outline = index.outline(QStringLiteral("main.tex"));
        const QList<OutlineEntry> expected = {
            {0, QStringLiteral("One"), QStringLiteral("main.tex"), 3},
            {1, QStringLiteral("Introduction"), QStringLiteral("main.tex"), 4},
            {2, QStringLiteral("Motivation"), QStringLiteral("chapters/intro.tex"), 1},
            {3, QStringLiteral("Why {\\TeX}"), QStringLiteral("chapters/intro.tex"), 3},
            {2, QStringLiteral("Methods"), QStringLiteral("chapters/methods.tex"), 3},
            {5, QStringLiteral("Detail."), QStringLiteral("chapters/methods.tex"), 4},
            {2, QStringLiteral("Back in main"), QStringLiteral("main.tex"), 8},
            {4, QStringLiteral("Sub file"), QStringLiteral("sub/part.tex"), 1},
        };
        QCOMPARE(outline.size(), expected.size());
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QCOMPARE(outline.at(i).title, expected.at(i).title);
            QCOMPARE(outline.at(i).file, expected.at(i).file);
            QCOMPARE(outline.at(i).line, expected.at(i).line);
            QCOMPARE(outline.at(i).level, expected.at(i).level);
        }
        QCOMPARE(index.fileOutline(QStringLiteral("chapters/commented.tex")).size(), 1);
    }

    void unbalancedBraceDoesNotSwallowTheFile()
    {
        ProjectIndex index;
        index.setFile(QStringLiteral("a.tex"), QStringLiteral("\\section{Broken\n\n\\label{still:found}\n\\section{Next}"));
        QCOMPARE(index.labels(), QStringList{QStringLiteral("still:found")});
        const auto outline = index.outline(QStringLiteral("a.tex"));
        QCOMPARE(outline.size(), 1);
        QCOMPARE(outline.first().title, QStringLiteral("Next"));
        // A title may continue on the next line, but not across a blank one.
        index.setFile(QStringLiteral("b.tex"), QStringLiteral("\\section{Two\n  lines}\n"));
        QCOMPARE(index.outline(QStringLiteral("b.tex")).first().title, QStringLiteral("Two lines"));
    }

    void importAndSubimport()
    {
        ProjectIndex index;
        index.setFile(QStringLiteral("main.tex"), QStringLiteral("\\import{parts/}{a}\n"));
        index.setFile(QStringLiteral("parts/a.tex"), QStringLiteral("\\section{A}\n\\subimport{deeper}{b.tex}\n"));
        index.setFile(QStringLiteral("parts/deeper/b.tex"), QStringLiteral("\\section{B}\n"));
        const auto outline = index.outline(QStringLiteral("main.tex"));
        QCOMPARE(outline.size(), 2);
        QCOMPARE(outline.at(1).file, QStringLiteral("parts/deeper/b.tex"));
    }
};

QTEST_GUILESS_MAIN(TestProjectIndex)
#include "tst_projectindex.moc"
