import ArrearsCore
import XCTest

/// Messages in the customer's language, with name, amount, due date and how to pay.
final class MessageTemplateTests: XCTestCase {
    private let values = ["name": "张伟", "amount": "1234.50", "currency": "CNY", "due_date": "2026-11-01", "dpd": "22",
                          "pay_url": "https://pay.example.cn/CASE-1"]
    private var templates: [String: MessageTemplate] { StrategyFixture.strategy().templates }

    func testSMSIsRenderedInChinese() {
        let rendered = templates["reminder_sms"]!.render(.zhCN, values: values)
        XCTAssertNil(rendered.subject)
        XCTAssertEqual(rendered.body, "尊敬的张伟：您应于2026-11-01还款的1234.50CNY已逾期22天，请通过 https://pay.example.cn/CASE-1 还款。")
    }

    func testSMSIsRenderedInEnglish() {
        let rendered = templates["reminder_sms"]!.render(.en, values: values.merging(["name": "Alice Smith"]) { $1 })
        XCTAssertEqual(rendered.body, "Dear Alice Smith, your payment of CNY 1234.50 due on 2026-11-01 is 22 days overdue. Please pay at https://pay.example.cn/CASE-1.")
    }

    func testEmailHasASubjectInBothLanguages() {
        let email = templates["reminder_email"]!
        XCTAssertEqual(email.render(.zhCN, values: values).subject, "还款提醒：1234.50CNY待还")
        XCTAssertEqual(email.render(.en, values: values).subject, "Payment reminder: CNY 1234.50 outstanding")
    }

    func testMissingValueRendersAsNothing() {
        let template = MessageTemplate(name: "t", body: [.en: "Pay {amount} at {pay_url}.", .zhCN: "{amount}"])
        XCTAssertEqual(template.render(.en, values: ["amount": "5"]).body, "Pay 5 at .")
    }

    func testTextWithoutPlaceholdersIsUnchanged() {
        let template = MessageTemplate(name: "t", subject: [.en: ""], body: [.en: "Thank you.", .zhCN: "谢谢。"])
        let rendered = template.render(.en, values: values)
        XCTAssertEqual(rendered.body, "Thank you.")
        XCTAssertNil(rendered.subject, "an empty subject is no subject")
    }
}
