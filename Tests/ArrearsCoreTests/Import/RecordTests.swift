import ArrearsCore
import XCTest

final class RecordTests: XCTestCase {
    private func reader(_ values: [String: String]) -> FieldReader { FieldReader { values[$0] ?? "" } }

    func testCustomerDefaultsTimeZoneAndLanguage() throws {
        var row = reader(["customer_id": "C1", "name": "王芳", "mobile": "13800138000", "credit_rating": "B"])
        let customer = try CustomerRecord(reading: &row)
        XCTAssertEqual(customer.timeZone, "Asia/Shanghai")
        XCTAssertEqual(customer.language, .zhCN)
        XCTAssertEqual(customer.creditRating, .b)
    }

    func testCustomerReportsEveryBadFieldAtOnce() {
        var row = reader(["customer_id": "", "name": "X", "mobile": "call me", "email": "nobody", "time_zone": "Mars/Olympus",
                          "language": "fr", "credit_rating": "F"])
        XCTAssertThrowsError(try CustomerRecord(reading: &row)) { error in
            let columns = (error as? RowErrors)?.errors.map(\.column)
            XCTAssertEqual(columns, ["customer_id", "mobile", "email", "time_zone", "language", "credit_rating"])
        }
    }

    /// Which ID numbers, mobiles and e-mail addresses a customers file may hold: the columns a
    /// row is rejected on, for each value.
    func testCustomerContactFieldsAreCheckedAsDocumented() {
        func rejected(_ column: String, _ value: String) -> Bool {
            var row = reader(["customer_id": "C1", "name": "王芳", "credit_rating": "B", column: value])
            do { _ = try CustomerRecord(reading: &row); return false } catch { return error.errors.map(\.column) == [column] }
        }
        for good in ["110105194912310021", "44030519850615002x", "E12345678"] { XCTAssertFalse(rejected("id_number", good), good) }
        for bad in ["4403-0519", "E1234567８", "A\u{301}123", "12 34"] { XCTAssertTrue(rejected("id_number", bad), bad) }
        for good in ["13800138000", "+86 138-0013-8000", "+852 9123 4567", "12345"] { XCTAssertFalse(rejected("mobile", good), good) }
        for bad in ["call me", "1234", "123456789012345678901", "138+0013", "++8613800138000", "１３８００１３８０００", "138.0013.8000"] {
            XCTAssertTrue(rejected("mobile", bad), bad)
        }
        for good in ["wang.fang@example.com", "a@b.cn", "王芳@例子.中国", "x+tag@mail.example.org"] { XCTAssertFalse(rejected("email", good), good) }
        for bad in ["nobody", "@example.com", "a@b@c.com", "a@example", "a@.example.com", "a@example.com.", "wang fang@example.com", "a@"] {
            XCTAssertTrue(rejected("email", bad), bad)
        }
    }

    func testAccountRejectsUnknownProductAndCurrency() {
        var row = reader(["account_id": "A1", "customer_id": "C1", "product": "mortgage", "currency": "XYZ", "principal": "100", "opened_on": "2026-01-01"])
        XCTAssertThrowsError(try AccountRecord(reading: &row)) { error in
            XCTAssertEqual((error as? RowErrors)?.errors.map(\.column), ["product", "currency"])
        }
    }

    func testAccountCurrencyDefaultsToYuan() throws {
        var row = reader(["account_id": "A1", "customer_id": "C1", "product": "credit_card", "principal": "5000.00", "opened_on": "2026-01-01"])
        let account = try AccountRecord(reading: &row)
        XCTAssertEqual(account.currency, .cny)
        XCTAssertEqual(account.principal, 500_000)
    }

    func testDueAmountsUseTheAccountCurrencyDigits() throws {
        var yen = reader(["account_id": "A1", "due_on": "2026-01-01", "principal": "1000.5"])
        XCTAssertThrowsError(try DueRecord(reading: &yen, currency: Currency(code: "JPY")!)) { error in
            XCTAssertEqual((error as? RowErrors)?.errors.first?.column, "principal")
        }
        var yuan = reader(["account_id": "A1", "due_on": "2026-01-01", "principal": "1000.5", "fees": ""])
        XCTAssertEqual(try DueRecord(reading: &yuan, currency: .cny).due.amount, 100_050)
    }

    func testPaymentCurrencyMustBeTheAccounts() {
        var row = reader(["payment_id": "P1", "account_id": "A1", "paid_on": "2026-01-01", "amount": "10", "currency": "USD"])
        XCTAssertThrowsError(try PaymentRecord(reading: &row, accountCurrency: .cny)) { error in
            let messages = (error as? RowErrors)?.errors.map(\.description) ?? []
            XCTAssertEqual(messages, ["currency: 'USD' is not the account's currency CNY"])
        }
    }

    func testPaymentOfZeroIsRejected() {
        var row = reader(["payment_id": "P1", "account_id": "A1", "paid_on": "2026-01-01", "amount": "0.00", "currency": "CNY"])
        XCTAssertThrowsError(try PaymentRecord(reading: &row, accountCurrency: .cny)) { error in
            XCTAssertEqual((error as? RowErrors)?.errors.map(\.column), ["amount"])
        }
    }
}

extension RecordTests {
    func testAccountMayCarryAWriteOffDateButNotBeforeItOpened() throws {
        var written = FieldReader { ["account_id": "A1", "customer_id": "C1", "product": "personal_loan", "principal": "100",
                                     "opened_on": "2026-01-01", "written_off_on": "2026-09-30"][$0] ?? "" }
        XCTAssertEqual(try AccountRecord(reading: &written).writtenOffOn, LocalDate(iso: "2026-09-30"))
        var early = FieldReader { ["account_id": "A1", "customer_id": "C1", "product": "personal_loan", "principal": "100",
                                   "opened_on": "2026-01-01", "written_off_on": "2025-12-31"][$0] ?? "" }
        XCTAssertThrowsError(try AccountRecord(reading: &early)) { error in
            XCTAssertEqual((error as? RowErrors)?.errors.map(\.column), ["written_off_on"])
        }
    }
}
