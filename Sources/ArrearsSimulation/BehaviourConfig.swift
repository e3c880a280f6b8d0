import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import Yams

/// Reads a `BehaviourModel` from `behaviour.yaml` (the default is `config/behaviour.yaml`; every
/// key is explained there and in docs/simulation.md):
///
/// ```yaml
/// version: demo-1
/// channels:
///   sms: { right_party_contact: 0.90, pay_all: 0.030, pay_part: 0.015, promise: 0.020, large_debt_factor: 0.5 }
///   …                                           # every channel: email, call, visit, letter, legal_review
/// segments:
///   prime: { response_factor: 1.5, self_cure: 0.040, promise_kept: 0.60, promise_partly_kept: 0.15 }
///   …                                           # standard, high_risk
/// dpd_bands: [{ max_dpd: 30, factor: 1.0 }, { factor: 0.4 }]
/// large_debt_from: 50000
/// part_payment_share: { min: 0.2, max: 0.6 }    # also promise_share, partly_kept_share
/// promise_days: { min: 3, max: 14 }
/// pay_on_time: { A: 0.985, B: 0.97, C: 0.95, D: 0.92, E: 0.88 }
/// # optional: the customer's own characteristics (each missing section changes nothing)
/// rating_factor: { A: 1.5, B: 1.2, C: 1.0, D: 0.7, E: 0.45 }
/// burden_bands: [{ max_ratio: 0.05, factor: 1.3 }, { factor: 0.6 }]
/// broken_promises: { response_factor: 0.7, keep_factor: 0.6, counted: 3 }
/// channel_effects:                              # who each channel moves most; any channel, any of the three
///   call: { days_since_payment: [{ max: 30, factor: 1.5 }, { factor: 0.4 }], overdue: [{ max: 3000, factor: 1.3 }, { factor: 0.8 }] }
///   sms: { days_past_due: [{ max: 7, factor: 1.6 }, { factor: 0.4 }] }
/// ```
///
/// Anything missing, unknown or out of range is a `ConfigError` naming the line.
public enum BehaviourConfig {
    public static let fileName = "behaviour.yaml"

    public static func load(path: String) throws -> BehaviourModel {
        return try parse(try ConfigYAML.read(path), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> BehaviourModel {
        let root = try ConfigYAML.compose(text, file: file)
        let reader = Reader(file: file)
        let top = try reader.mapping(root, line: nil, what: "the file", keys: [
            "version", "channels", "segments", "dpd_bands", "large_debt_from", "part_payment_share", "promise_share",
            "promise_days", "partly_kept_share", "pay_on_time",
        ], optional: ["rating_factor", "burden_bands", "broken_promises", "channel_effects"])
        guard let version = try top.string("version"), !version.isEmpty else { throw top.fail("version", "version must not be empty") }
        let largeDebtFrom: MajorAmount
        do { largeDebtFrom = try MajorAmount(try top.string("large_debt_from") ?? "") } catch {
            throw top.fail("large_debt_from", "large_debt_from must be an amount in major units, such as 50000")
        }
        return BehaviourModel(
            version: version,
            channels: try reader.table(
                top, "channels", keys: Channel.allCases,
                fields: ["right_party_contact", "pay_all", "pay_part", "promise", "large_debt_factor"]
            ) { values in
                BehaviourModel.ChannelResponse(
                    rightPartyContact: try values.chance("right_party_contact"), payAll: try values.chance("pay_all"),
                    payPart: try values.chance("pay_part"), promise: try values.chance("promise"),
                    largeDebtFactor: try values.factor("large_debt_factor"))
            },
            segments: try reader.table(
                top, "segments", keys: Segment.allCases, fields: ["response_factor", "self_cure", "promise_kept", "promise_partly_kept"]
            ) { values in
                let segment = BehaviourModel.SegmentBehaviour(
                    responseFactor: try values.factor("response_factor"), selfCure: try values.chance("self_cure"),
                    promiseKept: try values.chance("promise_kept"), promisePartlyKept: try values.chance("promise_partly_kept"))
                guard segment.promiseKept + segment.promisePartlyKept <= 1 else {
                    throw values.fail(nil, "promise_kept and promise_partly_kept add up to more than 1")
                }
                return segment
            },
            dpdBands: try reader.bands(top),
            largeDebtFrom: largeDebtFrom,
            partPaymentShare: try reader.shareRange(top, "part_payment_share"),
            promiseShare: try reader.shareRange(top, "promise_share"),
            promiseDays: try reader.dayRange(top, "promise_days"),
            partlyKeptShare: try reader.shareRange(top, "partly_kept_share"),
            payOnTime: try reader.chances(top, "pay_on_time", keys: CreditRating.allCases),
            ratingFactor: top.value("rating_factor") == nil
                ? Dictionary(uniqueKeysWithValues: CreditRating.allCases.map { ($0, 1.0) })
                : try reader.factors(top, "rating_factor", keys: CreditRating.allCases),
            burdenBands: top.value("burden_bands") == nil ? [BehaviourModel.BurdenBand(maxRatio: nil, factor: 1)] : try reader.burdenBands(top),
            brokenPromises: top.value("broken_promises") == nil ? .none : try reader.brokenPromises(top),
            channelEffects: top.value("channel_effects") == nil ? [:] : try reader.channelEffects(top)
        )
    }
}

/// Reads the behaviour file's sections with the configuration field reader, every section
/// holding exactly its keys.
private struct Reader {
    let file: String

    /// `node` as a section named `what` with exactly `keys`, and any of `optional`; `line` is
    /// where `node` is named (its key's line).
    func mapping(_ node: Node?, line: Int?, what: String, keys: [String], optional: [String] = []) throws(ConfigError) -> ConfigFields {
        guard let node, node.mapping != nil else {
            throw ConfigError(file: file, line: node?.line ?? line, message: "\(what) must be a mapping with \(keys.joined(separator: ", "))")
        }
        let fields = ConfigFields(node, file: file, path: what)
        try fields.only(keys + optional)
        if let missing = keys.first(where: { fields.value($0) == nil }) {
            throw ConfigError(file: file, line: line ?? fields.line, message: "\(what) needs '\(missing)'")
        }
        return fields
    }

    /// The section under `key` of `top`, with exactly `keys`.
    func section(_ top: ConfigFields, _ key: String, keys: [String]) throws(ConfigError) -> ConfigFields {
        try mapping(top.value(key), line: top.mapping?.keys.first { $0.string == key }?.line, what: key, keys: keys)
    }

    /// A mapping under `key` with one entry per value of `keys`, each a mapping of exactly
    /// `fields` read by `read`.
    func table<Key: RawRepresentable & Hashable, Value>(
        _ top: ConfigFields, _ key: String, keys: [Key], fields: [String], read: (ConfigFields) throws -> Value
    ) throws -> [Key: Value] where Key.RawValue == String {
        let entries = try section(top, key, keys: keys.map(\.rawValue))
        var result: [Key: Value] = [:]
        for entry in keys {
            let node = entries.value(entry.rawValue)
            result[entry] = try read(try mapping(node, line: node?.line, what: "\(key).\(entry.rawValue)", keys: fields))
        }
        return result
    }

    /// A mapping under `key` of a chance per value of `keys` (credit ratings).
    func chances<Key: RawRepresentable & Hashable>(_ top: ConfigFields, _ key: String, keys: [Key]) throws -> [Key: Double] where Key.RawValue == String {
        let values = try section(top, key, keys: keys.map(\.rawValue))
        var result: [Key: Double] = [:]
        for entry in keys { result[entry] = try values.chance(entry.rawValue) }
        return result
    }

    /// A mapping under `key` of a factor of 0 or more per value of `keys` (credit ratings).
    func factors<Key: RawRepresentable & Hashable>(_ top: ConfigFields, _ key: String, keys: [Key]) throws -> [Key: Double] where Key.RawValue == String {
        let values = try section(top, key, keys: keys.map(\.rawValue))
        var result: [Key: Double] = [:]
        for entry in keys { result[entry] = try values.factor(entry.rawValue) }
        return result
    }

    /// `burden_bands`: a list of `{ max_ratio, factor }` in increasing order, the last without `max_ratio`.
    func burdenBands(_ top: ConfigFields) throws -> [BehaviourModel.BurdenBand] {
        guard let list = top.value("burden_bands")?.sequence, !list.isEmpty else {
            throw top.fail("burden_bands", "burden_bands must be a list of { max_ratio, factor }, the last without max_ratio")
        }
        var bands: [BehaviourModel.BurdenBand] = []
        for (index, node) in list.enumerated() {
            let isLast = index == list.count - 1
            let band = try mapping(node, line: node.line, what: "burden band", keys: isLast ? ["factor"] : ["max_ratio", "factor"])
            var maxRatio: Double?
            if !isLast {
                guard let ratio = try band.string("max_ratio").flatMap(Double.init), ratio.isFinite, ratio > (bands.last?.maxRatio ?? 0) else {
                    throw band.fail("max_ratio", "max_ratio must be a number above 0 and above the previous band's")
                }
                maxRatio = ratio
            }
            bands.append(BehaviourModel.BurdenBand(maxRatio: maxRatio, factor: try band.factor("factor")))
        }
        return bands
    }

    /// `broken_promises: { response_factor, keep_factor, counted }`.
    func brokenPromises(_ top: ConfigFields) throws -> BehaviourModel.BrokenPromises {
        let values = try section(top, "broken_promises", keys: ["response_factor", "keep_factor", "counted"])
        guard let counted = try values.int("counted", atLeast: 0) else { throw values.fail("counted", "counted must be a whole number >= 0") }
        return BehaviourModel.BrokenPromises(responseFactor: try values.factor("response_factor"), keepFactor: try values.chance("keep_factor"),
                                             counted: counted)
    }

    /// `channel_effects`: per channel (any of them), any of `days_past_due`, `days_since_payment`
    /// and `overdue`, each a list of `{ max, factor }` in increasing order, the last without `max`.
    func channelEffects(_ top: ConfigFields) throws -> [Channel: BehaviourModel.ChannelEffects] {
        guard let node = top.value("channel_effects"), node.mapping != nil else {
            throw top.fail("channel_effects", "channel_effects must be a mapping of channels to their effect modifiers")
        }
        let entries = ConfigFields(node, file: file, path: "channel_effects")
        try entries.only(Channel.allCases.map(\.rawValue))
        var result: [Channel: BehaviourModel.ChannelEffects] = [:]
        for channel in Channel.allCases {
            guard let entry = entries.value(channel.rawValue) else { continue }
            let what = "channel_effects.\(channel.rawValue)"
            let fields = try mapping(entry, line: entry.line, what: what, keys: [], optional: ["days_past_due", "days_since_payment", "overdue"])
            result[channel] = BehaviourModel.ChannelEffects(
                daysPastDue: try effectBands(fields, "days_past_due", what: what),
                daysSincePayment: try effectBands(fields, "days_since_payment", what: what),
                overdue: try effectBands(fields, "overdue", what: what))
        }
        return result
    }

    /// A list of `{ max, factor }` under `key` in increasing order of `max`, the last without it; empty when absent.
    private func effectBands(_ fields: ConfigFields, _ key: String, what: String) throws -> [BehaviourModel.EffectBand] {
        guard fields.value(key) != nil else { return [] }
        guard let list = fields.value(key)?.sequence, !list.isEmpty else {
            throw fields.fail(key, "\(what).\(key) must be a list of { max, factor }, the last without max")
        }
        var bands: [BehaviourModel.EffectBand] = []
        for (index, node) in list.enumerated() {
            let isLast = index == list.count - 1
            let band = try mapping(node, line: node.line, what: "\(what).\(key) band", keys: isLast ? ["factor"] : ["max", "factor"])
            var max: Double?
            if !isLast {
                guard let value = try band.string("max").flatMap(Double.init), value.isFinite, value >= 0,
                      bands.last.map({ value > ($0.max ?? 0) }) ?? true else {
                    throw band.fail("max", "max must be a number of 0 or more, above the previous band's")
                }
                max = value
            }
            bands.append(BehaviourModel.EffectBand(max: max, factor: try band.factor("factor")))
        }
        return bands
    }

    /// `dpd_bands`: a list of `{ max_dpd, factor }` in increasing order, the last without `max_dpd`.
    func bands(_ top: ConfigFields) throws -> [BehaviourModel.DPDBand] {
        guard let list = top.value("dpd_bands")?.sequence, !list.isEmpty else {
            throw top.fail("dpd_bands", "dpd_bands must be a list of { max_dpd, factor }, the last without max_dpd")
        }
        var bands: [BehaviourModel.DPDBand] = []
        for (index, node) in list.enumerated() {
            let isLast = index == list.count - 1
            let band = try mapping(node, line: node.line, what: "dpd band", keys: isLast ? ["factor"] : ["max_dpd", "factor"])
            var maxDays: Int?
            if !isLast {
                guard let days = band.value("max_dpd")?.int, days >= (bands.last?.maxDays ?? 0) + 1 else {
                    throw band.fail("max_dpd", "max_dpd must be a whole number of days above the previous band's")
                }
                maxDays = days
            }
            bands.append(BehaviourModel.DPDBand(maxDays: maxDays, factor: try band.factor("factor")))
        }
        return bands
    }

    /// `{ min, max }` shares from 0 to 1, as basis points.
    func shareRange(_ top: ConfigFields, _ key: String) throws -> ClosedRange<Int> {
        try range(top, key) { bounds, bound throws(ConfigError) in
            guard let text = try bounds.string(bound), let points = try? DecimalAmount.parse(text, minorDigits: 4), points > 0, points <= 10_000 else {
                throw bounds.fail(bound, "a share is a number above 0 and at most 1, with up to four decimals")
            }
            return Int(points)
        }
    }

    /// `{ min, max }` whole days, at least 1.
    func dayRange(_ top: ConfigFields, _ key: String) throws -> ClosedRange<Int> {
        try range(top, key) { bounds, bound throws(ConfigError) in
            guard let days = try bounds.int(bound, atLeast: 1) else { throw bounds.fail(bound, "\(bound) must be a whole number >= 1") }
            return days
        }
    }

    private func range(_ top: ConfigFields, _ key: String, value: (ConfigFields, String) throws(ConfigError) -> Int) throws(ConfigError) -> ClosedRange<Int> {
        let bounds = try section(top, key, keys: ["min", "max"])
        let low = try value(bounds, "min"), high = try value(bounds, "max")
        guard low <= high else { throw bounds.fail("max", "max is below min") }
        return low...high
    }
}

private extension ConfigFields {
    /// A probability from 0 to 1.
    func chance(_ key: String) throws(ConfigError) -> Double {
        try number(key, expected: "a chance from 0 to 1") { $0 >= 0 && $0 <= 1 }
    }

    /// A factor of 0 or more.
    func factor(_ key: String) throws(ConfigError) -> Double {
        try number(key, expected: "a factor of 0 or more") { $0 >= 0 && $0.isFinite }
    }

    private func number(_ key: String, expected: String, accepts: (Double) -> Bool) throws(ConfigError) -> Double {
        guard let value = try string(key).flatMap(Double.init), accepts(value) else { throw fail(key, "\(key) must be \(expected)") }
        return value
    }
}
