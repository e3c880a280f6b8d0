import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

final class OutboxRetryPolicyTests: XCTestCase {
    func testStandardScheduleDoublesFromAMinuteUpToAnHour() {
        let delays = (1...8).map(RetryPolicy.standard.delay(afterAttempt:))
        XCTAssertEqual(delays, [60, 120, 240, 480, 960, 1_920, 3_600, 3_600])
    }

    func testDelaysAreRoundedAndCapped() {
        let policy = RetryPolicy(maxAttempts: 10, initialDelay: 10, multiplier: 1.5, maxDelay: 40)
        XCTAssertEqual((1...6).map(policy.delay(afterAttempt:)), [10, 15, 23, 34, 40, 40])
        let huge = RetryPolicy(maxAttempts: 10_000, initialDelay: 1, multiplier: 10, maxDelay: 86_400)
        XCTAssertEqual(huge.delay(afterAttempt: 5_000), 86_400, "no overflow on absurd attempt numbers")
    }

    func testTemporaryFailureIsRetriedAfterItsBackoffUntilTheLastAttempt() {
        let policy = RetryPolicy(maxAttempts: 3, initialDelay: 30, multiplier: 2, maxDelay: 600)
        let now = Date(timeIntervalSince1970: 1_000_000)
        XCTAssertEqual(policy.resolve(.retryable("HTTP 503"), attempt: 1, now: now), .retry(error: "HTTP 503", at: now + 30))
        XCTAssertEqual(policy.resolve(.retryable("HTTP 503"), attempt: 2, now: now), .retry(error: "HTTP 503", at: now + 60))
        XCTAssertEqual(policy.resolve(.retryable("HTTP 503"), attempt: 3, now: now), .failed(error: "HTTP 503 (gave up after 3 attempts)"))
    }

    func testPermanentFailureFailsAtOnceAndSuccessIsSent() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        XCTAssertEqual(RetryPolicy.standard.resolve(.rejected("HTTP 400"), attempt: 1, now: now), .failed(error: "HTTP 400"))
        XCTAssertEqual(RetryPolicy.standard.resolve(.sent, attempt: 5, now: now), .sent(at: now))
    }
}
