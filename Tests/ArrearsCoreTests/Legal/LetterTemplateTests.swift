import ArrearsCore
import XCTest

final class LetterTemplateTests: XCTestCase {
    func testPlaceholdersAreFilled() throws {
        let template = try LetterTemplate("Dear {{customer_name}},\npay {{total_overdue}} by {{pay_by}}.")
        XCTAssertEqual(template.render(["customer_name": "王芳", "total_overdue": "2000.00 CNY", "pay_by": "2026-12-07"]),
                       "Dear 王芳,\npay 2000.00 CNY by 2026-12-07.")
    }

    func testAnUnknownPlaceholderNamesItsLine() {
        XCTAssertThrowsError(try LetterTemplate("Dear {{customer_name}},\n\n{{custmer_address}}")) { error in
            XCTAssertEqual((error as? LetterTemplate.Problem)?.line, 3)
            XCTAssertTrue("\(error)".contains("custmer_address"))
        }
        XCTAssertThrowsError(try LetterTemplate("{{pay_by")) { XCTAssertEqual(($0 as? LetterTemplate.Problem)?.line, 1) }
    }

    func testTheShippedTemplatesUseOnlyKnownFields() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for language in ["zh-CN", "en"] {
            let text = try String(contentsOf: root.appendingPathComponent("config/letters/demand_letter.\(language).txt"), encoding: .utf8)
            XCTAssertTrue(try LetterTemplate(text).text.contains("{{customer_address}}"), language)
        }
    }
}
