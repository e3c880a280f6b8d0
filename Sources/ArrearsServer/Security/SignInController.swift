import ArrearsCore
import Vapor

/// `/login` (the sign-in form and its POST) and `POST /logout`, in Simplified Chinese and
/// English. Both POSTs need the session's CSRF token, which the form carries; signing in gives
/// the browser a new session id, so one planted before sign-in is worthless. Signing in leads to
/// `next` when it names a page, else to the role's home (`RoleMenu.home`).
struct SignInController: RouteCollection {
    struct Form: Content {
        let username: String?
        let password: String?
        let next: String?
    }

    struct Page {
        let t: [String: String]
        let lang: String
        let csrfToken: String
        let next: String
        let languageLink: String
        let username: String
        let message: String?
    }

    /// `/login`, with `next` when it is a local path to come back to, and `lang` when given.
    static func loginPath(next: String?, language: String? = nil) -> String {
        let target = LocalPath.validated(next)
        var items: [URLQueryItem] = []
        if let language { items.append(URLQueryItem(name: "lang", value: language)) }
        if target != "/" { items.append(URLQueryItem(name: "next", value: target)) }
        var components = URLComponents()
        components.path = "/login"
        components.queryItems = items.isEmpty ? nil : items
        // URLComponents leaves `&`, `=` and `+` as they are inside a value; in a query they are
        // separators and a space.
        components.percentEncodedQueryItems = components.queryItems?.map { item in
            URLQueryItem(name: item.name, value: item.value?.addingPercentEncoding(withAllowedCharacters: Self.queryValueCharacters))
        }
        return components.string ?? "/login"
    }

    private static let queryValueCharacters = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+?#"))

    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped(DatabaseSessions.middleware, SessionUserAuthenticator(), CSRFMiddleware())
        sessions.get("login", use: form)
        sessions.post("login", use: signIn)
        sessions.post("logout", use: signOut)
    }

    func form(req: Request) async throws -> Response {
        let next = LocalPath.validated(req.query[String.self, at: "next"])
        if let user = req.auth.get(SignedInUser.self) { return req.redirect(to: Self.target(next, role: user.role, req), redirectType: .normal) }
        return try await page(req, next: next, username: "", message: nil, status: .ok)
    }

    func signIn(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let username = form.username?.trimmingCharacters(in: .whitespaces) ?? ""
        let next = LocalPath.validated(form.next)
        switch try await SignInAttempt.attempt(username: username, password: form.password ?? "", on: req) {
        case .signedIn(let user):
            try await req.startSession(for: user)
            return req.redirect(to: Self.target(next, role: user.role, req), redirectType: .normal)
        case .rejected:
            return try await page(req, next: next, username: username, message: Localizer(request: req)["sign_in_failed"], status: .unauthorized)
        case .throttled(let seconds):
            let minutes = max(1, (seconds + 59) / 60)
            let message = Localizer(request: req)["sign_in_throttled"].replacingOccurrences(of: "{minutes}", with: String(minutes))
            let response = try await page(req, next: next, username: username, message: message, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: String(seconds))
            return response
        }
    }

    /// Where signing in leads: `next`, or the role's home when `next` is the bare `/`, in the
    /// language the sign-in page was in (`?lang=`) when it named one.
    static func target(_ next: String, role: Role, _ req: Request) -> String {
        guard next == "/", let home = RoleMenu.home(of: role) else { return next }
        let language = req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:))
        return language.map { "\(home)?lang=\($0.rawValue)" } ?? home
    }

    func signOut(req: Request) async throws -> Response {
        req.auth.logout(SignedInUser.self)
        req.session.destroy()
        return req.redirect(to: "/login", redirectType: .normal)
    }

    private func page(_ req: Request, next: String, username: String, message: String?, status: HTTPResponseStatus) async throws -> Response {
        let localizer = Localizer(request: req)
        let otherLanguage = localizer["switch_language_code"]
        let view = Page(t: localizer.table, lang: localizer.language.rawValue, csrfToken: req.csrfToken(), next: next,
                        languageLink: Self.loginPath(next: next, language: otherLanguage), username: username, message: message)
        let response = try await SignInView.page(view).view.encodeResponse(for: req)
        response.status = status
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
