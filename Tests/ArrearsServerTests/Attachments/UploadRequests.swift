import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// Sending files as the API takes them (the body is the file) and as a browser's form does
/// (multipart/form-data, the CSRF token one of its fields).
extension SecurityFixture {
    func upload(_ path: String, token: String, contentType: String?, bytes: Data) async throws -> APIAnswer {
        var headers: HTTPHeaders = [:]
        headers.bearerAuthorization = BearerAuthorization(token: token)
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        return APIAnswer(try await app.sendRequest(.POST, path, headers: headers, body: ByteBuffer(data: bytes)))
    }

    func download(_ path: String, token: String) async throws -> XCTHTTPResponse {
        var headers: HTTPHeaders = [:]
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return try await app.sendRequest(.GET, path, headers: headers)
    }

    /// A visit of `agentId` on `caseId` dispatched three days ago, whose window is open now (it
    /// started an hour ago), so that its team may report it.
    func dispatchedVisit(_ caseId: String = "KW1", agentId: String = "f-shanghai") async throws -> StoredVisit {
        let start = Date().addingTimeInterval(-3_600)
        return try await VisitBook(store: store, places: VisitPlaces()).dispatch(
            .init(caseId: caseId, agentId: agentId, startsAt: start, endsAt: start.addingTimeInterval(7_200), location: nil),
            teams: VisitTeams(configured: FieldTeams.all), by: "user:boss", now: start.addingTimeInterval(-3 * 86_400))
    }

    /// The audit log's actions, in order.
    func auditActions() async throws -> [String] {
        try await auditEntries().map(\.action)
    }
}

/// A file field of a multipart form.
struct FormFile {
    let field: String
    let fileName: String
    let contentType: String
    let bytes: Data
}

extension Browser {
    /// Posts `fields` and `files` as multipart/form-data; `csrf: true` adds the token of the last page seen.
    func postMultipart(_ path: String, _ fields: [String: String], files: [FormFile], csrf: Bool = true) async throws -> XCTHTTPResponse {
        var fields = fields
        if csrf, let csrfToken { fields["csrf_token"] = csrfToken }
        let boundary = "arrears-test-\(UUID().uuidString)"
        var body = Data()
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.fileName)\"\r\nContent-Type: \(file.contentType)\r\n\r\n".utf8)
            body += file.bytes + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        var headers: HTTPHeaders = [:]
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await send(.POST, path, headers: headers, body: ByteBuffer(data: body))
    }
}
