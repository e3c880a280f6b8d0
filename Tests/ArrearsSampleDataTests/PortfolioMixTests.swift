import ArrearsCore
import ArrearsSampleData
import XCTest

/// The customers and accounts come in the proportions of a Chinese retail lender's book.
final class PortfolioMixTests: XCTestCase {
    private let files = GeneratedFiles.standard

    private func shares(of column: String, in table: CSVTable) -> [String: Double] {
        var counts: [String: Int] = [:]
        for row in table.rows { counts[table.value(column, in: row), default: 0] += 1 }
        return counts.mapValues { Double($0) / Double(table.rows.count) }
    }

    func testCreditRatingsAreSkewed() {
        let ratings = shares(of: "credit_rating", in: files.customers)
        for (rating, expected) in ["A": 0.20, "B": 0.30, "C": 0.25, "D": 0.15, "E": 0.10] {
            XCTAssertEqual(ratings[rating] ?? 0, expected, accuracy: 0.03, rating)
        }
    }

    func testMostCustomersAreChinese() {
        let languages = shares(of: "language", in: files.customers)
        XCTAssertEqual(languages["zh-CN"] ?? 0, 0.85, accuracy: 0.03)
        XCTAssertEqual(languages["en"] ?? 0, 0.15, accuracy: 0.03)
        let zones = shares(of: "time_zone", in: files.customers)
        XCTAssertGreaterThan(zones[""] ?? 0, 0.1, "some leave the time zone to the default")
        for zone in ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Singapore", "Europe/London", "America/New_York"] {
            XCTAssertGreaterThan(zones[zone] ?? 0, 0, zone)
        }
    }

    func testChineseCustomersHaveChineseIdentityAndMobile() {
        let chinese = files.customers.rows.filter { files.customers.value("language", in: $0) == "zh-CN" }
        for row in chinese {
            let id = files.customers.value("id_number", in: row)
            XCTAssertTrue(id.isEmpty || (id.count == 18 && id.dropLast().allSatisfy(\.isNumber) && (id.last!.isNumber || id.last == "X")), id)
            let mobile = Array(files.customers.value("mobile", in: row).utf8)
            XCTAssertTrue(mobile.isEmpty || (mobile.count == 11 && mobile[0] == UInt8(ascii: "1") && (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(mobile[1])))
            XCTAssertEqual(files.customers.value("time_zone", in: row).isEmpty ? "Asia/Shanghai" : files.customers.value("time_zone", in: row), "Asia/Shanghai")
        }
        let withEmail = chinese.filter { !files.customers.value("email", in: $0).isEmpty }
        XCTAssertGreaterThan(Double(withEmail.count) / Double(chinese.count), 0.75, "most have an e-mail address")
    }

    func testProductsAreInRealisticProportions() {
        let products = shares(of: "product", in: files.accounts)
        XCTAssertEqual(products["credit_card"] ?? 0, 0.60, accuracy: 0.04)
        XCTAssertEqual(products["personal_loan"] ?? 0, 0.35, accuracy: 0.04)
        XCTAssertEqual(products["corporate_loan"] ?? 0, 0.05, accuracy: 0.02)
    }

    func testCorporateLoansAreLargerAndHeldByFewCustomers() {
        func principals(_ product: String) -> [Double] {
            files.accounts.rows.filter { files.accounts.value("product", in: $0) == product && files.accounts.value("currency", in: $0) == "CNY" }
                .map { Double(files.accounts.value("principal", in: $0))! }.sorted()
        }
        let corporate = principals("corporate_loan"), personal = principals("personal_loan")
        XCTAssertGreaterThan(corporate[corporate.count / 2], personal[personal.count / 2] * 5)
        let holders = Set(files.accounts.rows.filter { files.accounts.value("product", in: $0) == "corporate_loan" }
            .map { files.accounts.value("customer_id", in: $0) })
        XCTAssertLessThan(Double(holders.count) / Double(files.customers.rows.count), 0.08)
    }

    func testForeignCurrenciesAreRareAndForEnglishSpeakingCustomers() {
        let currencies = shares(of: "currency", in: files.accounts)
        XCTAssertGreaterThan(currencies["CNY"] ?? 0, 0.97)
        XCTAssertGreaterThan(currencies["USD"] ?? 0, 0)
        XCTAssertGreaterThan(currencies["HKD"] ?? 0, 0)
        XCTAssertGreaterThan(currencies["JPY"] ?? 0, 0, "a few accounts have a currency without minor units")
        let english = Set(files.customers.rows.filter { files.customers.value("language", in: $0) == "en" }
            .map { files.customers.value("customer_id", in: $0) })
        for row in files.accounts.rows where files.accounts.value("currency", in: row) != "CNY" {
            XCTAssertTrue(english.contains(files.accounts.value("customer_id", in: row)))
        }
    }

    func testYenAccountsExistFromAThousandCustomers() throws {
        let files = try GeneratedFiles(customers: 1_000, seed: 99)
        XCTAssertTrue(files.accounts.rows.contains { files.accounts.value("currency", in: $0) == "JPY" })
    }

    func testAccountsWereOpenedThreeToTwelveMonthsBeforeAsOf() {
        let asOf = GeneratedFiles.asOf
        for row in files.accounts.rows {
            let openedOn = LocalDate(iso: files.accounts.value("opened_on", in: row))!
            XCTAssertTrue((asOf.adding(months: -12)...asOf.adding(months: -3)).contains(openedOn), "\(openedOn)")
        }
    }

    func testLoanInstalmentsSplitThePrincipalEvenly() {
        let loans = Set(files.accounts.rows.filter { files.accounts.value("product", in: $0) != "credit_card" }
            .map { files.accounts.value("account_id", in: $0) })
        var principalsByLoan: [String: [String]] = [:]
        for row in files.dues.rows where loans.contains(files.dues.value("account_id", in: row)) {
            principalsByLoan[files.dues.value("account_id", in: row), default: []].append(files.dues.value("principal", in: row))
        }
        for (loan, principals) in principalsByLoan {
            XCTAssertEqual(Set(principals.dropLast()).count, 1, "\(loan): \(principals)")
        }
    }
}
