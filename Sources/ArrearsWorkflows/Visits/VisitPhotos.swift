import ArrearsCore
import ArrearsStore
import Foundation

/// A field visit's photos (issue 5: the report's "photos optional"): JPEG or PNG files of at
/// most 5 MiB, at most `maximumPhotos` per visit, stored sealed as the visit's attachments. Only
/// the visit's own team adds them, with the report or after it; every upload is audited
/// `visit_photo_added` (with the file's SHA-256) and every download `view_personal_data`, each in
/// its own transaction with what it records.
extension VisitBook {
    /// A door, the street, a paper the customer showed: enough to document a visit.
    public static let maximumPhotos = 10

    /// Adds a photo to the team's own visit (`VisitWorkflow.addPhoto`).
    public func addPhoto(_ id: String, _ upload: AttachmentUpload, agentId: String, by actor: String, now: Date = Date()) async throws -> StoredAttachment {
        try await workflow.addPhoto(id, upload, agentId: agentId, by: actor, now: now)
    }

    /// The visit's photos, oldest first, without their bytes.
    public func photos(of id: String) async throws -> [StoredAttachment] { try await workflow.photos(of: id) }

    /// The photos of each of the visits.
    public func photos(of ids: [String]) async throws -> [String: [StoredAttachment]] { try await workflow.photos(of: ids) }

    /// A photo of the visit with its bytes, its view recorded (`VisitWorkflow.photo`).
    public func photo(_ id: String, attachment attachmentId: String, agentId: String?, by actor: String,
                      now: Date = Date()) async throws -> (attachment: StoredAttachment, bytes: Data) {
        try await workflow.photo(id, attachment: attachmentId, agentId: agentId, by: actor, now: now)
    }

    /// The uploads checked as photos, refused before anything is written when one is not a
    /// photo or they are more than a visit may have.
    static func checkedPhotos(_ uploads: [AttachmentUpload], adding stored: Int) throws -> [AttachmentUpload.Checked] {
        try checkCount(stored + uploads.count, field: uploads.first?.field)
        return try uploads.map { upload throws(AttachmentError) in try upload.checked(allowing: AttachmentType.photos) }
    }

    private static func checkCount(_ count: Int, field: String?) throws(AttachmentError) {
        guard count <= maximumPhotos else { throw .invalid(field: field ?? "photos", message: "a visit has at most \(maximumPhotos) photos") }
    }

    /// Stores checked photos as the visit's, within the limit counted in this transaction, each
    /// audited `visit_photo_added`.
    @discardableResult
    static func storePhotos(_ files: [AttachmentUpload.Checked], of id: String, customerId: String, by actor: String, at now: Date,
                            records: any VisitTransaction) async throws -> [StoredAttachment] {
        guard !files.isEmpty else { return [] }
        try checkCount(try await records.photoCount(ofVisit: id) + files.count, field: files.first?.upload.field)
        var stored: [StoredAttachment] = []
        for file in files {
            stored.append(try await records.insertPhoto(file, ofVisit: id, by: actor, at: now))
        }
        try await records.audit(stored.map { photo in
            AuditEvent(actor: actor, action: "visit_photo_added", subject: customerId, details: [
                "visit_id": id, "attachment_id": photo.id, "file_name": photo.fileName, "content_type": photo.contentType,
                "byte_count": String(photo.byteCount), "sha256": photo.sha256,
            ])
        }, at: now)
        return stored
    }
}

extension VisitWorkflow {
    /// Adds a photo to the team's own visit (`agentId`; another team's is not found), within
    /// `VisitBook.maximumPhotos`, audited `visit_photo_added`.
    public func addPhoto(_ id: String, _ upload: AttachmentUpload, agentId: String, by actor: String, now: Date = Date()) async throws -> StoredAttachment {
        let files = try VisitBook.checkedPhotos([upload], adding: 0)
        return try await records.transaction { records in
            guard let customerId = try await records.customerId(ofVisit: id, agentId: agentId) else { throw WorkbenchError.notFound(field: "id", id: id) }
            let stored = try await VisitBook.storePhotos(files, of: id, customerId: customerId, by: actor, at: now, records: records)
            guard let photo = stored.first else { throw AttachmentError.invalid(field: upload.field, message: "the file is empty") }
            return photo
        }
    }

    /// The visit's photos, oldest first, without their bytes.
    public func photos(of id: String) async throws -> [StoredAttachment] { try await records.photos(ofVisits: [id])[id] ?? [] }

    /// The photos of each of the visits.
    public func photos(of ids: [String]) async throws -> [String: [StoredAttachment]] {
        guard !ids.isEmpty else { return [:] }
        return try await records.photos(ofVisits: ids)
    }

    /// A photo of the visit with its bytes, its view recorded as `view_personal_data` in the
    /// transaction that reads it. With `agentId` the visit must be that team's: another team's is
    /// not found.
    public func photo(_ id: String, attachment attachmentId: String, agentId: String?, by actor: String,
                      now: Date = Date()) async throws -> (attachment: StoredAttachment, bytes: Data) {
        try await records.transaction { records in
            guard let customerId = try await records.customerId(ofVisit: id, agentId: agentId) else { throw WorkbenchError.notFound(field: "id", id: id) }
            guard let read = try await records.photo(attachmentId, ofVisit: id) else { throw AttachmentError.notFound(field: "attachment_id", id: attachmentId) }
            try await records.audit([read.attachment.viewed(by: actor, customerId: customerId, reason: "photo of visit \(id)")], at: now)
            return read
        }
    }
}
