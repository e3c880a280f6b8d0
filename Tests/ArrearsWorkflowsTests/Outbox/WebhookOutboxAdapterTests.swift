import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

final class WebhookOutboxAdapterTests: XCTestCase {
    func testARefusedConnectionIsATemporaryFailure() async {
        let adapter = WebhookOutboxAdapter(settings: WebhookSettings(url: URL(string: "http://127.0.0.1:1/messages")!, timeout: 1))
        let outcomes = await adapter.deliver([.sample("A")])
        await adapter.shutdown()
        guard case .retryable(let error) = outcomes.first else { return XCTFail("expected a temporary failure, got \(outcomes)") }
        XCTAssertTrue(error.hasPrefix("POST http://127.0.0.1:1/messages: "), error)
    }

    func testAnswersAreSentTemporaryOrPermanentByStatus() {
        for status in [200, 201, 202, 204, 409] {
            XCTAssertEqual(WebhookOutboxAdapter.outcome(status: status, body: "x"), .sent, "\(status)")
        }
        for status in [408, 429, 500, 502, 503, 504, 301, 302] {
            XCTAssertEqual(WebhookOutboxAdapter.outcome(status: status, body: " busy \n"), .retryable("HTTP \(status): busy"), "\(status)")
        }
        for status in [400, 401, 403, 404, 410, 413, 422] {
            XCTAssertEqual(WebhookOutboxAdapter.outcome(status: status, body: ""), .rejected("HTTP \(status)"), "\(status)")
        }
        let long = String(repeating: "é", count: 1_000)
        XCTAssertEqual(WebhookOutboxAdapter.outcome(status: 500, body: long), .retryable("HTTP 500: " + String(repeating: "é", count: 300)))
    }
}
