import Vapor

/// Refuses a NUL character (U+0000) anywhere in a request's path, query or text body, before any
/// route reads it: no name, id, amount or note of Arrears holds one, and PostgreSQL cannot store
/// one in text (it failed the statement, a 500, where SQLite stored it). A path with one names
/// nothing: 404. A query or a JSON or form body with one, raw, percent-encoded (`%00`) or
/// JSON-escaped (`\u0000`): 400 `invalid_character`. File bodies (images, PDFs, multipart uploads)
/// are binary and pass; their text fields are checked by the routes that read them.
struct NULCharacterMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if Self.hasEncodedNUL(request.url.path) || request.url.path.contains("\u{0}") {
            throw APIError.notFound("there is no such resource")
        }
        if let query = request.url.query, Self.hasEncodedNUL(query) || query.contains("\u{0}") {
            throw Self.refusal
        }
        if Self.isText(request.headers.contentType), request.method != .GET {
            if request.body.data == nil {
                let limit = BodySizeLimitMiddleware.limit(for: request)
                _ = try await request.eventLoop.flatSubmit { request.body.collect(max: limit) }.get()
            }
            if let body = request.body.data, Self.hasNUL(body.readableBytesView, percentEncoded: request.headers.contentType == .urlEncodedForm) {
                throw Self.refusal
            }
        }
        return try await next.respond(to: request)
    }

    static let refusal = APIError.badRequest("invalid_character", "the request holds a NUL character (U+0000), which no field accepts")

    /// JSON, a URL-encoded form, text, or no declared type (read as JSON by the API).
    private static func isText(_ type: HTTPMediaType?) -> Bool {
        guard let type else { return true }
        return RequestBody.isJSON(type) || type == .urlEncodedForm || type.type.lowercased() == "text"
    }

    private static func hasEncodedNUL(_ text: String) -> Bool {
        text.range(of: "%00") != nil
    }

    /// A raw NUL byte, `%00` in a URL-encoded form, or the JSON escape `\u0000` (not itself
    /// escaped, as in `\\u0000`).
    static func hasNUL(_ bytes: some Collection<UInt8>, percentEncoded: Bool) -> Bool {
        let bytes = Array(bytes)
        var backslashes = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0 { return true }
            if percentEncoded, byte == UInt8(ascii: "%"), index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "0"), bytes[index + 2] == UInt8(ascii: "0") {
                return true
            }
            if byte == UInt8(ascii: "u"), backslashes % 2 == 1, index + 4 < bytes.count,
               bytes[(index + 1)...(index + 4)].allSatisfy({ $0 == UInt8(ascii: "0") }) {
                return true
            }
            backslashes = byte == UInt8(ascii: "\\") ? backslashes + 1 : 0
        }
        return false
    }
}
