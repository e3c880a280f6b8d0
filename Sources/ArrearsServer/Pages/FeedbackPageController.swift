import ArrearsCore
import ArrearsStore
import Vapor

/// `/feedback/:token`: after a right-party contact the customer rates it from 1 to 5 (and may
/// say why) from a signed link, without signing in (issue 5, "Complaints and satisfaction").
/// The link (`RatingLink`) names the contact attempt and expires after a week; a contact is
/// rated once. The page speaks the customer's language. The ratings feed the satisfaction KPI.
struct FeedbackPageController: RouteCollection {
    static let purpose = RatingLink.purpose
    static let maximumCommentLength = 1_000

    struct Page {
        let t: [String: String]
        let lang: String
        let token: String
        /// form, thanks, already, invalid, expired, error
        let state: String
        let ratings: [Int]
        let error: String?
    }

    struct Form: Decodable {
        let rating: Int?
        let comment: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("feedback", ":token", use: show)
        routes.post("feedback", ":token", use: submit)
    }

    func show(req: Request) async throws -> Response {
        let (attempt, localizer, failure) = try await resolve(req)
        guard let attempt, failure == nil else { return try await refuse(req, localizer, failure) }
        let rated = try await Feedback.isRated(attemptId: attempt, on: req.context.store.sql)
        return try await render(req, localizer, state: rated ? "already" : "form")
    }

    func submit(req: Request) async throws -> Response {
        let (attempt, localizer, failure) = try await resolve(req)
        guard let attempt, failure == nil else { return try await refuse(req, localizer, failure) }
        let form = try? req.content.decode(Form.self)
        guard let rating = form?.rating, Feedback.ratings.contains(rating) else {
            return try await render(req, localizer, state: "form", status: .unprocessableEntity, error: localizer["feedback_choose"])
        }
        let comment = form?.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (comment?.count ?? 0) <= Self.maximumCommentLength else {
            return try await render(req, localizer, state: "form", status: .unprocessableEntity, error: localizer["feedback_too_long"])
        }
        do {
            _ = try await req.context.store.transaction { database in
                try await Feedback.rate(attemptId: attempt, rating: rating, comment: comment?.isEmpty == false ? comment : nil,
                                        ratedAt: Date(), by: "customer-link", on: database)
            }
        } catch FeedbackError.alreadyRated {
            return try await render(req, localizer, state: "already")
        }
        return try await render(req, localizer, state: "thanks")
    }

    /// The attempt the link names and the customer's language, or why the link does not work.
    private func resolve(_ req: Request) async throws -> (String?, Localizer, String?) {
        let token = req.parameters.get("token") ?? ""
        let attempt: String
        do {
            attempt = try req.context.store.links.verify(token, purpose: Self.purpose)
        } catch {
            return (nil, Localizer(request: req), error == .expired ? "expired" : "invalid")
        }
        guard let language = try await Feedback.language(ofAttempt: attempt, on: req.context.store.sql) else {
            return (nil, Localizer(request: req), "invalid")
        }
        let localizer = req.query[String.self, at: "lang"] == nil ? Localizer(language: language) : Localizer(request: req)
        return (attempt, localizer, nil)
    }

    /// The page for a link that does not work: 410 when it has expired, 404 otherwise.
    private func refuse(_ req: Request, _ localizer: Localizer, _ failure: String?) async throws -> Response {
        let state = failure ?? "invalid"
        return try await render(req, localizer, state: state, status: state == "expired" ? .gone : .notFound)
    }

    private func render(_ req: Request, _ localizer: Localizer, state: String, status: HTTPStatus = .ok, error: String? = nil) async throws -> Response {
        let page = Page(t: localizer.table, lang: localizer.language.rawValue, token: req.parameters.get("token") ?? "", state: state,
                        ratings: Array(Feedback.ratings), error: error)
        let response = try await FeedbackView.page(page).view.encodeResponse(for: req)
        response.status = status
        return response
    }
}
