import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// `config/outcomes.yaml` and what an outcome calls for, as values: the shipped consequences, a
/// pack's reading of a request to stop contact, and what an outcome needs given with it.
final class OutcomeConfigTests: XCTestCase {
    private let shipped = try! OutcomeConfig.load(fromDirectory: ShippedPacksTests.config)
    private let at = Date(timeIntervalSince1970: 1_795_000_000)

    private func steps(_ outcome: ContactAttempt.Outcome, _ details: OutcomeRules.Details = .init(),
                       reading: ContactRequestReading = .acceptedChannels) throws -> [OutcomeRules.Step] {
        try shipped.steps(for: ContactAttempt(at: at, channel: .call, contactPoint: ContactPoint.mobile, outcome: outcome), details: details, reading: reading)
    }

    func testTheShippedPacksReadARequestToStopContactTheirOwnWay() throws {
        XCTAssertEqual(try PolicyConfig.loadPack("cn", directory: ShippedPacksTests.config).contactRequest, .acceptedChannels)
        XCTAssertEqual(try PolicyConfig.loadPack("us-reg-f", directory: ShippedPacksTests.config).contactRequest, .cease)
        XCTAssertEqual(try PolicyConfig.loadPack("uk-fca", directory: ShippedPacksTests.config).contactRequest, .cease)
        XCTAssertEqual(try steps(.refusal, reading: .cease), [.flag(CustomerFlag(kind: .cease))])
        XCTAssertEqual(try steps(.ceaseRequest, reading: .cease), [.flag(CustomerFlag(kind: .cease))])
        XCTAssertEqual(try steps(.refusal), [], "a refusal under cn that names no channels is only recorded")
        XCTAssertEqual(try steps(.ceaseRequest, .init(acceptedChannels: [.sms, .email])),
                       [.flag(CustomerFlag(kind: .acceptedChannels, value: "email,sms"))])
        XCTAssertThrowsError(try steps(.ceaseRequest)) { XCTAssertEqual(($0 as? OutcomeError)?.field, "accepted_channels") }
        XCTAssertThrowsError(try steps(.noAnswer, .init(acceptedChannels: []))) { XCTAssertEqual(($0 as? OutcomeError)?.field, "accepted_channels") }
    }

    func testEachShippedOutcomeDoesWhatTheIssueAsks() throws {
        let review = try XCTUnwrap(shipped.consequences(of: .dispute).task)
        XCTAssertEqual([review.queue, review.kind], ["compliance", "dispute_review"])
        XCTAssertEqual(try steps(.dispute), [.flag(CustomerFlag(kind: .dispute)), .task(review)])
        XCTAssertEqual(try steps(.deceased).first, .flag(CustomerFlag(kind: .deceased)))
        let assessment = try XCTUnwrap(shipped.consequences(of: .hardship).task)
        XCTAssertEqual(try steps(.hardship), [.flag(CustomerFlag(kind: .hardship)), .task(assessment)])
        XCTAssertEqual(assessment.kind, "income_expenditure")
        XCTAssertEqual(try steps(.wrongParty), [.markContactPoint(id: ContactPoint.mobile, outcome: .wrongParty)])
        XCTAssertEqual(try steps(.invalidNumber), [.markContactPoint(id: ContactPoint.mobile, outcome: .invalidNumber)])
        XCTAssertEqual(try steps(.noAnswer), [])
        let later = at.addingTimeInterval(3_600)
        XCTAssertEqual(try steps(.callback, .init(callbackAt: later)),
                       [.appointment(Appointment(channel: .call, startsAt: later, endsAt: later.addingTimeInterval(1_800), notifiedAt: at))])
        XCTAssertThrowsError(try steps(.callback)) { XCTAssertEqual(($0 as? OutcomeError)?.field, "callback_at") }
        XCTAssertThrowsError(try steps(.callback, .init(callbackAt: at.addingTimeInterval(31 * 86_400)))) {
            XCTAssertEqual(($0 as? OutcomeError)?.field, "callback_at", "within 30 days")
        }
        XCTAssertThrowsError(try steps(.dispute, .init(callbackAt: later))) { XCTAssertEqual(($0 as? OutcomeError)?.field, "callback_at") }
    }

    func testMistakesNameTheirLine() {
        for (yaml, line, words) in [
            ("outcomes:\n  dispute:\n    flag: argued\n", 3, "unknown flag 'argued'"),
            ("outcomes:\n  disputed:\n    flag: dispute\n", 2, "unknown key 'disputed'"),
            ("outcomes:\n  refusal:\n    contact_request: always\n", 3, "contact_request"),
            ("outcomes:\n  dispute:\n    task: { queue: compliance }\n", 3, "kind is required"),
            ("outcomes:\n  callback:\n    appointment: { minutes: 0 }\n", 3, "minutes"),
        ] {
            XCTAssertThrowsError(try OutcomeConfig.parse(yaml, file: "outcomes.yaml"), yaml) { error in
                let config = error as? ConfigError
                XCTAssertEqual(config?.line, line, "\(yaml): \(error)")
                XCTAssertTrue(config?.description.contains(words) == true, "\(yaml): \(error)")
            }
        }
        XCTAssertEqual(try OutcomeConfig.parse("", file: "outcomes.yaml"), .none)
    }
}
