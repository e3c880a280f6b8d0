/// Why a strategy cannot be used, naming the part of it (and, where it is one setting, the
/// setting's key as written in `strategy.yaml`) so that a loader can point at the line.
public enum StrategyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A part of a strategy. Lists are identified by position (and name, for people).
    public enum Part: Hashable, Sendable, CustomStringConvertible {
        case version
        case segmentRules
        case segmentRule(index: Int)
        case treatment(index: Int, name: String)
        case visitPolicy
        case holdPolicy
        case cells
        case cell(index: Int, name: String)
        case template(name: String)

        public var description: String {
            switch self {
            case .version: "version"
            case .segmentRules: "segments"
            case .segmentRule(let index): "segment rule \(index + 1)"
            case .treatment(let index, let name): name.isEmpty ? "treatment \(index + 1)" : "treatment '\(name)'"
            case .visitPolicy: "visit_policy"
            case .holdPolicy: "hold_policy"
            case .cells: "cells"
            case .cell(let index, let name): name.isEmpty ? "cell \(index + 1)" : "cell '\(name)'"
            case .template(let name): "template '\(name)'"
            }
        }
    }

    /// The version is empty, or there are no segment rules or no cells.
    case missing(Part)
    case emptyName(Part)
    /// The name of `Part` is used by an earlier part of the same kind.
    case duplicateName(Part)
    /// A condition lists nothing, so the rule could never apply.
    case emptyList(Part, key: String)
    case negativeDays(Part, key: String, value: Int)
    /// The lower bound `min` is above the upper bound `max`.
    case emptyRange(Part, min: String, max: String)
    case lastSegmentRuleHasConditions(Part)
    case daysAndBuckets(Part)
    case cadenceTooShort(Part, days: Int)
    case templateRequired(Part, channel: Channel)
    case unknownTemplate(Part, name: String)
    case unknownCell(Part, name: String)
    case unknownBucket(Part, name: String)
    case cellShareOutOfRange(Part, basisPoints: Int)
    case cellsDoNotAddUp(basisPoints: Int)
    /// A setting of a cell's `optimise` plan (`key` is `optimise.<setting>`) is outside `allowed`.
    case optimiseOutOfRange(Part, key: String, value: String, allowed: String)
    /// A template text (`key` is `body.<language>` or `subject.<language>`) is missing or empty.
    case missingText(Part, key: String)
    case unclosedPlaceholder(Part, key: String)
    case unknownPlaceholder(Part, key: String, placeholder: String)

    public var part: Part {
        switch self {
        case .missing(let part), .emptyName(let part), .duplicateName(let part), .emptyList(let part, _),
             .negativeDays(let part, _, _), .emptyRange(let part, _, _), .lastSegmentRuleHasConditions(let part),
             .daysAndBuckets(let part), .cadenceTooShort(let part, _), .templateRequired(let part, _),
             .unknownTemplate(let part, _), .unknownCell(let part, _), .unknownBucket(let part, _),
             .cellShareOutOfRange(let part, _), .missingText(let part, _), .unclosedPlaceholder(let part, _),
             .unknownPlaceholder(let part, _, _), .optimiseOutOfRange(let part, _, _, _):
            part
        case .cellsDoNotAddUp: .cells
        }
    }

    /// The setting within `part` that is wrong, as written in `strategy.yaml`; `nil` for the part as a whole.
    public var key: String? {
        switch self {
        case .emptyName, .duplicateName: "name"
        case .emptyList(_, let key), .negativeDays(_, let key, _), .emptyRange(_, let key, _), .missingText(_, let key),
             .unclosedPlaceholder(_, let key), .unknownPlaceholder(_, let key, _), .optimiseOutOfRange(_, let key, _, _):
            key
        case .daysAndBuckets: "buckets"
        case .cadenceTooShort: "cadence_days"
        case .templateRequired, .unknownTemplate: "template"
        case .unknownCell: "cells"
        case .unknownBucket: "buckets"
        case .cellShareOutOfRange: "percent"
        case .missing, .lastSegmentRuleHasConditions, .cellsDoNotAddUp: nil
        }
    }

    public var description: String {
        switch self {
        case .missing(.version): "version must not be empty"
        case .missing(let part): "\(part) must not be empty"
        case .emptyName(let part): "\(part) has no name"
        case .duplicateName(let part): "\(part) is defined twice; names must be unique"
        case .emptyList(let part, let key): "\(part): \(key) lists nothing, so it could never apply (leave the key out to mean any)"
        case .negativeDays(let part, let key, let value): "\(part): \(key) must be 0 or more days, not \(value)"
        case .emptyRange(let part, let min, let max): "\(part): \(min) is more than \(max), so the range is empty"
        case .lastSegmentRuleHasConditions(let part): "\(part) is the last segment rule and must match every case: give it a segment and no conditions"
        case .daysAndBuckets(let part): "\(part): give either min_days/max_days or buckets, not both"
        case .cadenceTooShort(let part, let days): "\(part): cadence_days must be at least 1, not \(days)"
        case .templateRequired(let part, let channel): "\(part): channel \(channel.rawValue) needs a template"
        case .unknownTemplate(let part, let name): "\(part): unknown template '\(name)'"
        case .unknownCell(let part, let name): "\(part): unknown cell '\(name)'"
        case .unknownBucket(let part, let name): "\(part): unknown bucket '\(name)'"
        case .cellShareOutOfRange(let part, let basisPoints): "\(part): percent must be more than 0 and at most 100, not \(MajorAmount.plainDecimal(Int64(basisPoints), minorDigits: 2))"
        case .cellsDoNotAddUp(let basisPoints): "cells add up to \(MajorAmount.plainDecimal(Int64(basisPoints), minorDigits: 2))%, not 100%"
        case .optimiseOutOfRange(let part, let key, let value, let allowed): "\(part): \(key) must be \(allowed), not \(value)"
        case .missingText(let part, let key): "\(part): \(key) is missing or empty"
        case .unclosedPlaceholder(let part, let key): "\(part): \(key) has a '{' without its '}'"
        case .unknownPlaceholder(let part, let key, let placeholder):
            "\(part): \(key) uses unknown placeholder {\(placeholder)} (known: \(MessageTemplate.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ")))"
        }
    }
}
