import ArrearsStore
import Foundation
import Vapor

/// An uploaded file (a visit's photo, a legal document) in the API's shape, and the one way
/// files come in and go out over HTTP:
///
/// - in, through the API: the request body is the file itself, its type in `Content-Type`
///   (`image/jpeg`, `image/png`, `application/pdf`) and its name in the `file_name` query
///   parameter; the body's own first bytes decide its type;
/// - out: the bytes with their type, as an attachment (`Content-Disposition`) under the name
///   they were uploaded with, never cached (the access guards add `no-store`).
struct AttachmentJSON: Encodable {
    let id: String
    let fileName: String
    let contentType: String
    let byteCount: Int
    let sha256: String
    let uploadedBy: String
    let uploadedAt: String

    init(_ attachment: StoredAttachment) {
        id = attachment.id
        fileName = attachment.fileName
        contentType = attachment.contentType
        byteCount = attachment.byteCount
        sha256 = attachment.sha256
        uploadedBy = attachment.uploadedBy
        uploadedAt = attachment.uploadedAt
    }

    /// The field a raw upload's refusals name: the body is the file.
    static let bodyField = "body"

    /// The file in an API request's body, named by its `file_name` query parameter.
    static func upload(from req: Request) throws -> AttachmentUpload {
        guard let fileName = req.query[String.self, at: "file_name"], !fileName.isEmpty else { throw APIError.missingField("file_name") }
        let bytes = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        return AttachmentUpload(field: bodyField, nameField: "file_name", fileName: fileName, declaredType: req.headers.first(name: .contentType), bytes: bytes)
    }

    /// The file as a download.
    static func download(_ attachment: StoredAttachment, _ bytes: Data) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: attachment.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: contentDisposition(attachment.fileName))
        return Response(status: .ok, headers: headers, body: .init(data: bytes))
    }

    /// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII stand-in for old
    /// clients, and the real name (a Chinese one, say) percent-encoded for the rest.
    static func contentDisposition(_ fileName: String) -> String {
        let ascii = String(fileName.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// A refused upload or download as the API's error: 404, 413, 415 or 422, naming the field.
    static func apiError(_ error: AttachmentError) -> APIError {
        switch error {
        case .notFound(let field, _): APIError(.notFound, code: "not_found", message: error.description, field: field)
        case .tooLarge(let field, _): APIError(.payloadTooLarge, code: "payload_too_large", message: error.description, field: field)
        case .unsupportedType(let field, _): APIError(.unsupportedMediaType, code: "unsupported_media_type", message: error.description, field: field)
        case .invalid(let field, _): APIError.invalidField(field, error.description)
        }
    }

    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as AttachmentError { throw apiError(error) }
    }
}
