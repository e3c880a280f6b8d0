import ArrearsCore
import ArrearsWorkflows
import Foundation
import XCTest

/// The collection letters' templates are checked when they are loaded (issue 24, "Letters"): the
/// shipped ones carry every item the cn pack asks for, in both languages; one that lacks an item
/// is refused, naming the template, the language and the item.
final class CollectionLettersTests: XCTestCase {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("letters-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in ["bank.yaml", "collection_letter.zh-CN.txt", "collection_letter.en.txt"] {
            try FileManager.default.copyItem(atPath: Self.config + "/letters/" + file, toPath: folder.appendingPathComponent(file).path)
        }
    }

    override func tearDown() { try? FileManager.default.removeItem(at: folder) }

    private func pack(_ id: String = "cn") throws -> PolicyPack { try PolicyConfig.loadPack(id, directory: Self.config) }

    private func load(_ pack: PolicyPack) throws -> CollectionLetters {
        try CollectionLetters.load(fromDirectory: folder.path, names: ["collection_letter"], pack: pack)
    }

    private func replace(_ file: String, _ old: String, with new: String) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(file) has '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    private func refusal(_ pack: PolicyPack) throws -> String {
        do {
            _ = try load(pack)
            XCTFail("the template was accepted")
            return ""
        } catch let error as ConfigError {
            return error.description
        }
    }

    func testTheShippedLettersCarryEveryItemTheChinesePackAsksForAndFillThemIn() throws {
        let letters = try load(try pack())
        let values = ["name": "王芳", "address": "上海市浦东新区世纪大道100号", "letter_id": "LTR-1", "letter_date": "2026-12-07", "case_id": "CASE-1",
                      "amount": "300.00", "currency": "CNY", "due_date": "2026-10-01", "dpd": "67"]
        let chinese = try XCTUnwrap(letters.render("collection_letter", language: .zhCN, values: values))
        for item in ["王芳", "上海市浦东新区世纪大道100号", "300.00 CNY", "法律依据", "权利和义务", "异议", "联系电话：95500", "（盖章）",
                     "示例商业银行股份有限公司"] {
            XCTAssertTrue(chinese.contains(item), item)
        }
        XCTAssertFalse(chinese.contains("{{"), "every field is filled")
        let english = try XCTUnwrap(letters.render("collection_letter", language: .en, values: values))
        for item in ["legal basis", "rights and obligations", "dispute", "telephone: +86 21 9550 0000", "[seal]", "Example Commercial Bank"] {
            XCTAssertTrue(english.contains(item), item)
        }
    }

    func testALetterWithoutTheSealIsRefusedNamingTheTemplateTheLanguageAndTheItem() throws {
        try replace("collection_letter.zh-CN.txt", "（盖章）", with: "")
        let message = try refusal(try pack())
        XCTAssertTrue(message.contains("collection_letter.zh-CN.txt"), message)
        XCTAssertTrue(message.contains("the letter template 'collection_letter' (zh-CN) lacks seal, which rule cn.letter-content of policy pack cn requires"), message)
    }

    func testALetterWithoutTheLegalBasisOrTheRightsAndObligationsIsRefused() throws {
        try replace("collection_letter.en.txt", "Reason and legal basis", with: "Why we write")
        try replace("collection_letter.en.txt", "Your rights and obligations", with: "What next")
        let message = try refusal(try pack())
        XCTAssertTrue(message.contains("(en) lacks reason and legal basis, rights and obligations, which rule cn.letter-content"), message)
    }

    func testEveryLetterNamesTheAddressWhateverThePack() throws {
        try replace("collection_letter.en.txt", "{{address}}", with: "")
        let message = try refusal(try pack("us-reg-f"))
        XCTAssertTrue(message.contains("the letter template 'collection_letter' (en) lacks {{address}}"), message)
    }

    func testAStrategyWithoutLettersNeedsNoLetterFiles() throws {
        try FileManager.default.removeItem(at: folder.appendingPathComponent("bank.yaml"))
        XCTAssertTrue(try CollectionLetters.load(fromDirectory: folder.path, names: [], pack: try pack()).templates.isEmpty)
        XCTAssertTrue(try refusal(try pack()).contains("bank.yaml: cannot be read"))
    }

    func testAnUnknownFieldAMissingLanguageAndMissingBankDetailsAreRefused() throws {
        try replace("collection_letter.en.txt", "{{dpd}}", with: "{{days}}")
        XCTAssertTrue(try refusal(try pack()).contains("unknown field 'days'"))
        try replace("collection_letter.en.txt", "{{days}}", with: "{{dpd}}")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("collection_letter.zh-CN.txt"))
        XCTAssertTrue(try refusal(try pack()).contains("the letter template 'collection_letter' has no zh-CN text"))
        try FileManager.default.copyItem(atPath: Self.config + "/letters/collection_letter.zh-CN.txt", toPath: folder.appendingPathComponent("collection_letter.zh-CN.txt").path)
        try replace("bank.yaml", "  phone: \"95500\"\n", with: "")
        XCTAssertTrue(try refusal(try pack()).contains("zh-CN: phone is required"))
    }
}
