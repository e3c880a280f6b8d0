import ArrearsCore
import ArrearsStore
import Foundation

/// Reading the retention period from `retention.yaml` (`RetentionConfig`):
///
/// ```yaml
/// period_days: 1095   # kept 3 years after the last case, legal case or complaint closed
/// ```
///
/// A period shorter than the pack's minimum is refused at load, naming `period_days`. Without
/// the file the pack's minimum is the period; a pack without one then needs the file.
extension RetentionConfig {
    public static let fileName = "retention.yaml"

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
