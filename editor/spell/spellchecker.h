// SpellChecker: one Hunspell dictionary (a language's .aff and .dic): whether
// a word is spelled right, and suggestions. Words go to Hunspell in the
// dictionary's own encoding (the .aff's SET line). Not thread-safe: load it
// anywhere (SpellDictionaries loads on a worker thread), then use it from one
// thread (the GUI thread).
#pragma once

#include <QHash>
#include <QString>
#include <QStringDecoder>
#include <QStringEncoder>
#include <QStringList>

#include <memory>

class Hunspell;

namespace coauthor::spell {

class SpellChecker
{
public:
    // Reads the dictionary; null with *error set (a sentence) when it cannot.
    static std::unique_ptr<SpellChecker> load(const QString &language, const QString &affPath,
                                              const QString &dicPath, QString *error);
    ~SpellChecker();
    Q_DISABLE_COPY_MOVE(SpellChecker)

    QString language() const { return m_language; }
    // The .aff's SET (ISO8859-1 when it has none, as Hunspell assumes).
    QString encoding() const { return m_encoding; }

    // True for a word the dictionary knows (or one added). A word with letters
    // the dictionary's encoding cannot hold is not its language's: true.
    bool isCorrect(const QString &word) const;
    // Hunspell's suggestions, best first, at most max.
    QStringList suggestions(const QString &word, int max = 7) const;
    // Adds a word for the life of this checker (Hunspell's runtime word list).
    void addWord(const QString &word);

    // The SET of an .aff file's text; empty when it has none.
    static QString affixEncoding(const QByteArray &affText);

private:
    SpellChecker() = default;
    bool encode(const QString &word, std::string *out) const;

    QString m_language;
    QString m_encoding;
    std::unique_ptr<Hunspell> m_hunspell;
    mutable QStringEncoder m_encoder;
    mutable QStringDecoder m_decoder;
    mutable QHash<QString, bool> m_known; // answers so far: a document repeats its words
};

} // namespace coauthor::spell
