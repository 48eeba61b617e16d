#include "compile/compilerequest.h"

namespace coauthor::compile {

QString engineName(Engine engine)
{
    switch (engine) {
    case Engine::PdfLaTeX:
        return QStringLiteral("pdflatex");
    case Engine::XeLaTeX:
        return QStringLiteral("xelatex");
    case Engine::LuaLaTeX:
        return QStringLiteral("lualatex");
    case Engine::UpLaTeX:
        return QStringLiteral("uplatex");
    }
    return QString();
}

std::optional<Engine> engineFromName(const QString &name)
{
    for (Engine engine : {Engine::PdfLaTeX, Engine::XeLaTeX, Engine::LuaLaTeX, Engine::UpLaTeX}) {
        if (engineName(engine) == name)
            return engine;
    }
    return std::nullopt;
}

} // namespace coauthor::compile
