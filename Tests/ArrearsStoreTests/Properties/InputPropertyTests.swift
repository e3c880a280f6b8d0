import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// Properties of the readers of files that come from outside: the CSV reader, and every YAML
/// configuration loader. Whatever the file holds, they answer or refuse with an error that names
/// the place; they never trap, and what a CSV writer writes they read back exactly.
final class InputPropertyTests: XCTestCase {
    private static let configDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config")

    private var files: CSVFiles!

    override func setUpWithError() throws { files = try CSVFiles() }
    override func tearDown() { files.remove() }

    private func read(_ bytes: [UInt8]) throws -> [CSVRecord] {
        let url = files.directory.appendingPathComponent("input.csv")
        try Data(bytes).write(to: url)
        let reader = try CSVReader(path: url.path)
        var records: [CSVRecord] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    private static func quoted(_ field: String) -> String {
        // By scalars: "\r\n" is one Character, equal to neither "\r" nor "\n".
        field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || field.isEmpty
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    func testWhatIsWrittenAsCSVIsReadBackFieldForField() throws {
        checkProperty("CSV round trip", cases: 1_000) { generator -> [[String]] in
            let columns = Int.random(in: 1...6, using: &generator)
            // A row of one empty field is a blank line, which readers skip by design.
            // A header of distinct names, then rows; a row of one empty field is a blank line,
            // which readers skip by design.
            return [(0..<columns).map { "c\($0)" }] + (0..<Int.random(in: 1...8, using: &generator)).map { _ in (0..<columns).map { _ in Arbitrary.word(&generator) } }
                .filter { $0 != [""] }
        } property: { rows in
            guard !rows.isEmpty else { return }
            let text = rows.map { $0.map(Self.quoted).joined(separator: ",") }.joined(separator: "\r\n") + "\n"
            let records = try self.read(Array(text.utf8))
            XCTAssertEqual(records.map(\.fields), rows, text)
            XCTAssertEqual(try CSVTable(parsing: text).records, Array(rows.dropFirst()), text)
        }
    }

    func testAnyBytesAreReadAsRecordsOrRefusedNeverTrapped() throws {
        checkProperty("CSV from any bytes", cases: 3_000) { generator in
            Arbitrary.bytes(&generator, maxLength: 200)
        } property: { bytes in
            if let records = try? self.read(bytes) {
                XCTAssertTrue(records.allSatisfy { !$0.fields.isEmpty })
            }
            _ = try? CSVTable(parsing: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Each shipped configuration file, edited at random (a byte changed, dropped or added, the
    /// file cut short, a number made extreme), is loaded or refused with a `ConfigError`.
    func testEveryConfigLoaderRefusesAnyEditOfItsFileWithAnErrorNeverATrap() throws {
        let buckets = BucketScheme.standard
        let loaders: [(String, (String) throws -> Void)] = [
            ("buckets.yaml", { _ = try BucketConfig.parse($0, file: "buckets.yaml") }),
            ("strategy.yaml", { _ = try StrategyConfig.parse($0, file: "strategy.yaml", buckets: buckets) }),
            ("teams.yaml", { _ = try TeamsConfig.parse($0, file: "teams.yaml") }),
            ("authority.yaml", { _ = try AuthorityConfig.parse($0, file: "authority.yaml") }),
            ("costs.yaml", { _ = try CostsConfig.parse($0, file: "costs.yaml") }),
            ("outbox.yaml", { _ = try OutboxConfig.parse($0, file: "outbox.yaml") }),
            ("selfservice.yaml", { _ = try SelfServiceConfig.parse($0, file: "selfservice.yaml") }),
            ("regions.yaml", { _ = try VisitPlaces.parse($0, file: "regions.yaml") }),
        ]
        let extremes = ["-1", "0", "99999999999999999999", "9223372036854775807", "-9223372036854775808", "1e308", ".nan", "~", "[]", "{}", "\"\"", "9999-12-31", "0001-01-01"]
        for (name, load) in loaders {
            let original = try String(contentsOf: Self.configDirectory.appendingPathComponent(name), encoding: .utf8)
            XCTAssertNoThrow(try load(original), name)
            checkProperty("edits of \(name)", cases: 400) { generator -> String in
                var text = original
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    if Bool.random(using: &generator), let number = text.range(of: #"\b\d+(\.\d+)?\b"#, options: .regularExpression,
                                                                                 range: text.index(text.startIndex, offsetBy: Int.random(in: 0..<text.count, using: &generator))..<text.endIndex) {
                        text.replaceSubrange(number, with: extremes[Int.random(in: 0..<extremes.count, using: &generator)])
                    } else {
                        text = Arbitrary.mutate(text, &generator)
                    }
                }
                return text
            } property: { text in
                do { try load(text) } catch is ConfigError {} catch { XCTFail("\(name): \(error) is not a ConfigError") }
            }
        }
    }

    func testThePolicyPackLoaderRefusesAnyEditOfAPackWithAnErrorNeverATrap() throws {
        let packs = Self.configDirectory.appendingPathComponent("policies")
        for pack in ["cn", "us-reg-f", "uk-fca"] {
            let original = try String(contentsOf: packs.appendingPathComponent(pack + ".yaml"), encoding: .utf8)
            checkProperty("edits of \(pack).yaml", cases: 150) { generator in
                var text = original
                for _ in 0..<Int.random(in: 1...3, using: &generator) { text = Arbitrary.mutate(text, &generator) }
                return text
            } property: { text in
                let directory = self.files.directory.appendingPathComponent("config-\(UUID().uuidString)")
                try FileManager.default.copyItem(at: packs, to: directory)
                try text.write(to: directory.appendingPathComponent(pack + ".yaml"), atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(at: directory) }
                do { _ = try PolicyConfig.loadPack(pack, directory: directory.path) } catch is ConfigError {} catch {
                    XCTFail("\(pack): \(error) is not a ConfigError")
                }
            }
        }
    }
}
