import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// The SMS inviting a customer to rate a conversation (`RatingInvitation`), queued on customers
/// kept in memory (`InMemoryCustomerSMS`); `RatingLinkTests` go through the server on both databases.
final class RatingInvitationRulesTests: XCTestCase {
    let now = ContactRecords.instant("2026-11-24T02:00:00Z")!

    func testTheLinkGoesToTheCustomersMobileOncePerConversationAndInTheirLanguage() async throws {
        let records = InMemoryCustomerSMS()
        records.addCustomer("C1", mobile: "13800138000")
        records.addCustomer("C2", mobile: "+447700900123", language: "en")
        for _ in 0..<2 {
            try await RatingInvitation.enqueue(attemptId: "ATT-1", customerId: "C1", link: "https://bank.example/r/abc", now: now, records: records)
        }
        try await RatingInvitation.enqueue(attemptId: "ATT-2", customerId: "C2", link: "https://bank.example/r/def", now: now, records: records)
        XCTAssertEqual(records.messages.map(\.id), ["ATT-1:rating", "ATT-2:rating"], "one invitation per conversation")
        XCTAssertEqual(records.messages.map(\.recipient), ["13800138000", "+447700900123"])
        XCTAssertEqual(records.messages.map(\.body), ["感谢您与我行沟通。请为本次通话打分（1-5 分）：https://bank.example/r/abc",
                                                      "Thank you for speaking with us. How did we do? Rate the conversation (1-5): https://bank.example/r/def"])
    }

    func testACustomerWithoutAMobileOrUnknownGetsNoInvitation() async throws {
        let records = InMemoryCustomerSMS()
        records.addCustomer("C1", mobile: nil)
        try await RatingInvitation.enqueue(attemptId: "ATT-1", customerId: "C1", link: "https://bank.example/r/abc", now: now, records: records)
        try await RatingInvitation.enqueue(attemptId: "ATT-2", customerId: "C9", link: "https://bank.example/r/def", now: now, records: records)
        XCTAssertTrue(records.messages.isEmpty)
    }
}
