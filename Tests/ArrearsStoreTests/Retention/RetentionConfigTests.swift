import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// The bank's retention period (`retention.yaml`) and the policy pack's minimum keep time.
final class RetentionConfigTests: XCTestCase {
    private var cn: PolicyPack { get throws { try PolicyConfig.loadPack("cn", directory: RetentionRunTests.configDirectory) } }
    private var regF: PolicyPack { get throws { try PolicyConfig.loadPack("us-reg-f", directory: RetentionRunTests.configDirectory) } }

    func testTheCnPackKeepsRecordsAtLeastTwoYears() throws {
        XCTAssertEqual(try cn.minimumRetention?.days, 730)
        XCTAssertEqual(try cn.minimumRetention?.rule.id, "cn.record-retention")
        let shipped = try RetentionConfig.load(fromDirectory: RetentionRunTests.configDirectory, pack: try cn)
        XCTAssertEqual(shipped.periodDays, 730)
        XCTAssertEqual(shipped.minimumDays, 730)
    }

    func testALongerPeriodIsTheBanksChoice() throws {
        XCTAssertEqual(try RetentionConfig.parse("period_days: 1826\n", file: "retention.yaml", pack: try cn).periodDays, 1826)
    }

    func testAPeriodShorterThanThePacksMinimumIsRefusedNamingTheField() throws {
        let cn = try self.cn, regF = try self.regF
        XCTAssertThrowsError(try RetentionConfig.parse("# kept a year\nperiod_days: 365\n", file: "retention.yaml", pack: cn)) { error in
            let description = (error as? ConfigError)?.description ?? "\(error)"
            XCTAssertTrue(description.hasPrefix("retention.yaml:2: period_days 365 is shorter than policy pack 'cn' allows: cn.record-retention keeps records at least 730 days"),
                          description)
        }
        XCTAssertNoThrow(try RetentionConfig.parse("period_days: 365\n", file: "retention.yaml", pack: regF), "us-reg-f sets no minimum")
    }

    func testMistakesNameTheLine() throws {
        let cn = try self.cn
        for (text, message) in [
            ("period_days: two years\n", "retention.yaml:1: period_days must be a whole number of days from 1 to 36500"),
            ("period_days: 0\n", "retention.yaml:1: period_days must be a whole number of days from 1 to 36500"),
            ("period_days: 800\nperiod_years: 2\n", "retention.yaml:2: unknown key 'period_years' (expected period_days)"),
            ("# nothing\n", "retention.yaml: needs period_days, the days personal data is kept after a customer's collection ended"),
        ] {
            XCTAssertThrowsError(try RetentionConfig.parse(text, file: "retention.yaml", pack: cn)) { error in
                XCTAssertEqual((error as? ConfigError)?.description, message)
            }
        }
    }

    func testWithoutTheFileThePacksMinimumIsThePeriodAndAPackWithoutOneNeedsTheFile() throws {
        let cn = try self.cn, regF = try self.regF
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("retention-\(UUID().uuidString)").path
        XCTAssertEqual(try RetentionConfig.load(fromDirectory: empty, pack: cn).periodDays, 730)
        XCTAssertThrowsError(try RetentionConfig.load(fromDirectory: empty, pack: regF)) { error in
            XCTAssertTrue("\(error)".contains("sets no minimum keep time"), "\(error)")
        }
    }
}
