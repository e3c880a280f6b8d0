import ArrearsCore
@testable import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The policy pack's rules and the contact channels in the page's language: a call logged at
/// 06:57 in Shanghai breaks `cn.quiet-hours`; on Chinese pages the case page and the supervisor's
/// breaches say so in Chinese (the pack describes its rules in English), and name the channel in
/// words rather than by its code.
final class PolicyWordsPageTests: XCTestCase {
    static let quietHoursInChinese = "客户当地时间 22:00 至次日 08:00 不得致电、发送信息或外访"

    func testChinesePagesShowTheRuleAndTheChannelInChinese() async throws {
        try await ContactFixture.each(now: ContactBreachTests.morning) { fixture, database in
            try await fixture.addUser("zhang", .collector, agentId: "c001")
            let collector = Browser(app: fixture.app)
            _ = try await collector.signIn("zhang", SecurityFixture.password)
            _ = try await collector.get("/work/cases/CASE-C1?lang=zh-CN")
            let logged = try await collector.post("/work/cases/CASE-C1/attempts", ["channel": "call", "outcome": "no_answer", "note": "dialled at dawn"])
            let location = try XCTUnwrap(logged.headers.first(name: .location), database)

            let page = try await collector.get(location).body.string
            let warning = page.components(separatedBy: "id=\"breach-warning\"").last?.components(separatedBy: "</p>").first ?? ""
            XCTAssertTrue(warning.contains(Self.quietHoursInChinese), "\(database): \(warning)")
            let now = page.components(separatedBy: "id=\"contact-now\"").last?.components(separatedBy: "</ul>").first ?? ""
            XCTAssertTrue(now.contains("<li>电话: "), "\(database): \(now)")
            XCTAssertTrue(now.contains(Self.quietHoursInChinese), "\(database): why a call is refused now, in Chinese: \(now)")
            XCTAssertFalse(now.contains("No calls"), "\(database): \(now)")

            let supervisor = try await fixture.signedIn(.supervisor)
            let board = try await supervisor.get("/supervisor?lang=zh-CN").body.string
            let table = board.components(separatedBy: "id=\"breaches\"").last?.components(separatedBy: "</table>").first ?? ""
            XCTAssertTrue(table.contains("<td>电话</td>"), "\(database): the channel in words, not `call`: \(table)")
            XCTAssertTrue(table.contains(Self.quietHoursInChinese), "\(database): \(table)")
            XCTAssertFalse(table.contains(ContactBreachTests.quietHoursInHTML), database)

            let english = try await supervisor.get("/supervisor?lang=en").body.string
            let englishTable = english.components(separatedBy: "id=\"breaches\"").last?.components(separatedBy: "</table>").first ?? ""
            XCTAssertTrue(englishTable.contains("<td>Call</td>"), "\(database): \(englishTable)")
            XCTAssertTrue(englishTable.contains(ContactBreachTests.quietHoursInHTML), "\(database): English pages keep the pack's words")
        }
    }

    func testAChineseLegalPageSaysWhyALegalStepIsRefusedInChinese() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            _ = try await ContactRecords.addFlag(CustomerFlag(kind: .dispute), customerId: "CW1", note: "test", by: "user:test", on: fixture.store.sql)
            let browser = try await fixture.signedIn(.legal)
            _ = try await browser.get("/legal?lang=zh-CN")
            let page = try await browser.post("/legal", ["case_id": "KW1", "reason": "refuses all contact"])
            XCTAssertEqual(page.status, .conflict, database)
            XCTAssertTrue(page.body.string.contains("客户对债务提出异议：异议期间法律行动暂停"), "\(database): \(page.body.string)")
            XCTAssertFalse(page.body.string.contains("flagged dispute"), database)
        }
    }

    func testEveryRuleOfTheShippedPacksHasChineseWords() throws {
        let root = URL(fileURLWithPath: PortfolioPageTests.packageRoot).appendingPathComponent("config/policies")
        var missing: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: root.path) where file.hasSuffix(".yaml") {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("- id: ") {
                let id = line.trimmingCharacters(in: .whitespaces).dropFirst("- id: ".count).trimmingCharacters(in: .whitespaces)
                if Catalogue.chinese["rule_" + id] == nil { missing.append(id) }
            }
        }
        XCTAssertEqual(missing, [], "rules a Chinese page would show in English")
    }
}
