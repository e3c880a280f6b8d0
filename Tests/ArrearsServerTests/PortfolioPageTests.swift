import ArrearsCore
import ArrearsServer
import ArrearsStore
import Foundation
import XCTVapor

final class PortfolioPageTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    private var directory: URL!
    private var store: Store!
    private var app: Application!
    /// Signed in as a supervisor, who may see the overview.
    private var browser: Browser!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try await Store.open(.sqlite(path: directory.appendingPathComponent("s.sqlite").path))
        let fixture = try await SecurityFixture.make(store)
        app = fixture.app
        browser = try await fixture.signedIn(.supervisor)
    }

    override func tearDown() async throws {
        try await app.asyncShutdown()
        await store.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    private func load(_ files: [ImportKind: [String]], asOf: String) async throws {
        for kind in ImportKind.allCases {
            guard let lines = files[kind] else { continue }
            let path = directory.appendingPathComponent("\(kind.rawValue).csv").path
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            _ = try await PortfolioImporter(store: store).importFile(kind, path: path) { XCTFail($0.description) }
        }
        try await PositionRepository(store: store, buckets: .standard).recompute(asOf: LocalDate(iso: asOf)!)
    }

    private let portfolio: [ImportKind: [String]] = [
        .customers: ["customer_id,name,credit_rating", "C1,王芳,B", "C2,李雷,C", "C3,Amy,A"],
        .accounts: [
            "account_id,customer_id,product,currency,principal,opened_on",
            "A1,C1,credit_card,CNY,1000,2026-01-01", "A2,C2,personal_loan,CNY,1000,2026-01-01",
            "A3,C3,personal_loan,JPY,100000,2026-01-01", "<b>A4</b>,C3,credit_card,CNY,10,2026-01-01",
        ],
        .dues: [
            "account_id,due_on,principal,interest,fees",
            "A1,2026-02-20,1234.50,0,0", "A2,2026-01-01,100000.00,0,0", "A3,2026-02-01,50000,0,0", "<b>A4</b>,2026-02-28,1,0,0",
        ],
        .payments: ["payment_id,account_id,paid_on,amount,currency,channel", "P1,<b>A4</b>,2026-02-01,1.00,CNY,card"],
    ]

    func testHealthAnswersOkWithTheDatabaseReachable() async throws {
        try await app.test(.GET, "health") { response async in
            XCTAssertEqual(response.status, .ok)
            let body = try? JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: String]
            XCTAssertEqual(body, ["status": "ok", "database": "reachable"])
        }
    }

    func testHealthIsUnavailableWhenTheDatabaseIsGone() async throws {
        await store.shutdown()
        try await app.test(.GET, "health") { response async in
            XCTAssertEqual(response.status, .serviceUnavailable)
        }
    }

    func testFirstPageListsDelinquentAccountsByBucketWithAmounts() async throws {
        try await load(portfolio, asOf: "2026-03-01")
        let response = try await browser.get("/")
        XCTAssertEqual(response.status, .ok)
        let html = response.body.string
        XCTAssertTrue(html.contains("逾期账户概览"))
        XCTAssertTrue(html.contains(#"<time id="as-of">2026-03-01</time>"#))
        XCTAssertTrue(html.contains(#"<span id="delinquent-count">3</span>"#), "A1 (9 days), A2 (59 days), A3 (28 days)")
        XCTAssertTrue(html.contains("1,234.50"), "A1's overdue amount, grouped")
        XCTAssertTrue(html.contains("100,000.00"))
        XCTAssertTrue(html.contains(#"<td class="num">50,000</td>"#), "yen has no decimals")
        XCTAssertFalse(html.contains("<b>A4</b>"), "ids are escaped, never markup")
    }

    func testPageSpeaksEnglishWhenAsked() async throws {
        try await load(portfolio, asOf: "2026-03-01")
        let asked = try await browser.get("/?lang=en").body.string
        XCTAssertTrue(asked.contains("Delinquency overview"))
        XCTAssertTrue(asked.contains("Personal loan"))
        let accepted = try await browser.get("/", headers: ["Accept-Language": "en-GB,en;q=0.9"]).body.string
        XCTAssertTrue(accepted.contains("Delinquency overview"))
        browser.setCookie("theme", "dark")
        let plain = try await browser.get("/").body.string
        XCTAssertFalse(plain.contains("Delinquency overview"), "Chinese when nothing asks for English")
        let otherCookies = try await browser.get("/", headers: ["Accept-Language": "en"]).body.string
        XCTAssertTrue(otherCookies.contains("Delinquency overview"), "cookies without lang leave Accept-Language to decide")
        browser.setCookie("lang", "en")
        let remembered = try await browser.get("/").body.string
        XCTAssertTrue(remembered.contains("Delinquency overview"), "the lang cookie, among others")
        let chinese = try await browser.get("/?page=1&lang=zh-CN").body.string
        XCTAssertFalse(chinese.contains("Delinquency overview"), "the query comes before the cookie")
    }

    func testBucketFilterShowsOnlyThatBucket() async throws {
        try await load(portfolio, asOf: "2026-03-01")
        let html = try await browser.get("/?bucket=31-60&lang=en").body.string
        XCTAssertTrue(html.contains("<td>A2</td>"))
        XCTAssertFalse(html.contains("<td>A1</td>"))
        XCTAssertFalse(html.contains("<td>A3</td>"))
    }

    func testBeforeAnyRecomputeThePageSaysSo() async throws {
        let response = try await browser.get("/?lang=en")
        XCTAssertEqual(response.status, .ok)
        XCTAssertTrue(response.body.string.contains("Delinquency has not been computed yet"))
    }
}
