import ArrearsCore
import Foundation

/// A file as it arrives: its name, the type its sender declared (if any) and its bytes, with
/// the field it came in, which every refusal names. `checked(allowing:)` is the one gate every
/// upload passes before anything is stored.
public struct AttachmentUpload: Sendable {
    /// 5 MiB: a phone's photo or a scanned judgment fits; a video does not.
    public static let maximumBytes = 5 * 1_048_576
    public static let maximumFileNameLength = 128

    public let field: String
    /// Where the name came from: the same form field, or a parameter of its own (`file_name`).
    public let nameField: String
    public let fileName: String
    public let declaredType: String?
    public let bytes: Data

    public init(field: String, nameField: String? = nil, fileName: String, declaredType: String?, bytes: Data) {
        self.field = field
        self.nameField = nameField ?? field
        self.fileName = fileName
        self.declaredType = declaredType
        self.bytes = bytes
    }

    /// A file that passed the gate: its type by its bytes and their SHA-256 (hex).
    public struct Checked: Sendable {
        public let upload: AttachmentUpload
        public let type: AttachmentType
        public let sha256: String
    }

    /// The upload's type, if it is one of `allowed` by its first bytes and its declared type (an
    /// undeclared type, or `application/octet-stream`, is taken from the bytes), its size at
    /// most `maximumBytes` and its name a plain file name.
    public func checked(allowing allowed: Set<AttachmentType>) throws(AttachmentError) -> Checked {
        let name = fileName.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= Self.maximumFileNameLength,
              !name.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" || CharacterSet.controlCharacters.contains($0) }) else {
            throw .invalid(field: nameField, message: "'\(fileName.prefix(Self.maximumFileNameLength))' is not a file name (1 to \(Self.maximumFileNameLength) characters, no folders)")
        }
        guard !bytes.isEmpty else { throw .invalid(field: field, message: "the file is empty") }
        guard bytes.count <= Self.maximumBytes else { throw .tooLarge(field: field, maximumBytes: Self.maximumBytes) }
        let names = allowed.sorted { $0.rawValue < $1.rawValue }.map(\.contentType).joined(separator: ", ")
        guard let type = AttachmentType.sniff(bytes), allowed.contains(type) else {
            throw .unsupportedType(field: field, message: "the file is not one of \(names) by its content")
        }
        if let declaredType, !declaredType.isEmpty, !declaredType.lowercased().hasPrefix("application/octet-stream"),
           AttachmentType(declared: declaredType) != type {
            throw .unsupportedType(field: field, message: "the file is \(type.contentType) by its content but was sent as \(declaredType)")
        }
        return Checked(upload: AttachmentUpload(field: field, nameField: nameField, fileName: name, declaredType: declaredType, bytes: bytes), type: type,
                       sha256: ContentDigest.sha256(bytes))
    }
}
