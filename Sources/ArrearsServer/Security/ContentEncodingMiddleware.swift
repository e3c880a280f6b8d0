import Vapor

/// Refuses request bodies sent compressed (`Content-Encoding` other than `identity`) with 415
/// `unsupported_content_encoding`, before anything reads them. A request without a body passes
/// whatever its headers say.
///
/// Vapor inflates gzip and deflate request bodies by default, in NIO's channel pipeline, where
/// a body that fails to inflate or inflates past its limit (a decompression bomb) closes the
/// connection without an answer, or leaves it waiting. Arrears' bodies are small JSON or form
/// text, and its uploads are already compressed images and PDFs: nothing gains from compression
/// on the way in. So `buildApplication` turns the inflater off, and this middleware answers every
/// compressed body with a clear error in the API's shape (or the error page off `/api`).
struct ContentEncodingMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let encodings = request.headers[.contentEncoding]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            .filter { !$0.isEmpty && $0 != "identity" }
        let hasBody = (request.headers.first(name: .contentLength).flatMap(Int.init) ?? 0) > 0
            || request.headers.contains(name: .transferEncoding)
        guard encodings.isEmpty || !hasBody else {
            throw APIError(.unsupportedMediaType, code: "unsupported_content_encoding",
                           message: "request bodies must be sent uncompressed, without Content-Encoding (not \(encodings.joined(separator: ", ").prefix(40)))")
        }
        return try await next.respond(to: request)
    }
}
