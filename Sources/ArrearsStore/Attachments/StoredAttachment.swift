import SQLKit

/// An uploaded file as stored, without its bytes: what a list shows and a download is named by.
public struct StoredAttachment: Sendable, Equatable {
    /// What a file belongs to: a field visit (its photos) or a legal case (its documents).
    public enum OwnerKind: String, Sendable {
        case visit
        case legalCase = "legal_case"
    }

    public let id: String
    public let ownerKind: OwnerKind
    public let ownerId: String
    public let fileName: String
    public let contentType: String
    public let byteCount: Int
    /// SHA-256 of the plaintext bytes, hex.
    public let sha256: String
    public let uploadedBy: String
    public let uploadedAt: String

    static let columns = "id, owner_kind, owner_id, file_name, content_type, byte_count, sha256, uploaded_by, uploaded_at"

    /// An attachment as a test or a repository kept outside the database builds it.
    public init(id: String, ownerKind: OwnerKind, ownerId: String, fileName: String, contentType: String, byteCount: Int, sha256: String,
                uploadedBy: String, uploadedAt: String) {
        self.id = id
        self.ownerKind = ownerKind
        self.ownerId = ownerId
        self.fileName = fileName
        self.contentType = contentType
        self.byteCount = byteCount
        self.sha256 = sha256
        self.uploadedBy = uploadedBy
        self.uploadedAt = uploadedAt
    }

    init(_ row: any SQLRow) throws {
        id = try row.decode(column: "id", as: String.self)
        ownerKind = OwnerKind(rawValue: try row.decode(column: "owner_kind", as: String.self)) ?? .visit
        ownerId = try row.decode(column: "owner_id", as: String.self)
        fileName = try row.decode(column: "file_name", as: String.self)
        contentType = try row.decode(column: "content_type", as: String.self)
        byteCount = try row.decode(column: "byte_count", as: Int.self)
        sha256 = try row.decode(column: "sha256", as: String.self)
        uploadedBy = try row.decode(column: "uploaded_by", as: String.self)
        uploadedAt = try row.decode(column: "uploaded_at", as: String.self)
    }
}
