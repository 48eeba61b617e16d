#include "compile/builtinrules.h"

#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace coauthor::compile {

namespace {

// makeindex is in TeX Live's own list of programs safe to run from a document
// (texmf.cnf shell_escape_commands) and respects openout_any=p. makeglossaries is not
// used: it builds a shell command from \@istfilename in the .aux, which a document
// writes, so a document could run any command through it. makeindex with the style the
// glossaries package writes (JOB.ist) builds the default glossary and the acronyms the
// same way makeglossaries does for makeindex-based documents.
const char rules[] = R"PERL(# Coauthor's built-in latexmk rules (generated for each compile; edits are overwritten).
# Each rule runs its program with list-form system(): no shell, only the job's files.

# nomencl: \makenomenclature writes JOB.nlo, \printnomenclature reads JOB.nls.
add_cus_dep('nlo', 'nls', 0, 'coauthor_nomencl');
sub coauthor_nomencl {
    return system('makeindex', '-q', '-s', 'nomencl.ist', '-t', "$_[0].nlg", '-o', "$_[0].nls", "$_[0].nlo");
}

# glossaries (makeindex): \makeglossaries writes JOB.glo, JOB.acn and the style JOB.ist.
add_cus_dep('glo', 'gls', 0, 'coauthor_glossary');
sub coauthor_glossary { return coauthor_makeindex_glossary($_[0], 'glo', 'gls', 'glg'); }
add_cus_dep('acn', 'acr', 0, 'coauthor_acronyms');
sub coauthor_acronyms { return coauthor_makeindex_glossary($_[0], 'acn', 'acr', 'alg'); }
sub coauthor_makeindex_glossary {
    my ($base, $in, $out, $transcript) = @_;
    my @style = (-f "$base.ist" && !-l "$base.ist") ? ('-s', "$base.ist") : ();
    return system('makeindex', '-q', @style, '-t', "$base.$transcript", '-o', "$base.$out", "$base.$in");
}

push @generated_exts, 'nlo', 'nls', 'nlg', 'glo', 'gls', 'glg', 'acn', 'acr', 'alg', 'ist';

# multibib (\newcites{sec}: sec.aux → sec.bbl) and bibtopic (btSect: JOB1.aux, JOB2.aux, …)
# need no rule: latexmk runs bibtex on every .aux whose .bbl the log says is missing.
)PERL";

// upLaTeX makes DVI; latexmk's -pdfdvi then runs $dvipdf. upbibtex and upmendex read
// UTF-8 Japanese where bibtex and makeindex would not.
const char upLatexRules[] = R"PERL(
# upLaTeX (Japanese): uplatex → DVI → dvipdfmx.
$latex = 'uplatex %O %S';
$bibtex = 'upbibtex %O %S';
$makeindex = 'upmendex %O -o %D %S';
$dvipdf = 'dvipdfmx %O -o %D %S';
)PERL";

// bib2gls is a Java program outside TeX Live's safe list; it runs only where the local
// user has already allowed the project to run programs (full shell escape), and only where
// it is installed (otherwise latexmk would report a failed rule instead of the missing
// glossary). The .bib files it read (its JOB.glg says which) become the rule's sources, so
// an edit to one runs it again, as latexmk does for bibtex.
const char bib2glsRules[] = R"PERL(
# bib2gls (only with the local user's full shell escape): JOB.aux → JOB.glstex.
add_cus_dep('aux', 'glstex', 0, 'coauthor_bib2gls');
sub coauthor_bib2gls {
    my $base = $_[0];
    my $ret = system('bib2gls', ($silent ? ('--silent') : ()), $base);
    if ($ret == 0 && open(my $glg, '<', "$base.glg")) {
        while (my $line = <$glg>) {
            rdb_ensure_file($rule, $1) if $line =~ /^Reading (.*\.bib)\s*$/;
        }
        close $glg;
    }
    return $ret;
}
push @generated_exts, 'glstex', 'glg';
)PERL";

} // namespace

bool BuiltInRules::bib2glsInstalled()
{
    // TeX Live's bib2gls is a script that starts Java, which Debian's package does not pull in.
    return !QStandardPaths::findExecutable(QStringLiteral("bib2gls")).isEmpty()
        && !QStandardPaths::findExecutable(QStringLiteral("java")).isEmpty();
}

QString BuiltInRules::text(const CompileOptions &options)
{
    QString text = QString::fromUtf8(rules);
    if (options.engine == Engine::UpLaTeX)
        text += QString::fromUtf8(upLatexRules);
    if (options.shellEscape == ShellEscape::Full && bib2glsInstalled())
        text += QString::fromUtf8(bib2glsRules);
    return text;
}

bool BuiltInRules::write(const QString &path, const CompileOptions &options)
{
    const QByteArray content = text(options).toUtf8();
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == content)
        return true;
    existing.close();
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() && file.commit();
}

} // namespace coauthor::compile
