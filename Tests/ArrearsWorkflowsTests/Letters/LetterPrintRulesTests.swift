import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// The rules of printing a day's collection letters (`LetterPrint`) on letters kept in memory
/// (`InMemoryLetterPrints`); `LettersCommandTests` and `CaseLetterTests` print them from both databases.
final class LetterPrintRulesTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The shipped China pack, whose holidays include National Day (2026-10-01 to 2026-10-07).
    let policy = try! PolicyConfig.load(fromDirectory: LetterPrintRulesTests.packageRoot.appendingPathComponent("config").path)
    let day = LocalDate(iso: "2026-11-24")!
    /// 10:00 in Shanghai on `day`.
    let morning = ContactRecords.instant("2026-11-24T02:00:00Z")!

    func templates() throws -> CollectionLetters {
        try CollectionLetters.load(fromDirectory: Self.packageRoot.appendingPathComponent("config/letters").path, names: ["collection_letter"],
                                   pack: policy.pack)
    }

    /// Customer `customer`'s queued letter of `date`, with a standing in Shanghai (flagged `flags`)
    /// unless `standing` is false.
    func add(_ customer: String, on date: LocalDate? = nil, address: String? = "上海市浦东新区世纪大道100号", template: String = "collection_letter",
             flags: [CustomerFlag] = [], to records: InMemoryLetterPrints) {
        let date = date ?? day
        records.add(LetterRecords.Letter(id: LetterRecords.id(customerId: customer, on: date), caseId: "CASE-\(customer)", customerId: customer,
                                         businessDate: date.description, template: template, language: "zh-CN", currency: "CNY", overdueMinor: 100_000,
                                         dpd: 20, dueOn: "2026-11-04", status: LetterRecords.Status.queued.rawValue, reason: nil, printedAt: nil,
                                         storedName: "李雷", storedAddress: address))
        records.checks.add(customer, CustomerStanding(customerId: customer, timeZone: TimeZone(identifier: "Asia/Shanghai"), flags: flags,
                                                      contactPoints: [ContactPoint.address: ContactPoint(id: ContactPoint.address, kind: .own)]))
    }

    func print(_ date: LocalDate? = nil, at now: Date? = nil, on records: InMemoryLetterPrints,
               write: @escaping @Sendable (LetterPrint.Batch) throws -> Void = { _ in }) async throws -> LetterPrint.Batch {
        try await LetterPrint(records: records, letters: try templates(), policy: policy).print(date ?? day, by: "cli", now: now ?? morning, write: write)
    }

    func testEachLetterIsRecordedAsSentOnceAndEveryPrintAuditsTheDetailsItOpened() async throws {
        let records = InMemoryLetterPrints()
        add("C1", to: records)
        add("C2", to: records)
        let first = try await print(on: records)
        XCTAssertEqual(first.letters.map(\.letterId), ["LTR-C1-20261124", "LTR-C2-20261124"])
        XCTAssertEqual(first.newlySent, 2)
        XCTAssertTrue(first.withheld.isEmpty)
        let letter = try XCTUnwrap(first.letters.first)
        XCTAssertEqual([letter.name, letter.address, letter.balance, letter.currency], ["李雷", "上海市浦东新区世纪大道100号", "1000.00", "CNY"])
        XCTAssertTrue(letter.text.contains("李雷") && letter.text.contains("1000.00"), letter.text)
        XCTAssertEqual(records.statuses, ["LTR-C1-20261124": "printed", "LTR-C2-20261124": "printed"])
        XCTAssertEqual(records.audit.map { "\($0.action) \($0.subject)" },
                       ["view_personal_data C1", "view_personal_data C2", "letter_sent CASE-C1", "letter_sent CASE-C2"])

        let again = try await print(on: records)
        XCTAssertEqual(again.letters, first.letters, "printing the day again writes the same letters")
        XCTAssertEqual(again.newlySent, 0)
        XCTAssertEqual(records.audit.map(\.action).suffix(2), ["view_personal_data", "view_personal_data"],
                       "opening the details again is audited; nothing is sent again")
        XCTAssertEqual(records.audit.count, 6)
    }

    func testALetterThePackNowForbidsOrWithoutAnAddressIsWithheldWithWhyAndNotOpened() async throws {
        let records = InMemoryLetterPrints()
        add("C1", to: records)
        add("C2", flags: [CustomerFlag(kind: .dispute)], to: records)
        add("C3", address: " ", to: records)
        let batch = try await print(on: records)
        XCTAssertEqual(batch.letters.map(\.letterId), ["LTR-C1-20261124"])
        XCTAssertEqual(batch.newlySent, 1)
        XCTAssertEqual(batch.withheld.map(\.id), ["LTR-C2-20261124", "LTR-C3-20261124"])
        XCTAssertTrue(batch.withheld[0].reason.hasPrefix("universal.dispute: "), batch.withheld[0].reason)
        XCTAssertEqual(batch.withheld[1].reason, "universal.evaluable: the customer has no address on file to write the letter to")
        XCTAssertEqual(records.statuses["LTR-C2-20261124"], "withheld: " + batch.withheld[0].reason)
        XCTAssertEqual(records.statuses["LTR-C3-20261124"], "withheld: " + batch.withheld[1].reason)
        XCTAssertEqual(records.audit.map { "\($0.action) \($0.subject)" }, ["view_personal_data C1", "letter_sent CASE-C1"],
                       "a withheld letter is neither sent nor audited as viewed")

        let again = try await print(on: records)
        XCTAssertEqual(again.letters.map(\.letterId), ["LTR-C1-20261124"])
        XCTAssertTrue(again.withheld.isEmpty, "a letter withheld once stays out without being judged again")
    }

    func testAPublicHolidayDoesNotHoldBackALetterForThePost() async throws {
        let records = InMemoryLetterPrints()
        let nationalDay = LocalDate(iso: "2026-10-01")!
        let now = ContactRecords.instant("2026-10-01T02:00:00Z")!
        add("C1", on: nationalDay, to: records)
        let verdict = try await ContactCheck.check(customerId: "C1", ContactRequest(channel: .letter, at: now, stage: .planning), settings: policy,
                                                   records: records.checks)
        XCTAssertEqual(verdict.rule, "universal.holiday", "the pack itself forbids contact on the day")
        let batch = try await print(nationalDay, at: now, on: records)
        XCTAssertEqual(batch.letters.map(\.letterId), ["LTR-C1-20261001"])
        XCTAssertEqual(batch.newlySent, 1)
    }

    func testAnUnknownTemplateOrAFailedWriteRecordsNothing() async throws {
        let records = InMemoryLetterPrints()
        add("C1", to: records)
        add("C2", template: "final_demand", to: records)
        do {
            _ = try await print(on: records)
            XCTFail("a letter whose template is not loaded stops the print")
        } catch LetterPrint.PrintError.unknownTemplate(let letter, let template, _) {
            XCTAssertEqual([letter, template], ["LTR-C2-20261124", "final_demand"])
        }
        XCTAssertEqual(records.statuses["LTR-C1-20261124"], "queued")
        XCTAssertTrue(records.audit.isEmpty)

        let only = InMemoryLetterPrints()
        add("C1", to: only)
        struct FolderGone: Error {}
        do {
            _ = try await print(on: only) { _ in throw FolderGone() }
            XCTFail("a batch that cannot be written is not printed")
        } catch is FolderGone {}
        XCTAssertEqual(only.statuses, ["LTR-C1-20261124": "queued"], "a letter is never recorded as sent without its page")
        XCTAssertTrue(only.audit.isEmpty)
    }
}
