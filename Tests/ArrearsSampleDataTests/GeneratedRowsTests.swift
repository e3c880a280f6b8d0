import ArrearsCore
import ArrearsSampleData
import XCTest

/// Every generated row is one the importer accepts, and the files hang together.
final class GeneratedRowsTests: XCTestCase {
    private let files = GeneratedFiles.standard

    func testEveryRowPassesTheImportValidators() {
        for row in files.customers.rows {
            var reader = files.customers.reader(for: row)
            XCTAssertNoThrow(try CustomerRecord(reading: &reader), "\(row)")
        }
        for row in files.accounts.rows {
            var reader = files.accounts.reader(for: row)
            XCTAssertNoThrow(try AccountRecord(reading: &reader), "\(row)")
        }
        let currencies = files.accountCurrencies
        for row in files.dues.rows {
            var reader = files.dues.reader(for: row)
            XCTAssertNoThrow(try DueRecord(reading: &reader, currency: currencies[files.dues.value("account_id", in: row)]), "\(row)")
        }
        for row in files.payments.rows {
            var reader = files.payments.reader(for: row)
            XCTAssertNoThrow(try PaymentRecord(reading: &reader, accountCurrency: currencies[files.payments.value("account_id", in: row)]), "\(row)")
        }
    }

    func testIdsAreUniqueZeroPaddedAndInOrder() {
        let customerIds = files.customers.rows.map { files.customers.value("customer_id", in: $0) }
        let accountIds = files.accounts.rows.map { files.accounts.value("account_id", in: $0) }
        let paymentIds = files.payments.rows.map { files.payments.value("payment_id", in: $0) }
        XCTAssertEqual(customerIds.first, "C00000001")
        XCTAssertEqual(accountIds.first, "A00000001")
        XCTAssertEqual(paymentIds.first, "P000000001")
        for (ids, width) in [(customerIds, 9), (accountIds, 9), (paymentIds, 10)] {
            XCTAssertEqual(Set(ids).count, ids.count, "ids are unique")
            XCTAssertEqual(ids, ids.sorted(), "text order is generation order")
            XCTAssertTrue(ids.allSatisfy { $0.count == width && $0.dropFirst().allSatisfy(\.isNumber) })
        }
    }

    func testEveryReferenceResolves() {
        let customerIds = Set(files.customers.rows.map { files.customers.value("customer_id", in: $0) })
        let accountIds = Set(files.accounts.rows.map { files.accounts.value("account_id", in: $0) })
        XCTAssertTrue(files.accounts.rows.allSatisfy { customerIds.contains(files.accounts.value("customer_id", in: $0)) })
        XCTAssertTrue(files.dues.rows.allSatisfy { accountIds.contains(files.dues.value("account_id", in: $0)) })
        XCTAssertTrue(files.payments.rows.allSatisfy { accountIds.contains(files.payments.value("account_id", in: $0)) })
        let accountsWithDues = Set(files.dues.rows.map { files.dues.value("account_id", in: $0) })
        XCTAssertEqual(accountsWithDues, accountIds, "every account has dues")
    }

    func testDuesAreUniquePerAccountAndDate() {
        let keys = files.dues.rows.map { files.dues.value("account_id", in: $0) + " " + files.dues.value("due_on", in: $0) }
        XCTAssertEqual(Set(keys).count, keys.count)
    }

    func testPaymentsAreInTheAccountsCurrencyAndNotAfterAsOf() {
        let currencies = files.accountCurrencies
        let asOf = GeneratedFiles.asOf.description
        let channels: Set = ["bank_transfer", "alipay", "wechat_pay", "direct_debit", "counter", "card"]
        for row in files.payments.rows {
            XCTAssertEqual(files.payments.value("currency", in: row), currencies[files.payments.value("account_id", in: row)]?.code)
            XCTAssertLessThanOrEqual(files.payments.value("paid_on", in: row), asOf)
            XCTAssertTrue(channels.contains(files.payments.value("channel", in: row)))
        }
        XCTAssertEqual(Set(files.payments.rows.map { files.payments.value("channel", in: $0) }), channels, "every channel is used")
    }

    func testAmountsHaveTheCurrencysDecimals() {
        for row in files.accounts.rows {
            let principal = files.accounts.value("principal", in: row)
            switch files.accounts.value("currency", in: row) {
            case "JPY": XCTAssertFalse(principal.contains("."), principal)
            default: XCTAssertEqual(principal.split(separator: ".").last?.count, 2, principal)
            }
        }
    }
}
