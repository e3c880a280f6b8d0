import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

final class OutboxConfigTests: XCTestCase {
    func testShippedConfigIsTheStandardOne() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let config = try OutboxConfig.load(fromDirectory: root.appendingPathComponent("config").path)
        XCTAssertEqual(config, .standard)
        XCTAssertEqual(config.adapter, .file)
        XCTAssertEqual(config.filePath, "outbox/messages.jsonl")
    }

    func testMissingFileAndEmptyFileGiveTheStandardConfig() throws {
        XCTAssertEqual(try OutboxConfig.load(fromDirectory: "/nonexistent-arrears-config"), .standard)
        XCTAssertEqual(try OutboxConfig.parse("", file: "o.yaml"), .standard)
    }

    func testWebhookWithHeadersFromTheEnvironmentAndACustomPolicy() throws {
        let config = try OutboxConfig.parse("""
            adapter: webhook
            webhook:
              url: https://sms.example.bank/arrears/messages
              timeout_seconds: 5
              concurrency: 4
              headers:
                Authorization: "${SMS_TOKEN}"
                X-Bank: arrears
            retry: { max_attempts: 5, initial_delay_seconds: 30, multiplier: 1.5, max_delay_seconds: 900 }
            claim_timeout_seconds: 120
            batch_size: 50
            """, file: "o.yaml", environment: ["SMS_TOKEN": "Bearer s3cret"])
        XCTAssertEqual(config.adapter, .webhook)
        XCTAssertEqual(config.webhook, WebhookSettings(
            url: URL(string: "https://sms.example.bank/arrears/messages")!, timeout: 5, concurrency: 4,
            headers: ["Authorization": "Bearer s3cret", "X-Bank": "arrears"]
        ))
        XCTAssertEqual(config.retry, RetryPolicy(maxAttempts: 5, initialDelay: 30, multiplier: 1.5, maxDelay: 900))
        XCTAssertEqual(config.claimTimeout, 120)
        XCTAssertEqual(config.batchSize, 50)
    }

    func testErrorsNameTheLine() {
        let cases: [(String, String)] = [
            ("adapter: file\nfile:\n  path: a.jsonl\n  mode: append\n", "o.yaml:4: file: unknown key 'mode' (expected path)"),
            ("adapter: sftp\n", "o.yaml:1: adapter must be file or webhook, not 'sftp'"),
            ("# webhook only\nadapter: webhook\n", "o.yaml:2: adapter is webhook but there is no webhook section with a url"),
            ("webhook:\n  url: ftp://example.bank/in\n", "o.yaml:2: webhook: url must be an http or https URL, not 'ftp://example.bank/in'"),
            ("webhook:\n  timeout_seconds: 5\n", "o.yaml:2: webhook: url is required"),
            ("retry:\n  max_attempts: 0\n", "o.yaml:2: retry: max_attempts must be a whole number >= 1"),
            ("retry:\n  multiplier: 0.5\n", "o.yaml:2: retry: multiplier must be a number >= 1"),
            ("retry:\n  initial_delay_seconds: 600\n  max_delay_seconds: 60\n", "o.yaml:3: retry: max_delay_seconds must be at least initial_delay_seconds (600)"),
            ("batch_size: many\n", "o.yaml:1: batch_size must be a whole number >= 1"),
            ("webhook:\n  url: http://127.0.0.1:9/in\n  headers:\n    Authorization: ${NOPE}\n",
             "o.yaml:4: webhook.headers: Authorization reads the environment variable NOPE, which is not set"),
            ("webhook:\n  url: http://127.0.0.1:9/in\n  timeout_seconds: 30\nbatch_size: 100\nclaim_timeout_seconds: 300\n",
             "o.yaml:5: claim_timeout_seconds (300) must exceed the longest a batch can take: 100 messages, 8 at a time, 30 s each = 390 s"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(try OutboxConfig.parse(text, file: "o.yaml"), expected) { error in
                XCTAssertEqual((error as? ConfigError)?.description, expected)
            }
        }
    }

    func testInvalidYamlNamesALine() {
        XCTAssertThrowsError(try OutboxConfig.parse("retry: [\n", file: "o.yaml")) { error in
            XCTAssertNotNil((error as? ConfigError)?.line)
        }
    }
}
