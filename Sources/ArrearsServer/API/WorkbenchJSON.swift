import ArrearsCore
import ArrearsStore
import Vapor

/// How the workbench endpoints answer: JSON with snake_case keys (`case_id`, `next_cursor`) and
/// sorted keys, money as `{"amount": "1234.50", "currency": "CNY"}` in the currency's own
/// decimals. An optional field without a value is left out.
enum WorkbenchJSON {
    static func response(_ value: some Encodable, status: HTTPResponseStatus = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }

    /// A workbench refusal as the API's error: 404 for what is not found (or out of scope), 409
    /// for a conflict with what is stored, 422 naming the field otherwise.
    static func apiError(_ error: WorkbenchError) -> APIError {
        switch error {
        case .notFound(let field, _): APIError(.notFound, code: "not_found", message: error.description, field: field)
        case .pendingPromise: APIError(.conflict, code: "promise_pending", message: error.description, field: error.field)
        case .paymentConflict: APIError(.conflict, code: "payment_conflict", message: error.description, field: error.field)
        case .wrongStatus(let field, _): APIError(.conflict, code: "wrong_status", message: error.description, field: field)
        case .invalid(let field, _): APIError.invalidField(field, error.description)
        }
    }

    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as WorkbenchError { throw apiError(error) }
    }

    /// The path parameter `parameter`, or 404 naming `what` when it is empty or longer than any id.
    static func pathId(_ req: Request, _ what: String, parameter: String = "id") throws -> String {
        guard let id = req.parameters.get(parameter), !id.isEmpty, id.count <= 128 else { throw APIError.notFound("there is no such \(what)") }
        return id
    }
}

/// Money in the API's one shape.
struct MoneyJSON: Encodable {
    let amount: String
    let currency: String

    init(_ minorUnits: Int64, _ currency: String) {
        amount = DecimalAmount.format(minorUnits, minorDigits: Currency(code: currency)?.minorDigits ?? 2)
        self.currency = currency
    }
}
