#include "compile/pdfsplice.h"

#include <QFile>
#include <QSet>

// qpdf 11 without its deprecated PointerHolder (std::shared_ptr throughout).
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNameTreeObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace coauthor::compile {

namespace {

// References from the partial build's copied objects to its own pages cannot be copied
// (qpdf nulls them), so before copying they are replaced by this name plus the page's
// index; after copying, the same walk that moves references off the replaced pages turns
// each placeholder into the base page that page stands for.
const std::string placeholderPrefix = "/CoauthorSplicePartPage";

// Returns the replacement for an element met during a walk, or an uninitialized handle to
// keep it. Called for indirect references (before they are entered) and for names.
using Replace = std::function<QPDFObjectHandle(const QPDFObjectHandle &)>;

// Visits every array and dictionary reachable from roots (each indirect object once,
// iteratively: outline /Next chains are long) and replaces elements as replace says.
// /Parent is not followed when skipParent: from a page it leads to the whole page tree.
void walk(const std::vector<QPDFObjectHandle> &roots, const Replace &replace, bool skipParent)
{
    std::set<QPDFObjGen> seen;
    std::vector<QPDFObjectHandle> stack;
    for (const QPDFObjectHandle &root : roots) {
        if (root.isIndirect() && !seen.insert(root.getObjGen()).second)
            continue;
        stack.push_back(root);
    }
    // Returns the element to store instead of child, or an uninitialized handle.
    const auto visitChild = [&](QPDFObjectHandle child) -> QPDFObjectHandle {
        if (child.isIndirect() || child.isName()) {
            QPDFObjectHandle replacement = replace(child);
            if (replacement.isInitialized())
                return replacement;
        }
        if (child.isIndirect() && !seen.insert(child.getObjGen()).second)
            return QPDFObjectHandle();
        if (child.isArray() || child.isDictionary() || child.isStream())
            stack.push_back(child);
        return QPDFObjectHandle();
    };
    while (!stack.empty()) {
        QPDFObjectHandle object = stack.back();
        stack.pop_back();
        if (object.isStream())
            object = object.getDict();
        if (object.isArray()) {
            const int count = object.getArrayNItems();
            for (int i = 0; i < count; ++i) {
                QPDFObjectHandle replacement = visitChild(object.getArrayItem(i));
                if (replacement.isInitialized())
                    object.setArrayItem(i, replacement);
            }
        } else if (object.isDictionary()) {
            for (const std::string &key : object.getKeys()) {
                if (skipParent && key == "/Parent")
                    continue;
                QPDFObjectHandle replacement = visitChild(object.getKey(key));
                if (replacement.isInitialized())
                    object.replaceKey(key, replacement);
            }
        }
    }
}

// The object a destination (an explicit [page ...] array, or a dictionary with /D) points
// to; 0 0 when it holds no reference.
QPDFObjGen destinationPage(QPDFObjectHandle destination)
{
    if (destination.isDictionary())
        destination = destination.getKey("/D");
    if (!destination.isArray() || destination.getArrayNItems() < 1)
        return QPDFObjGen();
    const QPDFObjectHandle page = destination.getArrayItem(0);
    return page.isIndirect() ? page.getObjGen() : QPDFObjGen();
}

// A document's named destinations: the /Names /Dests tree and the PDF 1.1 /Dests dictionary.
std::map<std::string, QPDFObjectHandle> namedDestinations(QPDF &pdf)
{
    std::map<std::string, QPDFObjectHandle> names;
    QPDFObjectHandle root = pdf.getRoot();
    QPDFObjectHandle oldDests = root.getKey("/Dests");
    if (oldDests.isDictionary()) {
        for (const auto &[key, value] : oldDests.getDictAsMap())
            names[key.substr(1)] = value; // dictionary keys are names: "/chapter.2"
    }
    QPDFObjectHandle nameTrees = root.getKey("/Names");
    if (nameTrees.isDictionary() && nameTrees.getKey("/Dests").isDictionary()) {
        QPDFNameTreeObjectHelper tree(nameTrees.getKey("/Dests"), pdf);
        for (const auto &[key, value] : tree)
            names[key] = value;
    }
    return names;
}

class Splicer
{
public:
    Splicer(const QList<int> &partToBasePage, const QList<int> &replacingPartPages)
        : m_partToBasePage(partToBasePage)
        , m_replacingPartPages(replacingPartPages)
    {
    }

    bool load(const QString &basePdf, const QString &partPdf, QString *error);
    bool checkMapping(QString *error) const;
    QByteArray splice();

private:
    void markPartPageReferences(std::map<std::string, QPDFObjectHandle> &partNames);
    void mergeNamedDestinations(const std::map<std::string, QPDFObjectHandle> &partNames);
    void movePageReferences();

    const QList<int> &m_partToBasePage;
    const QList<int> &m_replacingPartPages;
    QPDF m_base;
    QPDF m_part;
    std::vector<QPDFPageObjectHelper> m_basePages;
    std::vector<QPDFPageObjectHelper> m_partPages;
    std::map<QPDFObjGen, int> m_partPageIndex;    // part page object -> 0-based index
    std::map<QPDFObjGen, int> m_replacedBaseIndex; // replaced base page -> 0-based base index
    // After the swap: the page at each base index (replacements included).
    std::vector<QPDFObjectHandle> m_newBasePages;
    std::set<QPDFObjGen> m_replacingPartObjects;
};

bool Splicer::load(const QString &basePdf, const QString &partPdf, QString *error)
{
    for (const auto &[pdf, path] : {std::pair<QPDF *, QString>(&m_base, basePdf), {&m_part, partPdf}}) {
        if (!QFile::exists(path)) {
            *error = QStringLiteral("The PDF %1 does not exist.").arg(path);
            return false;
        }
        pdf->setSuppressWarnings(true);
        pdf->processFile(QFile::encodeName(path).constData());
        if (pdf->isEncrypted()) {
            *error = QStringLiteral("The PDF %1 is encrypted.").arg(path);
            return false;
        }
    }
    m_basePages = QPDFPageDocumentHelper(m_base).getAllPages();
    m_partPages = QPDFPageDocumentHelper(m_part).getAllPages();
    return checkMapping(error);
}

bool Splicer::checkMapping(QString *error) const
{
    const int baseCount = int(m_basePages.size());
    const int partCount = int(m_partPages.size());
    if (m_partToBasePage.size() != partCount) {
        *error = QStringLiteral("The partial build has %1 pages but its page map lists %2.")
                     .arg(partCount)
                     .arg(m_partToBasePage.size());
        return false;
    }
    for (int i = 0; i < partCount; ++i) {
        if (m_partToBasePage[i] < 1 || m_partToBasePage[i] > baseCount) {
            *error = QStringLiteral("Page %1 of the partial build maps to page %2, which the complete build (%3 pages) does not have.")
                         .arg(i + 1)
                         .arg(m_partToBasePage[i])
                         .arg(baseCount);
            return false;
        }
    }
    QSet<int> parts, bases;
    for (int page : m_replacingPartPages) {
        if (page < 1 || page > partCount) {
            *error = QStringLiteral("Replacing page %1 is not a page of the partial build (%2 pages).")
                         .arg(page)
                         .arg(partCount);
            return false;
        }
        const int basePage = m_partToBasePage[page - 1];
        if (parts.contains(page) || bases.contains(basePage)) {
            *error = QStringLiteral("Page %1 of the complete build would be replaced twice.").arg(basePage);
            return false;
        }
        parts.insert(page);
        bases.insert(basePage);
    }
    return true;
}

// Replaces, in everything reachable from the replacing pages and from the partial build's
// named destinations of those pages, each reference to a page of the partial build by its
// placeholder. Must run before anything is copied (qpdf copies an object once).
void Splicer::markPartPageReferences(std::map<std::string, QPDFObjectHandle> &partNames)
{
    for (int i = 0; i < int(m_partPages.size()); ++i)
        m_partPageIndex[m_partPages[size_t(i)].getObjectHandle().getObjGen()] = i;
    std::vector<QPDFObjectHandle> roots;
    for (int page : m_replacingPartPages) {
        QPDFObjectHandle object = m_partPages[size_t(page - 1)].getObjectHandle();
        m_replacingPartObjects.insert(object.getObjGen());
        roots.push_back(object);
    }
    for (auto it = partNames.begin(); it != partNames.end();) {
        if (!m_replacingPartObjects.count(destinationPage(it->second))) {
            it = partNames.erase(it); // only the replacing pages' names are taken
            continue;
        }
        // copyForeignObject copies indirect objects only.
        if (!it->second.isIndirect())
            it->second = m_part.makeIndirectObject(it->second);
        roots.push_back(it->second);
        ++it;
    }
    walk(roots, [this](const QPDFObjectHandle &object) {
        if (!object.isIndirect())
            return QPDFObjectHandle();
        const auto it = m_partPageIndex.find(object.getObjGen());
        if (it == m_partPageIndex.end())
            return QPDFObjectHandle();
        return QPDFObjectHandle::newName(placeholderPrefix + std::to_string(it->second));
    }, true);
}

// The base's names, with those the partial build defines on its replacing pages taken from
// it. A base name whose target is not replaced keeps it (pdfTeX "fixes" names the partial
// build references but lacks, such as labels of chapters left out, to some page of its own).
// Base names on replaced pages that the partial build lacks keep their entry and are moved
// to the replacement by movePageReferences.
void Splicer::mergeNamedDestinations(const std::map<std::string, QPDFObjectHandle> &partNames)
{
    QPDFObjectHandle root = m_base.getRoot();
    QPDFObjectHandle oldDests = root.getKey("/Dests");
    QPDFObjectHandle nameTrees = root.getKey("/Names");
    std::optional<QPDFNameTreeObjectHelper> tree;
    if (nameTrees.isDictionary() && nameTrees.getKey("/Dests").isDictionary()) {
        tree.emplace(nameTrees.getKey("/Dests"), m_base);
    } else if (!oldDests.isDictionary() && !partNames.empty()) {
        if (!nameTrees.isDictionary()) {
            nameTrees = m_base.makeIndirectObject(QPDFObjectHandle::newDictionary());
            root.replaceKey("/Names", nameTrees);
        }
        tree.emplace(QPDFNameTreeObjectHelper::newEmpty(m_base));
        nameTrees.replaceKey("/Dests", tree->getObjectHandle());
    }
    for (const auto &[name, partValue] : partNames) {
        const std::string key = "/" + name;
        QPDFObjectHandle baseValue;
        bool inBase = false;
        if (tree && tree->findObject(name, baseValue))
            inBase = true;
        else if (oldDests.isDictionary() && oldDests.hasKey(key))
            baseValue = oldDests.getKey(key), inBase = true;
        if (inBase && !m_replacedBaseIndex.count(destinationPage(baseValue)))
            continue;
        const QPDFObjectHandle value = m_base.copyForeignObject(partValue);
        if (oldDests.isDictionary() && (oldDests.hasKey(key) || !tree))
            oldDests.replaceKey(key, value);
        if (tree)
            tree->insert(name, value); // replaces an entry of the same name
    }
}

// Every reference in the document to a replaced page now points to its replacement, and
// every placeholder to the page of the result its page of the partial build stands for.
void Splicer::movePageReferences()
{
    std::map<QPDFObjGen, QPDFObjectHandle> moved;
    for (const auto &[objGen, index] : m_replacedBaseIndex)
        moved[objGen] = m_newBasePages[size_t(index)];
    walk({m_base.getTrailer()}, [&](const QPDFObjectHandle &object) {
        if (object.isIndirect()) {
            const auto it = moved.find(object.getObjGen());
            return it == moved.end() ? QPDFObjectHandle() : it->second;
        }
        const std::string name = QPDFObjectHandle(object).getName();
        if (name.compare(0, placeholderPrefix.size(), placeholderPrefix) != 0)
            return QPDFObjectHandle();
        const int partIndex = std::stoi(name.substr(placeholderPrefix.size()));
        return m_newBasePages[size_t(m_partToBasePage[partIndex] - 1)];
    }, false);
}

QByteArray Splicer::splice()
{
    std::map<std::string, QPDFObjectHandle> partNames = namedDestinations(m_part);
    markPartPageReferences(partNames);

    QPDFPageDocumentHelper basePages(m_base);
    for (int page : m_replacingPartPages) {
        const int baseIndex = m_partToBasePage[page - 1] - 1;
        m_replacedBaseIndex[m_basePages[size_t(baseIndex)].getObjectHandle().getObjGen()] = baseIndex;
        // addPageAt copies a foreign page with its resources (fonts, images) and sets /Parent.
        basePages.addPageAt(m_partPages[size_t(page - 1)], false, m_basePages[size_t(baseIndex)]);
        basePages.removePage(m_basePages[size_t(baseIndex)]);
    }
    for (const QPDFPageObjectHelper &page : basePages.getAllPages())
        m_newBasePages.push_back(page.getObjectHandle());

    mergeNamedDestinations(partNames);
    movePageReferences();

    // Only objects reachable from the trailer are written: the replaced pages and their
    // fonts go, so splicing a spliced file again does not grow it.
    QPDFWriter writer(m_base);
    writer.setOutputMemory();
    writer.setObjectStreamMode(qpdf_o_generate);
    writer.write();
    const std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    return QByteArray(reinterpret_cast<const char *>(buffer->getBuffer()), qsizetype(buffer->getSize()));
}

} // namespace

std::optional<QByteArray> splicePdf(const QString &basePdf, const QString &partPdf,
                                    const QList<int> &partToBasePage, const QList<int> &replacingPartPages,
                                    QString *error)
{
    try {
        Splicer splicer(partToBasePage, replacingPartPages);
        if (!splicer.load(basePdf, partPdf, error))
            return std::nullopt;
        return splicer.splice();
    } catch (const std::exception &e) {
        // QPDFExc's text names the file and the object: "file.pdf (object 12 0): ...".
        *error = QStringLiteral("The PDFs could not be spliced: %1").arg(QString::fromStdString(e.what()));
        return std::nullopt;
    }
}

} // namespace coauthor::compile
