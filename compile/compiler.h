#pragma once

#include "compile/compilerequest.h"
#include "compile/compileresult.h"
#include "compile/fastrecompile.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>

namespace coauthor::compile {

class Sandbox;

// The local compile service (Overleaf's clsi, local): syncs a request's files into a
// per-project compile directory under the cache root, runs latexmk with a timeout, the
// service's own rules (BuiltInRules) and TeX Live's restricted shell escape, and
// publishes the outputs into a build directory. An incremental compile runs the engine
// itself where it can (FastRecompile: latexmk's flags, its own reruns, a precompiled
// preamble) and latexmk where something must be decided.
// One compile per project at a time: a second request while one runs returns Busy.
class Compiler : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Compiler)

public:
    // cacheRoot empty: QStandardPaths::CacheLocation + "/compiles".
    explicit Compiler(const QString &cacheRoot = {}, QObject *parent = nullptr);
    ~Compiler() override;

    QString cacheRoot() const;

    // Every later compile runs inside the sandbox (compile workers): latexmk, the fast path's
    // engine passes, its preamble dumps and their checks; null: none.
    // Set before the first compile.
    void setSandbox(std::shared_ptr<const Sandbox> sandbox) { m_sandbox = std::move(sandbox); }
    // How incremental compiles run (default: the engine on a verified preamble format).
    // Set before compiles start; the benchmark and the tests compare the three.
    using RecompileStrategy = FastRecompile::Strategy;
    void setRecompileStrategy(RecompileStrategy strategy) { m_strategy = strategy; }
    RecompileStrategy recompileStrategy() const { return m_strategy; }

    // Blocking; safe to call from any thread.
    CompileResult run(const CompileRequest &request);

    // Runs off the calling thread; emits finished() on the Compiler's thread.
    void start(const CompileRequest &request);

    // Stops a running compile of the project (its result is Error "cancelled").
    void cancel(const QString &projectId);

    // Removes the project's compile directory, sync state and builds.
    bool clearCache(const QString &projectId);

Q_SIGNALS:
    void finished(const coauthor::compile::CompileResult &result);

private:
    // The project's folder under the cache root (compile dir, state, builds, lock).
    QString projectRoot(const QString &projectId) const;

    QString m_cacheRoot;
    std::shared_ptr<const Sandbox> m_sandbox;
    RecompileStrategy m_strategy = RecompileStrategy::EngineWithFormat;
    // start()ed compiles run here, not in the global pool: a compile may take
    // minutes and must not starve other QtConcurrent users. Awaited by the destructor.
    QThreadPool m_pool;
};

} // namespace coauthor::compile

Q_DECLARE_METATYPE(coauthor::compile::CompileResult)
