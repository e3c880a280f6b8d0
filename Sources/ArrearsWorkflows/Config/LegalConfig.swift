import ArrearsCore
import Foundation

/// Reads the legal time gates (`LegalTimeGates`, `LegalGate.checkTime`) from `legal.yaml`; every
/// key is optional, and without the file the gates are `LegalTimeGates.standard`:
///
/// ```yaml
/// filing_after_pay_by: true          # no filing on or before the demand letter's pay-by date
/// minimum_days_between_stages: 0     # days a case stays in a stage before it moves on (closing excepted)
/// ```
public enum LegalConfig {
    public static let fileName = "legal.yaml"
    /// The longest minimum stay in a stage a file may ask for.
    public static let longestMinimumDays = 365

    /// The gates in `directory/legal.yaml`, or the standard ones when there is no such file.
    public static func load(fromDirectory directory: String) throws(ConfigError) -> LegalTimeGates {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return .standard }
        return try parse(file.text, file: file.path)
    }

    /// The gates in `text`; an unknown key or a value out of range is a `ConfigError` naming the
    /// file, the line and the field.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> LegalTimeGates {
        guard let root = try ConfigYAML.compose(text, file: file) else { return .standard }
        let fields = ConfigFields(root, file: file)
        try fields.only(["filing_after_pay_by", "minimum_days_between_stages"])
        let standard = LegalTimeGates.standard
        return LegalTimeGates(
            minimumDaysBetweenStages: try fields.int("minimum_days_between_stages", in: 0...longestMinimumDays) ?? standard.minimumDaysBetweenStages,
            filingAfterPayBy: try fields.bool("filing_after_pay_by") ?? standard.filingAfterPayBy)
    }
}
