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
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return InputDateRules() }
        return try parse(file.text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws(ConfigError) -> InputDateRules {
        let root = try ConfigYAML.compose(text, file: file)
        guard let root else { return InputDateRules() }
        let fields = ConfigFields(root, file: file)
        try fields.only(["bank_time_zone", "payment_tolerance_days", "longest_loan_term_years"])
        var rules = InputDateRules()
        if let name = try fields.string("bank_time_zone") {
            guard name.utf8.count <= 64, let zone = TimeZone(identifier: name) else {
                throw fields.fail("bank_time_zone", "bank_time_zone must be an IANA time zone such as Asia/Shanghai")
            }
            rules.bankTimeZone = zone
        }
        for (key, range, keyPath) in [("payment_tolerance_days", InputDateRules.paymentToleranceLimit, \InputDateRules.paymentToleranceDays),
                                      ("longest_loan_term_years", InputDateRules.longestLoanTermLimit, \.longestLoanTermYears)] {
            if let value = try fields.int(key, in: range) { rules[keyPath: keyPath] = value }
        }
        return rules
    }
}
