import ArrearsCore
import ArrearsStore
import Foundation

/// Reads the tighter date rules from `dates.yaml` (`InputDateRules`); every key is optional:
///
/// ```yaml
/// bank_time_zone: Asia/Shanghai   # "today" is today in the bank's own zone
/// payment_tolerance_days: 0       # a payment may be dated at most this many days after today
/// longest_loan_term_years: 40     # no due lies further ahead
/// ```
public enum DateRulesConfig {
    public static let fileName = "dates.yaml"

    /// The rules in `directory/dates.yaml`, or the defaults when there is no such file.
    public static func load(fromDirectory directory: String) throws -> InputDateRules {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return InputDateRules() }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> InputDateRules {
        let root = try ConfigYAML.compose(text, file: file)
        guard let root else { return InputDateRules() }
        let keys = ["bank_time_zone", "payment_tolerance_days", "longest_loan_term_years"]
        guard let mapping = root.mapping else { throw ConfigError(file: file, line: root.line, message: "needs some of \(keys.joined(separator: ", "))") }
        for key in mapping.keys where !keys.contains(key.string ?? "") {
            throw ConfigError(file: file, line: key.line, message: "unknown key '\(key.string ?? "")' (expected \(keys.joined(separator: ", ")))")
        }
        var rules = InputDateRules()
        if let node = mapping["bank_time_zone"] {
            guard let name = node.string, name.utf8.count <= 64, let zone = TimeZone(identifier: name) else {
                throw ConfigError(file: file, line: node.line, message: "bank_time_zone must be an IANA time zone such as Asia/Shanghai")
            }
            rules.bankTimeZone = zone
        }
        for (key, range, keyPath) in [("payment_tolerance_days", InputDateRules.paymentToleranceLimit, \InputDateRules.paymentToleranceDays),
                                      ("longest_loan_term_years", InputDateRules.longestLoanTermLimit, \.longestLoanTermYears)] {
            guard let node = mapping[key] else { continue }
            guard let value = node.int, range.contains(value) else {
                throw ConfigError(file: file, line: node.line, message: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            rules[keyPath: keyPath] = value
        }
        return rules
    }
}
