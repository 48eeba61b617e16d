#pragma once
// ServiceError: why a server-side request failed, as a stable machine-readable code
// (sent on the wire) and a message for humans. Every store/updater call reports these.
#include <QString>

namespace coauthor::sync {

struct ServiceError
{
    // invalid_op, op_out_of_range, delete_mismatch, version_in_future, doc_too_large,
    // too_many_components, unknown_project, unknown_doc, not_found, read_only,
    // unauthorized, file_too_large, invalid_path, path_exists, invalid_text, storage_unavailable, internal.
    QString code;
    QString message;

    static ServiceError make(const QString &code, const QString &message) { return ServiceError{code, message}; }
    bool operator==(const ServiceError &) const = default;
};

} // namespace coauthor::sync
