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
/// ```
///
/// Anything missing, unknown or out of range is a `ConfigError` naming the line.
public enum BehaviourConfig {
    public static let fileName = "behaviour.yaml"

    public static func load(path: String) throws -> BehaviourModel {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> BehaviourModel {
        let root = try ConfigYAML.compose(text, file: file)
        let reader = Reader(file: file)
        let top = try reader.mapping(root, line: nil, what: "the file", keys: [
            "version", "channels", "segments", "dpd_bands", "large_debt_from", "part_payment_share", "promise_share",
            "promise_days", "partly_kept_share", "pay_on_time",
        ])
        guard let version = top["version"]!.string, !version.isEmpty else {
            throw reader.error(top["version"]!.line, "version must not be empty")
        }
        let largeDebt = top["large_debt_from"]!
        let largeDebtFrom: MajorAmount
        do { largeDebtFrom = try MajorAmount(largeDebt.string ?? "") } catch {
            throw reader.error(largeDebt.line, "large_debt_from must be an amount in major units, such as 50000")
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
                    throw values.error("promise_kept and promise_partly_kept add up to more than 1")
                }
                return segment
            },
            dpdBands: try reader.bands(top),
            largeDebtFrom: largeDebtFrom,
            partPaymentShare: try reader.shareRange(top, "part_payment_share"),
            promiseShare: try reader.shareRange(top, "promise_share"),
            promiseDays: try reader.dayRange(top, "promise_days"),
            partlyKeptShare: try reader.shareRange(top, "partly_kept_share"),
            payOnTime: try reader.chances(top, "pay_on_time", keys: CreditRating.allCases)
        )
    }
}

/// Reads values out of YAML nodes, with errors naming the file and the line.
private struct Reader {
    let file: String

    func error(_ line: Int?, _ message: String) -> ConfigError { ConfigError(file: file, line: line, message: message) }

    /// `node` as a mapping with exactly `keys`; `line` is where `node` is named (its key's line).
    func mapping(_ node: Node?, line: Int?, what: String, keys: [String]) throws -> Node.Mapping {
        guard let mapping = node?.mapping else { throw error(node?.line ?? line, "\(what) must be a mapping with \(keys.joined(separator: ", "))") }
        for key in mapping.keys where !keys.contains(key.string ?? "") {
            throw error(key.line, "\(what): unknown key '\(key.string ?? "?")' (expected \(keys.joined(separator: ", ")))")
        }
        if let missing = keys.first(where: { mapping[$0] == nil }) {
            throw error(line ?? mapping.mark?.line, "\(what) needs '\(missing)'")
        }
        return mapping
    }

    /// The mapping under `key` of `top`, with exactly `keys`.
    func section(_ top: Node.Mapping, _ key: String, keys: [String]) throws -> Node.Mapping {
        try mapping(top[key], line: top.keys.first { $0.string == key }?.line, what: "'\(key)'", keys: keys)
    }

    /// A mapping under `key` with one entry per value of `keys`, each a mapping of exactly
    /// `fields` read by `read`.
    func table<Key: RawRepresentable & Hashable, Value>(
        _ top: Node.Mapping, _ key: String, keys: [Key], fields: [String], read: (Values) throws -> Value
    ) throws -> [Key: Value] where Key.RawValue == String {
        let entries = try section(top, key, keys: keys.map(\.rawValue))
        var result: [Key: Value] = [:]
        for entry in keys {
            let node = entries[entry.rawValue]!
            let what = "\(key).\(entry.rawValue)"
            result[entry] = try read(Values(reader: self, mapping: try mapping(node, line: node.line, what: what, keys: fields), what: what))
        }
        return result
    }

    /// A mapping under `key` of a chance per value of `keys` (credit ratings).
    func chances<Key: RawRepresentable & Hashable>(_ top: Node.Mapping, _ key: String, keys: [Key]) throws -> [Key: Double] where Key.RawValue == String {
        let values = Values(reader: self, mapping: try section(top, key, keys: keys.map(\.rawValue)), what: key)
        var result: [Key: Double] = [:]
        for entry in keys { result[entry] = try values.chance(entry.rawValue) }
        return result
    }

    /// `dpd_bands`: a list of `{ max_dpd, factor }` in increasing order, the last without `max_dpd`.
    func bands(_ top: Node.Mapping) throws -> [BehaviourModel.DPDBand] {
        guard let list = top["dpd_bands"]?.sequence, !list.isEmpty else {
            throw error(top["dpd_bands"]!.line, "dpd_bands must be a list of { max_dpd, factor }, the last without max_dpd")
        }
        var bands: [BehaviourModel.DPDBand] = []
        for (index, node) in list.enumerated() {
            let isLast = index == list.count - 1
            let band = try mapping(node, line: node.line, what: "dpd band", keys: isLast ? ["factor"] : ["max_dpd", "factor"])
            let values = Values(reader: self, mapping: band, what: "dpd band")
            var maxDays: Int?
            if !isLast {
                guard let days = band["max_dpd"]?.int, days >= (bands.last?.maxDays ?? 0) + 1 else {
                    throw error(band["max_dpd"]?.line, "max_dpd must be a whole number of days above the previous band's")
                }
                maxDays = days
            }
            bands.append(BehaviourModel.DPDBand(maxDays: maxDays, factor: try values.factor("factor")))
        }
        return bands
    }

    /// `{ min, max }` shares from 0 to 1, as basis points.
    func shareRange(_ top: Node.Mapping, _ key: String) throws -> ClosedRange<Int> {
        try range(top, key) { node in
            guard let text = node.string, let points = try? DecimalAmount.parse(text, minorDigits: 4), points > 0, points <= 10_000 else {
                throw error(node.line, "\(key): a share is a number above 0 and at most 1, with up to four decimals")
            }
            return Int(points)
        }
    }

    /// `{ min, max }` whole days, at least 1.
    func dayRange(_ top: Node.Mapping, _ key: String) throws -> ClosedRange<Int> {
        try range(top, key) { node in
            guard let days = node.int, days >= 1 else { throw error(node.line, "\(key): days must be a whole number >= 1") }
            return days
        }
    }

    private func range(_ top: Node.Mapping, _ key: String, value: (Node) throws -> Int) throws -> ClosedRange<Int> {
        let bounds = try section(top, key, keys: ["min", "max"])
        let low = try value(bounds["min"]!), high = try value(bounds["max"]!)
        guard low <= high else { throw error(bounds["max"]!.line, "\(key): max is below min") }
        return low...high
    }
}

/// The numbers of one mapping of the behaviour file.
private struct Values {
    let reader: Reader
    let mapping: Node.Mapping
    let what: String

    func error(_ message: String) -> ConfigError { reader.error(mapping.mark?.line, "\(what): \(message)") }

    /// A probability from 0 to 1.
    func chance(_ key: String) throws -> Double {
        try number(key, expected: "a chance from 0 to 1") { $0 >= 0 && $0 <= 1 }
    }

    /// A factor of 0 or more.
    func factor(_ key: String) throws -> Double {
        try number(key, expected: "a factor of 0 or more") { $0 >= 0 && $0.isFinite }
    }

    private func number(_ key: String, expected: String, accepts: (Double) -> Bool) throws -> Double {
        let node = mapping[key]!
        guard let value = node.string.flatMap(Double.init), accepts(value) else {
            throw reader.error(node.line, "\(what).\(key) must be \(expected)")
        }
        return value
    }
}
