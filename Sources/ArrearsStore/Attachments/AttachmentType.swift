import Foundation

/// The kinds of file Arrears keeps: photos (JPEG, PNG) and documents (PDF). A file is known by
/// its first bytes, not by the type its sender declared nor by its name's extension: a script
/// renamed `door.jpg` is refused.
public enum AttachmentType: String, Sendable, CaseIterable {
    case jpeg = "image/jpeg"
    case png = "image/png"
    case pdf = "application/pdf"

    /// What a field visit's photo may be.
    public static let photos: Set<AttachmentType> = [.jpeg, .png]
    /// What a legal case's document may be: a PDF, or a photo of a paper.
    public static let documents: Set<AttachmentType> = Set(allCases)

    /// The media type, for `Content-Type`.
    public var contentType: String { rawValue }

    /// The type `bytes` begin as, if any of these.
    public static func sniff(_ bytes: Data) -> AttachmentType? {
        // JPEG: FF D8 FF (SOI and the next marker); PNG: its 8-byte signature; PDF: "%PDF-".
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        return nil
    }

    /// The type a sender declared (`image/jpeg; charset=…` reads as `image/jpeg`; `image/jpg`
    /// and `image/pjpeg`, which some phones send, as JPEG).
    public init?(declared text: String) {
        let type = text.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "image/jpg", "image/pjpeg": self = .jpeg
        default: self.init(rawValue: type)
        }
    }
}
