import ArrearsCore
import ArrearsSampleData
import XCTest

/// As of the as-of date the portfolio looks like a lender's book in collections: mostly
/// current, about a third delinquent, and every standard bucket populated.
final class DelinquencyMixTests: XCTestCase {
    private static let positions: [AccountPosition] = {
        let files = GeneratedFiles.standard
        let currencies = files.accountCurrencies
        var dues: [String: [Due]] = [:]
        for row in files.dues.rows {
            var reader = files.dues.reader(for: row)
            let record = try! DueRecord(reading: &reader, currency: currencies[files.dues.value("account_id", in: row)])
            dues[record.accountId, default: []].append(record.due)
        }
        var payments: [String: [PaymentAmount]] = [:]
        for row in files.payments.rows {
            var reader = files.payments.reader(for: row)
            let record = try! PaymentRecord(reading: &reader, accountCurrency: currencies[files.payments.value("account_id", in: row)])
            payments[record.accountId, default: []].append(PaymentAmount(paidOn: record.paidOn, amount: record.amount))
        }
        return currencies.keys.sorted().map {
            AccountPosition(dues: dues[$0] ?? [], payments: payments[$0] ?? [], asOf: GeneratedFiles.asOf)
        }
    }()

    func testEveryDefaultBucketIsPopulated() {
        var counts: [String: Int] = [:]
        for position in Self.positions {
            counts[BucketScheme.standard.bucket(forDaysPastDue: position.daysPastDue).name, default: 0] += 1
        }
        for bucket in BucketScheme.standard.buckets {
            XCTAssertGreaterThanOrEqual(counts[bucket.name] ?? 0, 20, "bucket \(bucket.name): \(counts)")
        }
    }

    func testAboutAThirdOfAccountsAreDelinquent() {
        let share = Double(Self.positions.filter(\.isDelinquent).count) / Double(Self.positions.count)
        XCTAssertEqual(share, 0.33, accuracy: 0.08)
    }

    func testSomeAccountsAreOverpaid() {
        XCTAssertTrue(Self.positions.contains { $0.credit > 0 })
    }

    func testSomeDuesFallAfterAsOfButNoneBeyondTwoMonths() {
        let files = GeneratedFiles.standard
        let dates = files.dues.rows.map { LocalDate(iso: files.dues.value("due_on", in: $0))! }
        XCTAssertTrue(dates.contains { $0 > GeneratedFiles.asOf })
        XCTAssertTrue(dates.allSatisfy { $0 <= GeneratedFiles.asOf.adding(months: 2) })
    }
}
