import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Vapor

/// `POST /api/v1/payments` with `{"payment_id", "account_id", "paid_on", "amount": "1000.00",
/// "currency", "channel"?}`: posts a payment in real time (`PaymentPosting`) and answers with the
/// payment and the account's new position. `paid_on` is no later than the bank's today
/// (`InputDateRules.paymentDates`; 422 naming it otherwise), so that no payment moves the
/// account's position to a day that has not come: 201 when stored now, 200 when the same payment was
/// stored before, 409 `payment_conflict` when the id is stored with other content. For the
/// bank's payment gateway, supervisors and admins.
struct PaymentsController: RouteCollection {
    static let posters: Set<Role> = [.gateway, .supervisor, .admin]

    struct PostRequest: Decodable {
        let paymentId: String
        let accountId: String
        let paidOn: String
        let amount: String
        let currency: String
        let channel: String?

        enum CodingKeys: String, CodingKey {
            case paymentId = "payment_id", accountId = "account_id", paidOn = "paid_on", amount, currency, channel
        }
    }

    struct Posted: Encodable {
        let payment: PaymentJSON
        let position: PositionJSON
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1").api(Self.posters).post("payments", use: post)
    }

    func post(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let body = try RequestBody.decode(PostRequest.self, from: req)
        let minor = try RequestField.amount(body.amount, currencyCode: body.currency)
        let paidOn = try RequestField.date(body.paidOn, "paid_on", within: req.context.dateRules.paymentDates())
        let payment = StoredPayment(id: body.paymentId, accountId: body.accountId, paidOn: paidOn.description, amountMinor: minor, currency: body.currency,
                                    channel: body.channel ?? PaymentRecord.unknownChannel)
        let posted = try await WorkbenchJSON.mapping {
            try await PaymentPosting(store: req.context.store, buckets: req.context.buckets).post(payment, by: user.auditActor)
        }
        return try WorkbenchJSON.response(Posted(payment: PaymentJSON(posted.payment), position: PositionJSON(posted.position, currency: payment.currency)),
                                          status: posted.created ? .created : .ok)
    }
}
