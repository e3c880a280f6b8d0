import ArrearsCore
import Foundation

/// How long the bank keeps a customer's personal data after their collection ended: the
/// retention period, from `retention.yaml`, checked against the policy pack's minimum keep time
/// (`PolicyPack.minimumRetention`; `cn` keeps collection records at least 2 years):
///
/// ```yaml
/// period_days: 1095   # kept 3 years after the last case, legal case or complaint closed
/// ```
///
/// A period shorter than the pack's minimum is refused at load, naming `period_days`. Without
/// the file the pack's minimum is the period; a pack without one then needs the file.
public struct RetentionConfig: Sendable, Equatable {
    public static let fileName = "retention.yaml"
    /// A hundred years: longer is a typing mistake, and dates stay computable.
    public static let longestPeriodDays = 36_500

    /// Days after the end of a customer's collection (`RetentionRun`) before their data is erased.
    public let periodDays: Int
    /// The pack's minimum keep time in days, and the rule that sets it; 0 and nil when none.
    public let minimumDays: Int
    public let minimumRule: String?
    public let pack: String

    public init(periodDays: Int, pack: PolicyPack) {
        self.periodDays = periodDays
        minimumDays = pack.minimumRetention?.days ?? 0
        minimumRule = pack.minimumRetention?.rule.id
        self.pack = pack.id
    }

    /// The period in `directory/retention.yaml`, checked against `pack`.
    public static func load(fromDirectory directory: String, pack: PolicyPack) throws -> RetentionConfig {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            guard let minimum = pack.minimumRetention else {
                throw ConfigError(file: path, line: nil,
                                  message: "is missing: policy pack '\(pack.id)' sets no minimum keep time, so give the bank's period as period_days")
            }
            return RetentionConfig(periodDays: minimum.days, pack: pack)
        }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, file: path, pack: pack)
    }

    public static func parse(_ text: String, file: String, pack: PolicyPack) throws(ConfigError) -> RetentionConfig {
        let keys = ["period_days"]
        guard let root = try ConfigYAML.compose(text, file: file), let mapping = root.mapping else {
            throw ConfigError(file: file, line: nil, message: "needs period_days, the days personal data is kept after a customer's collection ended")
        }
        for key in mapping.keys where !keys.contains(key.string ?? "") {
            throw ConfigError(file: file, line: key.line, message: "unknown key '\(key.string ?? "")' (expected \(keys.joined(separator: ", ")))")
        }
        guard let node = mapping["period_days"] else {
            throw ConfigError(file: file, line: root.line, message: "needs period_days, the days personal data is kept after a customer's collection ended")
        }
        guard let days = node.int, (1...longestPeriodDays).contains(days) else {
            throw ConfigError(file: file, line: node.line, message: "period_days must be a whole number of days from 1 to \(longestPeriodDays)")
        }
        if let minimum = pack.minimumRetention, days < minimum.days {
            throw ConfigError(file: file, line: node.line, message: """
                period_days \(days) is shorter than policy pack '\(pack.id)' allows: \(minimum.rule.id) keeps records at least \(minimum.days) days \
                (\(minimum.rule.description))
                """)
        }
        return RetentionConfig(periodDays: days, pack: pack)
    }
}
