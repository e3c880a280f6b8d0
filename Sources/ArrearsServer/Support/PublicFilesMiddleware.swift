import Vapor

/// Serves the files of `Public/` (`/css/arrears.css`) and nothing else: Vapor's `FileMiddleware`
/// asks the file system about every request's path, pages and API calls included; here only a
/// path whose last part has an extension is looked up, and everything else goes straight on to
/// the routes.
struct PublicFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD, Self.namesAFile(request.url.path) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }

    /// Whether the last part of `path` has an extension (`arrears.css`, not `cases` or `.`).
    static func namesAFile(_ path: String) -> Bool {
        guard let last = path.split(separator: "/").last, let dot = last.lastIndex(of: ".") else { return false }
        return dot != last.startIndex && dot != last.index(before: last.endIndex)
    }
}
