import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Uploaded legal documents (issue 5: a legal case has its documents): a PDF, or a JPEG or PNG
/// photo of a paper, of at most 5 MiB, stored sealed as an attachment of the legal case and
/// listed as a document of kind `upload`. Closed cases take them too: papers come late. The
/// upload is audited `legal_document_added` (with the file's id) and every download
/// `view_personal_data`, each in the transaction of what it records.
extension LegalBook {
    public static let uploadKind = "upload"

    /// Stores `upload` as a document of the case named `name` (its file name when empty);
    /// returns the document's id.
    public func addFile(_ id: String, name: String?, _ upload: AttachmentUpload, by actor: String, now: Date = Date()) async throws -> String {
        let file = try upload.checked(allowing: AttachmentType.documents)
        let title = name.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } ?? file.upload.fileName
        let store = store
        return try await store.transaction { database in
            guard try await database.raw("SELECT id FROM legal_cases WHERE id = \(bind: id)").first() != nil else {
                throw LegalError.notFound(field: "id", id: id)
            }
            let attachment = try await AttachmentRecords.insert(file, owner: .legalCase, id, store: store, by: actor, at: now, on: database)
            return try await Self.addDocument(id, NewDocument(name: title, kind: Self.uploadKind, fileName: attachment.fileName), attachmentId: attachment.id,
                                              store: store, by: actor, now: now, on: database)
        }
    }

    /// An uploaded document's file with its bytes, its view recorded as `view_personal_data`;
    /// a document that is not an upload (a letter, a name) is not found.
    public func documentFile(_ id: String, document documentId: String, by actor: String,
                             now: Date = Date()) async throws -> (attachment: StoredAttachment, bytes: Data) {
        let store = store
        return try await store.transaction { database in
            guard let row = try await database.raw("""
                SELECT d.attachment_id, l.customer_id FROM legal_documents d JOIN legal_cases l ON l.id = d.legal_case_id
                WHERE d.id = \(bind: documentId) AND d.legal_case_id = \(bind: id)
                """).first(), let attachmentId = try row.decode(column: "attachment_id", as: String?.self),
                let read = try await AttachmentRecords.read(attachmentId, owner: .legalCase, id, customerId: try row.decode(column: "customer_id", as: String.self),
                                                            reason: "legal document \(documentId) of \(id)", store: store, by: actor, at: now, on: database)
            else { throw LegalError.notFound(field: "document", id: documentId) }
            return read
        }
    }
}
