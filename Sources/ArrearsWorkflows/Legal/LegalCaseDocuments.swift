import ArrearsCore
import ArrearsStore
import Foundation

/// A legal case's documents over the legal book's rows (`LegalCaseTransaction`): a name of a
/// file kept elsewhere or a text (`addDocument`), a demand letter (`DemandLetters`), an uploaded
/// file (`addFile`). Each is added in one transaction with its audit entry
/// `legal_document_added`; reading a text or a file records `view_personal_data` in the
/// transaction that reads it: no reading without its record. Closed cases take documents too:
/// papers come late.
extension LegalCaseWorkflow {
    /// Adds a document: the name of a file kept elsewhere, or its text; its id.
    public func addDocument(_ id: String, _ document: LegalBook.NewDocument, by actor: String, now: Date = Date()) async throws -> String {
        try await repository.transaction { records in try await Self.addDocument(id, document, by: actor, now: now, records: records) }
    }

    /// Adds `document` to legal case `id` in the caller's transaction. `attachmentId` names the
    /// uploaded file the document is (`addFile`); `payBy` is the date a demand letter gives the
    /// customer. The name is 1 to `LegalBook.maximumDescriptionLength` characters, and the
    /// document is a file name or a text, one of them.
    static func addDocument(_ id: String, _ document: LegalBook.NewDocument, attachmentId: String? = nil, payBy: LocalDate? = nil, by actor: String,
                            now: Date, records: any LegalCaseTransaction) async throws -> String {
        guard !document.name.isEmpty, document.name.count <= LegalBook.maximumDescriptionLength else {
            throw LegalError.invalid(field: "name", message: "1 to \(LegalBook.maximumDescriptionLength) characters")
        }
        guard (document.fileName == nil) != (document.body == nil) else { throw LegalError.invalid(field: "file_name", message: "give a file name or the text, one of them") }
        guard let customerId = try await records.customerId(ofLegalCase: id) else { throw LegalError.notFound(field: "id", id: id) }
        let documentId = "LDOC-" + UUID().uuidString.lowercased()
        try await records.insert(NewLegalDocument(id: documentId, legalCaseId: id, name: document.name, kind: document.kind, fileName: document.fileName,
                                                  body: document.body, language: document.language, createdBy: actor,
                                                  createdAt: ContactRecords.timestamp(now), attachmentId: attachmentId, payBy: payBy))
        var details = ["legal_case_id": id, "document_id": documentId, "kind": document.kind]
        details["attachment_id"] = attachmentId
        details["pay_by"] = payBy?.description
        try await records.audit([AuditEvent(actor: actor, action: "legal_document_added", subject: customerId, details: details)], at: now)
        return documentId
    }

    /// A document's text (a letter with the customer's address), its reading recorded as
    /// `view_personal_data` when it has one; a document of another case is not found.
    public func documentText(_ id: String, document documentId: String, by actor: String,
                             now: Date = Date()) async throws -> (document: StoredLegalCase.Document, body: String?) {
        try await repository.transaction { records in
            guard let found = try await records.document(documentId, ofLegalCase: id) else { throw LegalError.notFound(field: "document", id: documentId) }
            if found.body != nil {
                try await records.audit([AuditEvent(actor: actor, action: "view_personal_data", subject: found.customerId,
                                                    details: ["fields": "address,name", "reason": "legal document \(documentId) of \(id)"])], at: now)
            }
            return (found.document, found.body)
        }
    }

    /// Stores `upload` (a PDF, JPEG or PNG of at most 5 MiB) as a document of kind
    /// `LegalBook.uploadKind` named `name` (its file name when empty); its id.
    public func addFile(_ id: String, name: String?, _ upload: AttachmentUpload, by actor: String, now: Date = Date()) async throws -> String {
        let file = try upload.checked(allowing: AttachmentType.documents)
        let title = name.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } ?? file.upload.fileName
        return try await repository.transaction { records in
            guard try await records.customerId(ofLegalCase: id) != nil else { throw LegalError.notFound(field: "id", id: id) }
            let attachment = try await records.insertFile(file, ofLegalCase: id, by: actor, at: now)
            return try await Self.addDocument(id, LegalBook.NewDocument(name: title, kind: LegalBook.uploadKind, fileName: attachment.fileName),
                                              attachmentId: attachment.id, by: actor, now: now, records: records)
        }
    }

    /// An uploaded document's file with its bytes, its reading recorded as `view_personal_data`;
    /// a document that is not an upload (a letter, a name) is not found.
    public func documentFile(_ id: String, document documentId: String, by actor: String,
                             now: Date = Date()) async throws -> (attachment: StoredAttachment, bytes: Data) {
        try await repository.transaction { records in
            guard let found = try await records.document(documentId, ofLegalCase: id), let attachmentId = found.attachmentId,
                  let read = try await records.file(attachmentId, ofLegalCase: id)
            else { throw LegalError.notFound(field: "document", id: documentId) }
            try await records.audit([read.attachment.viewed(by: actor, customerId: found.customerId, reason: "legal document \(documentId) of \(id)")], at: now)
            return read
        }
    }
}
