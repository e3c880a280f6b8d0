import ArrearsCore
import ArrearsStore
import Foundation

/// Uploaded legal documents (issue 5: a legal case has its documents): a PDF, or a JPEG or PNG
/// photo of a paper, of at most 5 MiB, stored sealed as an attachment of the legal case and
/// listed as a document of kind `upload`. Closed cases take them too: papers come late. The
/// upload is audited `legal_document_added` (with the file's id) and every download
/// `view_personal_data`, each in the transaction of what it records (`LegalCaseWorkflow`'s
/// rules, `LegalCaseDocuments.swift`).
extension LegalBook {
    public static let uploadKind = "upload"

    /// Stores `upload` as a document of the case named `name` (its file name when empty);
    /// returns the document's id.
    public func addFile(_ id: String, name: String?, _ upload: AttachmentUpload, by actor: String, now: Date = Date()) async throws -> String {
        try await cases.addFile(id, name: name, upload, by: actor, now: now)
    }

    /// An uploaded document's file with its bytes, its view recorded as `view_personal_data`;
    /// a document that is not an upload (a letter, a name) is not found.
    public func documentFile(_ id: String, document documentId: String, by actor: String,
                             now: Date = Date()) async throws -> (attachment: StoredAttachment, bytes: Data) {
        try await cases.documentFile(id, document: documentId, by: actor, now: now)
    }
}
