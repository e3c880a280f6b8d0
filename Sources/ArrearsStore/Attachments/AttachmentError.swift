/// Why an upload or a download was refused; each names the field to blame, and the server
/// answers 404, 413, 415 or 422 by case.
public enum AttachmentError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No such file, or one of something outside the caller's work.
    case notFound(field: String, id: String)
    /// Over `AttachmentUpload.maximumBytes`.
    case tooLarge(field: String, maximumBytes: Int)
    /// Not JPEG, PNG or PDF by its first bytes, not one the owner takes, or declared as
    /// something else than it is.
    case unsupportedType(field: String, message: String)
    /// Empty, a bad file name, or one file too many.
    case invalid(field: String, message: String)

    public var field: String {
        switch self {
        case .notFound(let field, _), .tooLarge(let field, _), .unsupportedType(let field, _), .invalid(let field, _): field
        }
    }

    public var description: String {
        switch self {
        case .notFound(let field, let id): "\(field): there is no '\(id)'"
        case .tooLarge(let field, let maximum): "\(field): a file is at most \(maximum / 1_048_576) MiB"
        case .unsupportedType(let field, let message), .invalid(let field, let message): "\(field): \(message)"
        }
    }
}
