#pragma once

// DocstoreBackend: the docstore tests run on every backend the server supports,
// SQLite and PostgreSQL, as rows of QtTest's global data (so each test function
// runs once per backend, reported as "test(sqlite)" and "test(postgresql)").
// PostgreSQL is the test executable's own PostgresCluster: never skipped; when it
// cannot start, the test fails with the reason.
//
//   void initTestCase_data() { DocstoreBackend::addRows(); }
//   void aTest() { auto where = DocstoreBackend::fresh(); QVERIFY2(where.ok(), …);
//                  auto store = where.value().open(); … }

#include "sync/common/result.h"
#include "sync/docstore/docstore.h"

#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>

class QTemporaryDir;

namespace coauthor::test {

class DocstoreLocation
{
public:
    DocstoreLocation(DocstoreLocation &&) noexcept;
    ~DocstoreLocation();

    bool isPostgres() const { return !m_url.isEmpty(); }
    // What Docstore::open takes: (url, dataDir), and what coauthor-server takes
    // (--docstore url, empty for SQLite in --data).
    QString url() const { return m_url; }
    QString dataDir() const;
    // Opens (again) the docstore there.
    sync::Result<std::unique_ptr<sync::Docstore>, QString> open() const;
    // Runs SQL directly on the database, outside the docstore (to look at what it
    // stored, or to make an old schema): the first column of every row.
    sync::Result<QStringList, QString> sql(const QString &statement, const QVariantList &values = {}) const;

private:
    friend class DocstoreBackend;
    DocstoreLocation() = default;
    QString m_url;
    std::unique_ptr<QTemporaryDir> m_dir;
};

class DocstoreBackend
{
public:
    // In initTestCase_data(): the column "backend" with the rows sqlite and postgresql.
    static void addRows();
    // The backend of the running row ("sqlite" or "postgresql").
    static QString current();
    // A new, empty docstore of the current backend.
    static sync::Result<DocstoreLocation, QString> fresh();
};

} // namespace coauthor::test
