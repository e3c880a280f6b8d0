import ArrearsCore
import ArrearsStore
import Foundation
import XCTest

/// `arrears letters print --date D --out DIR` as a bank's scripts call it (issue 24, "Letters"),
/// on SQLite and PostgreSQL: after `run-day --date D`, DIR holds `letters-D.html` (one letter a
/// page, each with every item the pack requires, names and addresses in clear) and
/// `letters-D.csv` for the mail house; each letter is recorded on its case as sent, once; a
/// customer flagged since the run gets no letter; a template that lacks an item stops both
/// commands with a message naming it.
final class LettersCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private let day = "2026-12-07"

    private func eachDatabase(_ body: (_ options: [String], _ url: DatabaseURL, _ name: String) async throws -> Void) async throws {
        let path = cli.directory.appendingPathComponent("letters.sqlite").path
        try await body(["--database", "sqlite:" + path], .sqlite(path: path), "sqlite")
        if let url = PostgresCommandSupport.url() {
            try await PostgresCommandSupport.fresh(url)
            try await body(["--database", url], .postgres(url: url), "postgres")
        }
    }

    /// L1 (zh-CN), L2 (en, an address with commas and quotes) and L3 owe 300.00 CNY due on
    /// 1 October: 67 days past due on the 7th of December, too little for a visit, so the
    /// strategy writes them its collection letter. L4 owes 1,000 JPY (no decimals).
    private func load(_ options: [String], _ name: String) throws {
        for (kind, lines) in [
            ("customers", ["customer_id,name,address,language,credit_rating", "L1,王芳,上海市黄浦区南京东路100号2单元301室,zh-CN,C",
                           #"L2,John Smith,"Flat 3, ""The Mews"", 12 High Street, Shanghai",en,C"#, "L3,李雷,北京市朝阳区建国路1号,zh-CN,C",
                           "L4,Sato Hana,東京都千代田区1-1,en,C"]),
            ("accounts", ["account_id,customer_id,product,currency,principal,opened_on", "A1,L1,personal_loan,CNY,3000,2026-01-01",
                          "A2,L2,personal_loan,CNY,3000,2026-01-01", "A3,L3,personal_loan,CNY,3000,2026-01-01", "A4,L4,personal_loan,JPY,300000,2026-01-01"]),
            ("dues", ["account_id,due_on,principal,interest,fees", "A1,2026-10-01,280.00,15.00,5.00", "A2,2026-10-01,280.00,15.00,5.00",
                      "A3,2026-10-01,280.00,15.00,5.00", "A4,2026-10-01,1000,0,0"]),
        ] {
            let imported = try cli.run(["import", kind, try cli.file("\(kind).csv", lines)] + options)
            XCTAssertEqual(imported.status, 0, "\(name): \(imported.stderr)")
        }
    }

    private func printLetters(_ options: [String], out: String = "out") throws -> CommandRunner.Result {
        try cli.run(["letters", "print", "--date", day, "--out", out] + options)
    }

    private func file(_ name: String, in folder: String = "out") throws -> String {
        try String(contentsOf: cli.directory.appendingPathComponent(folder).appendingPathComponent(name), encoding: .utf8)
    }

    /// The CSV's rows, each by column name, read by the project's own reader.
    private func rows(_ csv: String) throws -> (header: [String], rows: [[String: String]]) {
        let table = try CSVTable(parsing: csv)
        return (table.header, table.records.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0)) })
    }

    func testPrintWritesOneA4PagePerLetterAndTheMailHouseCSVAndRecordsEachLetterOnceOnItsCase() async throws {
        try await eachDatabase { options, url, name in
            try load(options, name)
            let ran = try cli.run(["run-day", "--date", day] + options)
            XCTAssertEqual(ran.status, 0, "\(name): \(ran.stderr)")
            XCTAssertTrue(ran.stderr.contains("letters queued 4"), "\(name): \(ran.stderr)")
            // L3 disputes the debt after the run and before the letters are printed.
            let flagged = try cli.run(["flag", "add", "--customer", "L3", "--flag", "dispute", "--note", "phoned in"] + options)
            XCTAssertEqual(flagged.status, 0, "\(name): \(flagged.stderr)")

            let printed = try printLetters(options)
            XCTAssertEqual(printed.status, 0, "\(name): \(printed.stderr)")
            XCTAssertTrue(printed.stdout.contains("3 printed (3 sent now, 0 reprinted), 1 withheld now"), "\(name): \(printed.stdout)")
            XCTAssertTrue(printed.stderr.contains("withheld LTR-L3-20261207: universal.dispute"), "\(name): \(printed.stderr)")

            let csv = try file("letters-\(day).csv")
            let (header, rows) = try rows(csv)
            XCTAssertEqual(header, ["letter_id", "case_id", "customer_id", "name", "address", "balance", "currency", "template", "language"], name)
            XCTAssertEqual(rows.map { $0["letter_id"] }, ["LTR-L1-20261207", "LTR-L2-20261207", "LTR-L4-20261207"], name)
            XCTAssertEqual(rows[0], ["letter_id": "LTR-L1-20261207", "case_id": "CASE-L1-20261207", "customer_id": "L1", "name": "王芳",
                                     "address": "上海市黄浦区南京东路100号2单元301室", "balance": "300.00", "currency": "CNY",
                                     "template": "collection_letter", "language": "zh-CN"], name)
            XCTAssertEqual(rows[1]["address"], #"Flat 3, "The Mews", 12 High Street, Shanghai"#, "\(name): the address comes back whole")
            XCTAssertEqual(rows[1]["language"], "en", name)
            XCTAssertEqual(rows[2]["balance"], "1000", "\(name): yen have no decimals")
            XCTAssertEqual(rows[2]["currency"], "JPY", name)

            let html = try file("letters-\(day).html")
            XCTAssertTrue(html.contains("@page { size: A4;"), name)
            XCTAssertTrue(html.contains("break-after: page"), name)
            let pages = html.components(separatedBy: "<section class=\"letter\"").dropFirst()
            XCTAssertEqual(pages.count, 3, "\(name): one page per letter")
            let chinese = try XCTUnwrap(pages.first { $0.contains("id=\"LTR-L1-20261207\"") }, name)
            XCTAssertTrue(chinese.contains("lang=\"zh-CN\""), name)
            for item in ["王芳", "上海市黄浦区南京东路100号2单元301室", "300.00 CNY", "法律依据", "权利和义务", "异议", "联系电话", "（盖章）", "LTR-L1-20261207"] {
                XCTAssertTrue(chinese.contains(item), "\(name): the zh-CN letter lacks \(item)")
            }
            let english = try XCTUnwrap(pages.first { $0.contains("id=\"LTR-L2-20261207\"") }, name)
            for item in ["John Smith", "Flat 3, &quot;The Mews&quot;, 12 High Street, Shanghai", "300.00 CNY", "legal basis", "rights and obligations",
                         "dispute", "telephone", "[seal]"] {
                XCTAssertTrue(english.contains(item), "\(name): the en letter lacks \(item)")
            }
            XCTAssertFalse(html.contains("李雷"), "\(name): the disputed customer's letter is not printed")
            XCTAssertFalse(html.contains("{{"), name)

            let store = try await Store.open(url)
            let sent = try await store.sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'letter_sent'").first()?.decode(column: "n", as: Int.self)
            let statuses = try await store.sql.raw("SELECT id, status, printed_at FROM letters ORDER BY id").all().map {
                try $0.decode(column: "status", as: String.self)
            }
            await store.shutdown()
            XCTAssertEqual(sent, 3, name)
            XCTAssertEqual(statuses, ["printed", "printed", "withheld", "printed"], name)

            // The same date again, into another folder: the same letters, recorded nothing twice.
            let again = try printLetters(options, out: "again")
            XCTAssertEqual(again.status, 0, "\(name): \(again.stderr)")
            XCTAssertTrue(again.stdout.contains("3 printed (0 sent now, 3 reprinted), 0 withheld now"), "\(name): \(again.stdout)")
            XCTAssertEqual(try file("letters-\(day).csv", in: "again"), csv, name)
            XCTAssertEqual(try file("letters-\(day).html", in: "again"), html, name)
            let reopened = try await Store.open(url)
            let sentAgain = try await reopened.sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'letter_sent'").first()?.decode(column: "n", as: Int.self)
            await reopened.shutdown()
            XCTAssertEqual(sentAgain, 3, name)
            XCTAssertEqual(try cli.run(["audit", "verify"] + options).status, 0, name)
        }
    }

    /// The letters centre prints the file as it is: Chromium's print of it has exactly one A4
    /// page per letter (neither letter runs over onto a second page).
    func testChromiumPrintsEachLetterOnExactlyOneA4Page() throws {
        guard let chromium = WebDriver.chromiumCandidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            if ProcessInfo.processInfo.environment["ARREARS_REQUIRE_BROWSER"] == "1" { XCTFail("chromium is required but not installed") }
            throw XCTSkip("chromium is not installed")
        }
        try load(cli.databaseOption, "sqlite")
        XCTAssertEqual(try cli.run(["run-day", "--date", day] + cli.databaseOption).status, 0)
        let printed = try printLetters(cli.databaseOption)
        XCTAssertEqual(printed.status, 0, printed.stderr)
        let html = cli.directory.appendingPathComponent("out/letters-\(day).html"), pdf = cli.directory.appendingPathComponent("letters.pdf")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--user-data-dir=" + cli.directory.appendingPathComponent("chromium").path,
                             "--print-to-pdf=" + pdf.path, html.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let document = String(decoding: try Data(contentsOf: pdf), as: UTF8.self)
        let pages = document.components(separatedBy: "/Type /Page").count - 1 - (document.components(separatedBy: "/Type /Pages").count - 1)
        XCTAssertEqual(pages, 4, "four letters, four pages")
        XCTAssertTrue(document.contains("/MediaBox [0 0 594.95996 841.91998]"), "A4: 210 x 297 mm")
    }

    func testATemplateWithoutTheSealStopsRunDayAndPrintNamingTheTemplateAndTheItem() throws {
        let config = cli.directory.appendingPathComponent("bad-config")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appendingPathComponent("config"), to: config)
        let template = config.appendingPathComponent("letters/collection_letter.zh-CN.txt")
        try (try String(contentsOf: template, encoding: .utf8)).replacingOccurrences(of: "（盖章）", with: "").write(to: template, atomically: true, encoding: .utf8)
        let options = cli.databaseOption + ["--config", config.path]
        try load(options, "sqlite")
        for command in [["run-day", "--date", day], ["letters", "print", "--date", day, "--out", "out"]] {
            let refused = try cli.run(command + options)
            XCTAssertEqual(refused.status, 1, "\(command[0]): \(refused.stderr)")
            XCTAssertTrue(refused.stderr.contains("the letter template 'collection_letter' (zh-CN) lacks seal, which rule cn.letter-content"), refused.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("out").path), "nothing is printed")
        let report = try cli.run(["report", "actions", "--date", day] + options)
        XCTAssertEqual(report.stdout.split(separator: "\n").count, 1, "the day did not run: \(report.stdout)")
    }

    func testABadOptionIsAUsageErrorAndADateWithoutLettersWritesEmptyFiles() throws {
        let bad = try cli.run(["letters", "print", "--date", "2026-13-01", "--out", "out"] + cli.databaseOption)
        XCTAssertEqual(bad.status, 64, bad.stderr)
        let missing = try cli.run(["letters", "print", "--date", day] + cli.databaseOption)
        XCTAssertEqual(missing.status, 64, missing.stderr)
        let none = try printLetters(cli.databaseOption)
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertEqual(try file("letters-\(day).csv"), "letter_id,case_id,customer_id,name,address,balance,currency,template,language\n")
        XCTAssertFalse(try file("letters-\(day).html").contains("<section"))
    }
}
