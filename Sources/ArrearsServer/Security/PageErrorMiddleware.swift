import Vapor

/// Renders errors outside `/api` as a small page in the reader's language, with the error's
/// status (403 for a role that may not see a page, 404, 413, 429 ...). An unexpected error is
/// logged and shown as 500 without its details.
struct PageErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard !APIErrorMiddleware.isAPI(request) else { return try await next.respond(to: request) }
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            var headers: HTTPHeaders = [:]
            if let abort = error as? any AbortError {
                status = abort.status
                headers = abort.headers
            } else {
                request.logger.report(error: error)
                status = .internalServerError
            }
            return Self.page(status: status, headers: headers, localizer: Localizer(request: request))
        }
    }

    /// The error page, in the layout without sign-out or language switch; its only variable text
    /// is the localizer's own words and the status code.
    static func page(status: HTTPResponseStatus, headers: HTTPHeaders = [:], localizer: Localizer) -> Response {
        let key: String
        switch status {
        case .forbidden: key = "error_forbidden"
        case .notFound: key = "error_not_found"
        case .payloadTooLarge: key = "error_too_large"
        case .tooManyRequests: key = "error_too_many"
        case .badRequest, .unprocessableEntity: key = "error_bad_request"
        default: key = "error_failed"
        }
        let layout = Layout(title: "\(status.code) · Arrears", language: localizer.language.rawValue, words: Words(localizer),
                            header: Layout.Header(home: "/"))
        let html = layout.page("""
              <h1>\(Int(status.code))</h1><p class="notice" id="error">\(localizer[key])</p>
              <p><a href="/">\(localizer["title"])</a> · <a href="/login">\(localizer["sign_in"])</a></p>
            """)
        var headers = headers
        headers.contentType = .html
        return Response(status: status, headers: headers, body: .init(string: html.text))
    }
}
