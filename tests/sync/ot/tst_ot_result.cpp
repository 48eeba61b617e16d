// Result and OtError: the error-as-value types every module boundary uses.

#include "sync/ot/oterror.h"
#include "sync/common/result.h"

#include <QSet>
#include <QTest>

using namespace coauthor::sync::ot;
using coauthor::sync::Result;
using namespace Qt::StringLiterals;

class TestOtResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void successAndFailure();
    void voidResult();
    void sameValueAndErrorType();
    void codeNamesAreStable();
};

void TestOtResult::successAndFailure()
{
    auto ok = Result<QString, OtError>::success(u"text"_s);
    QVERIFY(ok.ok());
    QVERIFY(bool(ok));
    QCOMPARE(ok.value(), u"text"_s);
    ok.value() += u"!"_s;
    QCOMPARE(ok.takeValue(), u"text!"_s);

    const auto bad = Result<QString, OtError>::failure({OtError::Code::DeleteMismatch, u"nope"_s});
    QVERIFY(!bad.ok());
    QVERIFY(!bad);
    QCOMPARE(bad.error().code, OtError::Code::DeleteMismatch);
    QCOMPARE(bad.error().message, u"nope"_s);
}

void TestOtResult::voidResult()
{
    const auto ok = Result<void, OtError>::success();
    QVERIFY(ok.ok());
    const auto bad = Result<void, OtError>::failure({OtError::Code::TextTooLong, u"long"_s});
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().code, OtError::Code::TextTooLong);
}

void TestOtResult::sameValueAndErrorType()
{
    const auto ok = Result<QString, QString>::success(u"value"_s);
    const auto bad = Result<QString, QString>::failure(u"error"_s);
    QVERIFY(ok.ok());
    QVERIFY(!bad.ok());
    QCOMPARE(ok.value(), u"value"_s);
    QCOMPARE(bad.error(), u"error"_s);
}

void TestOtResult::codeNamesAreStable()
{
    using Code = OtError::Code;
    QCOMPARE(codeName(Code::PositionOutOfRange), u"position_out_of_range"_s);
    QCOMPARE(codeName(Code::DeleteMismatch), u"delete_mismatch"_s);
    QCOMPARE(codeName(Code::InvalidJson), u"invalid_json"_s);
    QCOMPARE(codeName(Code::UnknownField), u"unknown_field"_s);
    QCOMPARE(codeName(Code::MissingField), u"missing_field"_s);
    QCOMPARE(codeName(Code::WrongType), u"wrong_type"_s);
    QCOMPARE(codeName(Code::NegativePosition), u"negative_position"_s);
    QCOMPARE(codeName(Code::LoneSurrogate), u"lone_surrogate"_s);
    QCOMPARE(codeName(Code::EmptyComponent), u"empty_component"_s);
    QCOMPARE(codeName(Code::TooManyComponents), u"too_many_components"_s);
    QCOMPARE(codeName(Code::TextTooLong), u"text_too_long"_s);
}

QTEST_GUILESS_MAIN(TestOtResult)
#include "tst_ot_result.moc"
