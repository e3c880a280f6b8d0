import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import PropertyBased
import Testing

/// Properties of what reads files from outside: the CSV readers and the YAML configuration
/// loaders. Whatever the bytes, they answer records or a typed error, never a trap; a table
/// written as CSV reads back field for field.
@Suite struct InputFileProperties {
    static let anyBytes = Gen<UInt8>.value(in: 0...255).array(of: 0...300)
    /// Bytes that make CSV hard: quotes, commas, line ends, a BOM's first byte, multibyte UTF-8.
    static let csvBytes = Gen<UInt8?>.element(of: Array("a,\"\n\r 1".utf8) + [0xEF, 0xBB, 0xBF, 0xE4, 0xB8, 0xAD, 0x00, 0xFF]).map { $0 ?? 0x61 }.array(of: 0...300)
    static let fieldText = Gen<Character?>.element(of: Array("ab,\"\n\r 中1")).map { $0 ?? "a" }.string(of: 0...12)

    private static func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-property-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        return url
    }

    private static func readAll(_ url: URL) throws -> [[String]] {
        let reader = try CSVReader(path: url.path)
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record.fields) }
        return records
    }

    /// RFC 4180: every field quoted, quotes doubled.
    private static func csv(_ rows: [[String]]) -> String {
        rows.map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    @Test func theFileReaderReadsAnyBytesOrSaysWhatIsWrong() async throws {
        await propertyCheck(count: 300, input: Gen.oneOf(Self.anyBytes, Self.csvBytes)) { bytes in
            let url = try Self.temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(at: url) }
            do { _ = try Self.readAll(url) } catch let error as CSVError {
                #expect(error == .unterminatedQuote(line: error.line))
            }
        }
    }

    @Test func aTableWrittenAsCSVReadsBackFieldForField() async throws {
        await propertyCheck(count: 300, input: Self.fieldText.array(of: 1...5).array(of: 1...6)) { rows in
            let table = rows.map { $0.isEmpty ? [""] : $0 }.filter { $0 != [""] }
            guard !table.isEmpty else { return }
            let url = try Self.temporaryFile(Array(Self.csv(table).utf8))
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(try Self.readAll(url) == table)
        }
    }

    @Test func theScorecardTableReadsAnyTextOrSaysWhatIsWrong() async {
        await propertyCheck(count: 500, input: Gen.oneOf(Self.anyBytes, Self.csvBytes)) { bytes in
            _ = try? CSVTable(parsing: String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func theScorecardTableReadsBackATableWrittenAsCSV() async {
        await propertyCheck(count: 300, input: Self.fieldText.array(of: 2...2).array(of: 1...6)) { rows in
            var header = ["h1", "h2"]
            let body = rows.filter { $0 != ["", ""] }
            header = header.map { $0 }
            let table = try? CSVTable(parsing: Self.csv([header] + body))
            #expect(table?.records == body)
        }
    }

    // MARK: Configuration

    /// Every shipped configuration file, by loader.
    static let configFiles: [(name: String, text: String)] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config")
        return ["buckets.yaml", "selfservice.yaml", "dates.yaml", "teams.yaml", "authority.yaml", "costs.yaml", "strategy.yaml", "regions.yaml", "outbox.yaml",
                "outcomes.yaml", "policy.yaml", "policies/cn.yaml", "policies/universal.yaml", "policies/holidays.yaml"].map { name in
            (name, (try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)) ?? "")
        }
    }()

    /// Loads `text` as the configuration file `name`; a refusal must be a `ConfigError`.
    private static func load(_ name: String, _ text: String) throws {
        let file = "/tmp/\(name)"
        switch name {
        case "buckets.yaml": _ = try BucketConfig.parse(text, file: file)
        case "selfservice.yaml": _ = try SelfServiceConfig.parse(text, file: file)
        case "dates.yaml": _ = try DateRulesConfig.parse(text, file: file)
        case "teams.yaml": _ = try TeamsConfig.parse(text, file: file)
        case "authority.yaml": _ = try AuthorityConfig.parse(text, file: file)
        case "costs.yaml": _ = try CostsConfig.parse(text, file: file)
        case "strategy.yaml": _ = try StrategyConfig.parse(text, file: file, buckets: .standard)
        case "regions.yaml": _ = try VisitPlaces.parse(text, file: file)
        case "outbox.yaml": _ = try OutboxConfig.parse(text, file: file)
        case "outcomes.yaml": _ = try OutcomeConfig.parse(text, file: file)
        default: try loadPolicy(name, text)
        }
    }

    /// The policy files load from a folder: `text` replaces `name` in a copy of the shipped one.
    private static func loadPolicy(_ name: String, _ text: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-policy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("policies"), withIntermediateDirectories: true)
        for (file, content) in configFiles where file == "policy.yaml" || file.hasPrefix("policies/") {
            try (file == name ? text : content).write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        _ = try PolicyConfig.load(fromDirectory: folder.path)
    }

    /// The text with one mutation: a line dropped or repeated, a value replaced by an extreme one,
    /// a span cut out, or random bytes put in.
    private static func mutate(_ text: String, kind: Int, at share: Double, with noise: [UInt8]) -> String {
        var lines = text.components(separatedBy: "\n")
        let index = min(lines.count - 1, Int(Double(lines.count) * share))
        switch kind {
        case 0: lines.remove(at: index)
        case 1: lines.insert(lines[index], at: index)
        case 2:
            let extremes = ["9223372036854775807", "-9223372036854775808", "99999999999999999999", "-1", "0", "9999-12-31", "0001-01-01", "1e308", "~", "[]", "{}",
                            "\"\"", String(repeating: "x", count: 10_000), "&a", "*a", "!!binary AAAA", "\u{0}"]
            if let colon = lines[index].firstIndex(of: ":") {
                lines[index] = String(lines[index][...colon]) + " " + extremes[noise.count % extremes.count]
            } else {
                lines[index] += " " + extremes[noise.count % extremes.count]
            }
        case 3:
            var bytes = Array(text.utf8)
            let start = min(bytes.count, Int(Double(bytes.count) * share))
            bytes.removeSubrange(start..<min(bytes.count, start + noise.count))
            return String(decoding: bytes, as: UTF8.self)
        default:
            var bytes = Array(text.utf8)
            bytes.insert(contentsOf: noise, at: min(bytes.count, Int(Double(bytes.count) * share)))
            return String(decoding: bytes, as: UTF8.self)
        }
        return lines.joined(separator: "\n")
    }

    @Test func everyShippedConfigurationLoads() throws {
        for (name, text) in Self.configFiles {
            #expect(!text.isEmpty, "\(name) is shipped")
            try Self.load(name, text)
        }
    }

    @Test func mutatedConfigurationLoadsOrIsAConfigErrorNeverATrap() async {
        let files = Gen<Int>.value(in: 0...(Self.configFiles.count - 1))
        let noise = Gen<UInt8>.value(in: 0...255).array(of: 0...20)
        await propertyCheck(count: 600, input: files, Gen.int(in: 0...4), Gen.double(in: 0...1), noise) { file, kind, share, bytes in
            let (name, text) = Self.configFiles[file]
            let mutated = Self.mutate(text, kind: kind, at: share, with: bytes)
            do { try Self.load(name, mutated) } catch {
                #expect(error is ConfigError, "\(name): \(error) for\n\(mutated.prefix(2_000))")
            }
        }
    }

    @Test func randomTextAsConfigurationIsAConfigErrorNeverATrap() async {
        let files = Gen<Int>.value(in: 0...(Self.configFiles.count - 1))
        let yamlish = Gen<Character?>.element(of: Array("ab: -\n [ ]{},&*!|>'\"#%@`9 ")).map { $0 ?? " " }.string(of: 0...80)
        await propertyCheck(count: 400, input: files, Gen.oneOf(Self.anyBytes.map { String(decoding: $0, as: UTF8.self) }, yamlish)) { file, text in
            let name = Self.configFiles[file].name
            do { try Self.load(name, text) } catch {
                #expect(error is ConfigError, "\(name): \(error) for \(text.debugDescription)")
            }
        }
    }
}

private extension CSVError {
    var line: Int {
        switch self {
        case .unterminatedQuote(let line), .invalidUTF8(let line): line
        case .cannotOpen, .missingHeader: 0
        }
    }
}
